package io.quantbench.analysis.stats;

import org.apache.commons.math3.stat.StatUtils;

import java.util.OptionalInt;

/**
 * How many forks an inconclusive comparison needs. Assuming the observed log-ratio d and the observed
 * spread of the log fork means stay as they are, the log-ratio interval with n forks on each side has
 * half-width {@code h(n) = t(1 − α/2, ν(n))·√((s_a² + s_b²)/n)}. The comparison is decided once h(n)
 * is smaller than the distance from d to the nearest margin boundary {@code ln(1 − δ)} or
 * {@code ln(1 + δ)}: beyond the margin it becomes faster or slower, inside it equivalent. This is a
 * precision plan, not a power calculation: if the estimate moves, so does the answer.
 */
public final class ForkPlanner {

    /** Beyond this the answer is "effectively never": the effect sits on the margin. */
    public static final int MAX_FORKS = 10_000;

    private ForkPlanner() {
    }

    /**
     * Forks per configuration (the total, not the additional ones) that would decide the comparison of
     * {@code logA} against {@code logB}; empty when no number up to {@link #MAX_FORKS} would.
     */
    public static OptionalInt forksNeeded(double[] logA, double[] logB, double margin, double confidence) {
        if (logA.length < 2 || logB.length < 2) {
            return OptionalInt.empty();
        }
        double d = StatUtils.mean(logA) - StatUtils.mean(logB);
        double upper = Math.log(1 + margin);
        double lower = Math.log(1 - margin);
        double distance = d > upper ? d - upper : d < lower ? lower - d : Math.min(upper - d, d - lower);
        double varianceA = StatUtils.variance(logA);
        double varianceB = StatUtils.variance(logB);
        if (distance <= 0) {
            return OptionalInt.empty();
        }
        for (int n = 2; n <= MAX_FORKS; n++) {
            double va = varianceA / n;
            double vb = varianceB / n;
            double halfWidth = TInterval.quantile(confidence, Welch.degreesOfFreedom(va, n, vb, n)) * Math.sqrt(va + vb);
            if (halfWidth < distance) {
                return OptionalInt.of(n);
            }
        }
        return OptionalInt.empty();
    }
}
