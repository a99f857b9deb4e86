package io.quantbench.analysis.stats;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;

/** Student's t interval for a mean: {@code x̄ ± t(1 − α/2, n − 1) · s / √n}. */
public final class TInterval {

    private TInterval() {
    }

    /** The interval for the mean of {@code values}; unknown (NaN bounds) when there are fewer than two. */
    public static Interval of(double[] values, double confidence) {
        double mean = StatUtils.mean(values);
        if (values.length < 2) {
            return Interval.unknown(mean);
        }
        double standardError = Math.sqrt(StatUtils.variance(values) / values.length);
        double halfWidth = quantile(confidence, values.length - 1) * standardError;
        return new Interval(mean, mean - halfWidth, mean + halfWidth);
    }

    /** The two-sided critical value {@code t(1 − α/2, df)} for {@code confidence = 1 − α}. */
    public static double quantile(double confidence, double degreesOfFreedom) {
        return new TDistribution(null, degreesOfFreedom).inverseCumulativeProbability(0.5 + confidence / 2);
    }

    /** Two-sided p-value of a t statistic. */
    public static double twoSidedP(double t, double degreesOfFreedom) {
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        return 2 * new TDistribution(null, degreesOfFreedom).cumulativeProbability(-Math.abs(t));
    }
}
