package io.quantbench.engine.model;

import io.quantbench.engine.EditedTensor;
import io.quantbench.engine.format.WeightFormat;
import io.quantbench.engine.io.CheckpointTensor;
import io.quantbench.engine.io.ModelConfig;
import io.quantbench.engine.kernel.KernelPool;
import io.quantbench.engine.plan.QuantizationPlan;
import io.quantbench.engine.synth.KnownModel;
import io.quantbench.engine.synth.SyntheticCheckpoint;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad weights and bad requests fail with a message that names the tensor, the value or the limit. */
class BadModelInputTest {

    private static final SyntheticCheckpoint LLAMA = SyntheticCheckpoint.of(KnownModel.LLAMA32_1B.miniature(), 3);

    @Test
    void aMissingTensorIsNamed() {
        String message = loadError(edited(name -> name.equals("blk.1.ffn_up.weight") ? null : LLAMA.require(name)),
                WeightFormat.INT8);
        assertTrue(message.contains("tensor blk.1.ffn_up.weight is missing"), message);
    }

    @Test
    void aNaNWeightIsNamedWithItsPlace() {
        for (WeightFormat format : WeightFormat.values()) {
            String message = loadError(edited(name -> name.equals("blk.0.attn_v.weight")
                    ? withNaN(LLAMA.require(name), 3, 17) : LLAMA.require(name)), format);
            assertTrue(message.contains("blk.0.attn_v.weight") && message.contains("row 3, column 17") && message.contains("NaN"),
                    format + ": " + message);
        }
        String norm = loadError(edited(name -> name.equals("blk.1.ffn_norm.weight")
                ? withNaN(LLAMA.require(name), 0, 5) : LLAMA.require(name)), WeightFormat.F32);
        assertTrue(norm.contains("tensor blk.1.ffn_norm.weight holds NaN at index 5"), norm);
    }

    @Test
    void aTensorOfTheWrongShapeIsNamed() {
        String message = loadError(edited(name -> name.equals("blk.0.attn_q.weight") ? LLAMA.require("blk.0.attn_k.weight")
                : LLAMA.require(name)), WeightFormat.F32);
        assertTrue(message.contains("tensor blk.0.attn_k.weight has shape {128, 32}; the model expects {128, 128}"), message);
    }

    @Test
    void aPlanRuleThatSelectsNothingIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Models.load(LLAMA, QuantizationPlan.parse("INT8,attn_qkv=F32"), LoadOptions.of(1)));
        assertTrue(e.getMessage().contains("attn_qkv=F32 selects no linear layer"), e.getMessage());
    }

    @Test
    void tokensAndSequencesOutOfRangeAreErrors() {
        Transformer m = Models.load(LLAMA, QuantizationPlan.uniform(WeightFormat.F32), LoadOptions.of(1));
        try (KernelPool pool = new KernelPool(2); KernelPool single = new KernelPool(1)) {
            RunState s = m.newState(8, 4, 1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.forward(s, new int[] {1, 320}, 0, 2, single));
            assertTrue(e.getMessage().contains("token 320 at index 1 is outside the vocabulary of 320"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> m.forward(s, new int[] {1}, 0, 1, pool));
            assertTrue(e.getMessage().contains("sized for 1 threads, the pool has 2"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> m.newState(65, 4, 1));
            assertTrue(e.getMessage().contains("does not fit") && e.getMessage().contains("context of 64"), e.getMessage());
        }
    }

    private static String loadError(ModelSource source, WeightFormat format) {
        return assertThrows(IllegalArgumentException.class,
                () -> Models.load(source, QuantizationPlan.uniform(format), LoadOptions.of(2))).getMessage();
    }

    /** LLAMA with tensors replaced (or removed, when the function gives null). */
    private static ModelSource edited(Function<String, CheckpointTensor> tensors) {
        return new ModelSource() {
            @Override
            public String name() {
                return "edited";
            }

            @Override
            public ModelConfig config() {
                return LLAMA.config();
            }

            @Override
            public Optional<CheckpointTensor> tensor(String name) {
                return LLAMA.tensor(name).isPresent() ? Optional.ofNullable(tensors.apply(name)) : Optional.empty();
            }
        };
    }

    /** {@code inner} with NaN at one row and column. */
    private static CheckpointTensor withNaN(CheckpointTensor inner, long row, int column) {
        return new EditedTensor(inner, (firstRow, rowCount, out, offset) -> {
            if (row >= firstRow && row < firstRow + rowCount) {
                out[offset + (int) (row - firstRow) * inner.rowLength() + column] = Float.NaN;
            }
        });
    }
}
