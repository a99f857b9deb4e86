package io.quantbench.engine.adaptive;

import io.quantbench.engine.format.WeightFormat;
import io.quantbench.engine.kernel.KernelPool;
import io.quantbench.engine.model.LoadOptions;
import io.quantbench.engine.model.ModelSource;
import io.quantbench.engine.model.Models;
import io.quantbench.engine.model.Transformer;
import io.quantbench.engine.plan.QuantizationPlan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Measures the importance of every unit of a model ({@link LayerImportance}): its sensitivity, by running the model
 * over a calibration text with only that unit quantized and comparing the next-token distributions with FP32's, and
 * the cheap proxies, from the weights and the activations of one FP32 pass over the same text.
 *
 * <p>A sensitivity costs a model load and a pass over the calibration text per unit (and per format), which is
 * nothing for stories260K (35 linear layers, 260K parameters) and about a second per unit for the DistilGPT-2 shape;
 * the proxies cost one pass in all.
 */
public final class Importance {

    private Importance() {
    }

    /**
     * @param source          the model, loaded in FP32 as the reference and once more per unit and format measured
     * @param units           the units to measure ({@link PlanUnit#of})
     * @param calibration     token sequences (each at least 2 tokens, within the model's context)
     * @param int8Sensitivity whether to also measure each unit's sensitivity in INT8 (the budget allocation needs it)
     * @param threads         threads of the kernel pool and of loading
     * @param progress        told what is being measured, one line at a time
     */
    public static List<LayerImportance> measure(ModelSource source, List<PlanUnit> units, List<int[]> calibration,
                                                boolean int8Sensitivity, int threads, Consumer<String> progress) {
        try (KernelPool pool = new KernelPool(threads)) {
            progress.accept("FP32 reference over the calibration text (" + calibration.size() + " sequences)");
            Transformer fp32 = Models.load(source, QuantizationPlan.uniform(WeightFormat.F32), LoadOptions.of(threads));
            ColumnMoments moments = new ColumnMoments();
            ReferenceLogits reference = ReferenceLogits.of(fp32, calibration, pool, moments);
            fp32 = null;                                          // a large model need not stay in memory while others load

            Map<String, WeightStatistics> weights = weightStatistics(source, units, moments);
            List<LayerImportance> out = new ArrayList<>();
            for (PlanUnit unit : units) {
                progress.accept("sensitivity of " + unit.selector() + " (" + (unit.index() + 1) + " of " + units.size() + ")");
                double kl4 = sensitivity(source, unit, WeightFormat.INT4, reference, pool, threads);
                double kl8 = int8Sensitivity ? sensitivity(source, unit, WeightFormat.INT8, reference, pool, threads) : Double.NaN;
                out.add(importance(source, unit, kl4, kl8, weights));
            }
            return List.copyOf(out);
        }
    }

    /**
     * The measures that need no model run, from the weights alone: INT4 error, kurtosis, outlier share and position;
     * sensitivity and activation-weighted error are NaN. For models too large to run in FP32 here, one unit at a time.
     */
    public static List<LayerImportance> fromWeights(ModelSource source, List<PlanUnit> units, Consumer<String> progress) {
        progress.accept("INT4 error of the weights of " + units.size() + " units");
        Map<String, WeightStatistics> weights = weightStatistics(source, units, null);
        return units.stream().map(u -> importance(source, u, Double.NaN, Double.NaN, weights)).toList();
    }

    /** Each unit's layers' statistics, the activations' column moments (or null) weighting their errors. */
    private static Map<String, WeightStatistics> weightStatistics(ModelSource source, List<PlanUnit> units,
                                                                  ColumnMoments moments) {
        Map<String, WeightStatistics> weights = new HashMap<>();
        for (PlanUnit unit : units) {
            for (PlanUnit.LinearShape l : unit.linears()) {
                float[] w = source.require(l.name() + ".weight").dequantize();
                weights.put(l.name(), WeightStatistics.of(w, l.rows(), l.cols(),
                        moments == null ? null : moments.meanSquares(l.name())));
            }
        }
        return weights;
    }

    private static LayerImportance importance(ModelSource source, PlanUnit unit, double kl4, double kl8,
                                              Map<String, WeightStatistics> weights) {
        List<WeightStatistics> layers = unit.linears().stream().map(l -> weights.get(l.name())).toList();
        return new LayerImportance(unit, kl4, kl8, WeightStatistics.relativeError(layers),
                WeightStatistics.relativeWeightedError(layers), WeightStatistics.meanKurtosis(layers),
                WeightStatistics.meanOutlierShare(layers), position(unit.block(), source.config().blockCount()));
    }

    /** Mean KL from the reference with only {@code unit} in {@code format} (everything else, the head included, FP32). */
    static double sensitivity(ModelSource source, PlanUnit unit, WeightFormat format, ReferenceLogits reference,
                              KernelPool pool, int threads) {
        QuantizationPlan plan = QuantizationPlan.parse("F32," + unit.selector() + "=" + format + ",head=F32");
        Transformer model = Models.load(source, plan, LoadOptions.of(threads));
        return reference.compare(model, pool).meanKl();
    }

    /** 1 for the first and the last block, 0 for the middle one, linear in between; 1 for a one-block model. */
    static double position(int block, int blocks) {
        return blocks == 1 ? 1 : Math.abs(2.0 * block / (blocks - 1) - 1);
    }
}
