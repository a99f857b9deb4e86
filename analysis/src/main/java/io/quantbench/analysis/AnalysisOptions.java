package io.quantbench.analysis;

import io.quantbench.analysis.stats.RatioMethod;

/**
 * The choices an analysis makes; {@link #defaults()} are what {@code analyze} uses unless told otherwise.
 *
 * @param baseline    what speedups are relative to: a format name ({@code F32}) or {@code param=value}
 *                    for any axis ({@code threads=1}, {@code jdk=17.0.15+6}); see {@link io.quantbench.analysis.summary.Baseline}
 * @param margin      the equivalence margin δ of the verdicts: ratios inside [1 − δ, 1 + δ] count as no change
 * @param confidence  the level of every confidence interval
 * @param ratioMethod how speedup intervals are computed
 * @param resamples   bootstrap resamples (STATISTICS.md asks for at least 10⁴)
 * @param seed        fixes every random choice, so the same inputs give the same report
 */
public record AnalysisOptions(String baseline, double margin, double confidence, RatioMethod ratioMethod,
                              int resamples, long seed) {

    public static final String DEFAULT_BASELINE = "F32";
    /**
     * 5 %: below that a difference is not worth claiming on a shared machine whose memory bandwidth
     * drifts 20–30 % between runs (reference/ANCHORS.md); criterion.rs's 1 % noise threshold assumes a
     * quieter host. Choose another with {@code --margin}.
     */
    public static final double DEFAULT_MARGIN = 0.05;
    public static final double DEFAULT_CONFIDENCE = 0.95;
    public static final int DEFAULT_RESAMPLES = 10_000;
    public static final long DEFAULT_SEED = 20_070_101L;

    public AnalysisOptions {
        if (!(margin >= 0 && margin < 1)) {
            throw new IllegalArgumentException("margin must be in [0, 1), was " + margin);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
        }
        if (resamples < 100) {
            throw new IllegalArgumentException("resamples must be at least 100, was " + resamples);
        }
    }

    public static AnalysisOptions defaults() {
        return new AnalysisOptions(DEFAULT_BASELINE, DEFAULT_MARGIN, DEFAULT_CONFIDENCE, RatioMethod.LOG_WELCH,
                DEFAULT_RESAMPLES, DEFAULT_SEED);
    }

    public AnalysisOptions withBaseline(String value) {
        return new AnalysisOptions(value, margin, confidence, ratioMethod, resamples, seed);
    }

    public AnalysisOptions withRatioMethod(RatioMethod value) {
        return new AnalysisOptions(baseline, margin, confidence, value, resamples, seed);
    }

    public AnalysisOptions withResamples(int value) {
        return new AnalysisOptions(baseline, margin, confidence, ratioMethod, value, seed);
    }

    /** The confidence level as a percentage for labels, e.g. "95 %". */
    public String confidenceLabel() {
        double percent = confidence * 100;
        return (percent == Math.rint(percent) ? String.valueOf((long) percent) : String.valueOf(percent)) + " %";
    }
}
