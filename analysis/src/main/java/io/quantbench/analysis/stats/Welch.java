package io.quantbench.analysis.stats;

import org.apache.commons.math3.stat.StatUtils;

/**
 * Welch's unequal-variance t test of two independent samples (here: the fork means of two
 * configurations). commons-math3 has the test but keeps its degrees of freedom private, and the
 * ratio intervals need them, so the few formulas live here.
 *
 * @param difference      mean(a) − mean(b)
 * @param standardError   √(s_a²/n_a + s_b²/n_b)
 * @param degreesOfFreedom Welch–Satterthwaite ν = (v_a + v_b)² / (v_a²/(n_a−1) + v_b²/(n_b−1)), v = s²/n
 * @param t               difference / standardError
 * @param p               two-sided p-value
 */
public record Welch(double difference, double standardError, double degreesOfFreedom, double t, double p) {

    /** The test of {@code a} against {@code b}; each needs at least two values (else every field but the difference is NaN). */
    public static Welch test(double[] a, double[] b) {
        double difference = StatUtils.mean(a) - StatUtils.mean(b);
        if (a.length < 2 || b.length < 2) {
            return new Welch(difference, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double va = StatUtils.variance(a) / a.length;
        double vb = StatUtils.variance(b) / b.length;
        double standardError = Math.sqrt(va + vb);
        double df = degreesOfFreedom(va, a.length, vb, b.length);
        double t = difference / standardError;
        return new Welch(difference, standardError, df, t, standardError == 0 ? Double.NaN : TInterval.twoSidedP(t, df));
    }

    /** ν for the squared standard errors {@code va = s_a²/n_a}, {@code vb = s_b²/n_b}. */
    public static double degreesOfFreedom(double va, int na, double vb, int nb) {
        double denominator = va * va / (na - 1) + vb * vb / (nb - 1);
        // Both samples constant: any df gives the same zero-width interval; use the pooled df.
        return denominator == 0 ? na + nb - 2 : (va + vb) * (va + vb) / denominator;
    }

    /** The confidence interval of the difference of means. */
    public Interval differenceInterval(double confidence) {
        if (Double.isNaN(standardError)) {
            return Interval.unknown(difference);
        }
        double halfWidth = TInterval.quantile(confidence, degreesOfFreedom) * standardError;
        return new Interval(difference, difference - halfWidth, difference + halfWidth);
    }
}
