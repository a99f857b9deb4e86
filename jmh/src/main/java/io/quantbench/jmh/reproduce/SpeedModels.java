package io.quantbench.jmh.reproduce;

import io.quantbench.engine.adaptive.Allocation;
import io.quantbench.engine.adaptive.Importance;
import io.quantbench.engine.adaptive.LayerImportance;
import io.quantbench.engine.adaptive.Measure;
import io.quantbench.engine.adaptive.PlanUnit;
import io.quantbench.engine.adaptive.TokenSequences;
import io.quantbench.engine.format.WeightFormat;
import io.quantbench.engine.synth.KnownModel;
import io.quantbench.engine.synth.SyntheticCheckpoint;
import io.quantbench.jmh.SyntheticModelBenchmark;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The synthetic models the speed benchmarks run: how much heap a fork needs for one, and study A's adaptive plan for
 * it (computed once per reproduction and shared by A and B).
 *
 * <p>The adaptive plan of a synthetic model ranks its blocks by measured sensitivity over random tokens (for models
 * above 1 GB in FP32, by the INT4 error of their weights, which needs no model run): the weights are synthetic, so the
 * ranking says nothing about a trained model, but the speed of a plan depends only on which shapes get which format,
 * and that is study A's split (top 30 % of the blocks FP32, middle 30 % INT8, rest INT4).
 */
final class SpeedModels {

    /** Study A's shares. */
    static final double F32_SHARE = 0.3;
    static final double INT8_SHARE = 0.3;
    /** Calibration of a synthetic model: two sequences of 16 random tokens (a synthetic model knows no text). */
    private static final int CALIBRATION_SEQUENCES = 2;
    private static final int CALIBRATION_TOKENS = 16;

    /** Models whose FP32 weights take more than this are ranked from their weights alone, without model runs. */
    private static final double SENSITIVITY_LIMIT_BYTES = 1e9;

    private final Map<KnownModel, Allocation> adaptive = new HashMap<>();
    private final Map<KnownModel, Measure> rankedBy = new HashMap<>();

    /**
     * The heap a JVM running {@code model} in {@code format} needs: its weights as stored (a plan counts as FP32, its
     * largest case), a tenth more for the activations, KV cache and loading (a layer is float32 while it is
     * quantized), and 1 GB for the rest, in whole gigabytes.
     */
    /**
     * The options of a JVM that holds a whole model (a JMH fork or a {@code generate} process): {@code heap} at most,
     * and a small young generation, so that the old generation, which ends up holding the weights, gets nearly all of
     * it. Without {@code -Xmn} the parallel collector gives the young generation a third of the heap, and Gemma 3 4B
     * in FP32 ran out of memory in a 19 GB heap that holds it with room to spare.
     */
    static List<String> jvmOptions(String heap) {
        return List.of("--add-modules=jdk.incubator.vector", "-XX:+UseParallelGC", "-Xmx" + heap, "-Xmn256m");
    }

    static String heap(KnownModel model, String format) {
        return gigabytes(heapBytes(model, format)) + "g";
    }

    /**
     * The heap of one of study C's {@code generate} processes, whose peak resident memory is a result: tight, as a
     * user on a small board would give it (the resident memory of a JVM follows its heap limit, not its live data):
     * the weights, 10 % more for loading and the KV cache, and 250 MB for the rest, in steps of 100 MB (a JVM's
     * resident memory is about 170 MB above its heap). With 15 % and 300 MB, BitNet 2B4T in TERNARY got 1.4 GB and
     * peaked at 1.57 GB resident.
     */
    static String generateHeap(KnownModel model, String format) {
        return (long) Math.ceil((weightBytes(model, format) * 1.1 + 0.25e9) / 1e8) * 100 + "m";
    }

    static double heapBytes(KnownModel model, String format) {
        return weightBytes(model, format) * 1.1 + 1e9;
    }

    /** Bytes of {@code model}'s weights in {@code format} (the head INT8 when the format is quantized). */
    static double weightBytes(KnownModel model, String format) {
        double blocks = model.blockLinearWeights();
        double head = (double) model.vocab * model.hidden;
        WeightFormat f = uniform(format);
        if (f == null || f == WeightFormat.F32) {
            return 4 * (blocks + head);
        }
        double perWeight = f.bitsPerWeight(32, 4096) / 8;
        return perWeight * blocks + WeightFormat.INT8.bitsPerWeight(32, 4096) / 8 * head;
    }

    private static WeightFormat uniform(String format) {
        try {
            return WeightFormat.parse(format);
        } catch (IllegalArgumentException e) {
            return null;                                          // a plan
        }
    }

    /** What {@link #adaptive} ranked {@code model}'s blocks by (after it ran). */
    Measure rankedBy(KnownModel model) {
        return rankedBy.get(model);
    }

    static long gigabytes(double bytes) {
        return (long) Math.ceil(bytes / 1e9);
    }

    /** Study A's adaptive allocation of the synthetic {@code model} (measured the first time it is asked for). */
    Allocation adaptive(KnownModel model, ReproduceSettings s, String study) {
        Allocation cached = adaptive.get(model);
        if (cached != null) {
            return cached;
        }
        SyntheticCheckpoint source = SyntheticCheckpoint.of(model, SyntheticModelBenchmark.SEED);
        List<PlanUnit> blocks = PlanUnit.of(source, PlanUnit.Granularity.BLOCK);
        boolean small = weightBytes(model, "F32") < SENSITIVITY_LIMIT_BYTES;
        s.say(study, "adaptive plan of the " + model.displayName + " shape: blocks ranked by "
                + (small ? "INT4 sensitivity over random tokens" : "the INT4 error of their weights (too large to run"
                + " in FP32 once per block here)"));
        List<LayerImportance> importances = small
                ? Importance.measure(source, blocks, TokenSequences.random(model.vocab, CALIBRATION_SEQUENCES,
                        CALIBRATION_TOKENS, s.seed(), model.maxPositions), false, s.threads(), line -> s.say(study, "  " + line))
                : Importance.fromWeights(source, blocks, line -> s.say(study, "  " + line));
        Measure measure = small ? Measure.SENSITIVITY : Measure.WEIGHT_ERROR;
        Allocation a = Allocation.split(measure.rank(importances), F32_SHARE, INT8_SHARE);
        rankedBy.put(model, measure);
        s.say(study, String.format(Locale.ROOT, "  plan %s (%.2f bits per weight)", a.plan(), a.bitsPerWeight()));
        adaptive.put(model, a);
        return a;
    }
}
