package io.quantbench.engine.adaptive;

import io.quantbench.engine.format.WeightFormat;
import io.quantbench.engine.io.CheckpointTensor;
import io.quantbench.engine.model.ModelSource;
import io.quantbench.engine.model.Models;
import io.quantbench.engine.plan.QuantizationPlan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A part of a model that an allocation gives one weight format: one linear layer of a block ({@code blk.3.ffn_up})
 * or a whole block ({@code blk.3}, all its linear layers). The selector is the {@link QuantizationPlan} selector of
 * that part, so a unit turns into a plan rule as it is.
 *
 * @param index    the unit's place in the model (block by block, each block's layers in the forward pass's order)
 * @param selector the plan selector: {@code blk.N.kind} or {@code blk.N}
 * @param block    the block it belongs to
 * @param linears  the linear layers it covers
 */
public record PlanUnit(int index, String selector, int block, List<LinearShape> linears) {

    /** How finely a model is cut into units. */
    public enum Granularity {
        /** Every linear layer of every block is a unit (stories260K: 35). */
        LINEAR,
        /** Every block is a unit (DistilGPT-2: 6, the "layers" of study A). */
        BLOCK;

        /** {@code linear} or {@code block} (case-insensitive), or an error that lists both. */
        public static Granularity parse(String name) {
            for (Granularity g : values()) {
                if (g.name().equalsIgnoreCase(name.trim())) {
                    return g;
                }
            }
            throw new IllegalArgumentException("unknown granularity '" + name + "'; valid: "
                    + Arrays.stream(values()).map(g -> g.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }

    /** One linear layer: llama.cpp's name without {@code .weight}, and {@code rows x cols} (outputs x inputs). */
    public record LinearShape(String name, int rows, int cols) {

        /** Bits the layer takes in {@code format}, scales and the zero columns that pad a row to whole blocks included. */
        public long storageBits(WeightFormat format) {
            int multiple = format.requiredColumnMultiple();
            int padded = (cols + multiple - 1) / multiple * multiple;
            return 8 * format.storageBytes(rows, padded);
        }

        public long weights() {
            return (long) rows * cols;
        }
    }

    /**
     * The units of the model in {@code source}, in model order. Shapes come from the tensors ({@code ne = {cols, rows}}).
     *
     * @throws IllegalArgumentException if a block's linear layer is missing or not a matrix
     */
    public static List<PlanUnit> of(ModelSource source, Granularity granularity) {
        List<String> kinds = Models.linearKinds(source.config());
        List<PlanUnit> units = new ArrayList<>();
        for (int b = 0; b < source.config().blockCount(); b++) {
            List<LinearShape> block = new ArrayList<>();
            for (String kind : kinds) {
                String name = "blk." + b + "." + kind;
                CheckpointTensor t = source.require(name + ".weight");
                long[] ne = t.ne();
                if (ne.length != 2) {
                    throw new IllegalArgumentException(source.name() + ": tensor " + name + ".weight has shape " + t.shape()
                            + "; a linear layer is a matrix");
                }
                block.add(new LinearShape(name, (int) ne[1], (int) ne[0]));
            }
            if (granularity == Granularity.BLOCK) {
                units.add(new PlanUnit(units.size(), "blk." + b, b, List.copyOf(block)));
            } else {
                for (LinearShape l : block) {
                    units.add(new PlanUnit(units.size(), l.name(), b, List.of(l)));
                }
            }
        }
        return List.copyOf(units);
    }

    /** Weights of the unit's layers (real ones, not the padding). */
    public long weights() {
        return linears.stream().mapToLong(LinearShape::weights).sum();
    }

    /** Bits of the unit's layers in {@code format}. */
    public long storageBits(WeightFormat format) {
        return linears.stream().mapToLong(l -> l.storageBits(format)).sum();
    }

    /** Whether the unit is a whole block. */
    public boolean isBlock() {
        return selector.equals("blk." + block);
    }

    @Override
    public String toString() {
        return selector;
    }
}
