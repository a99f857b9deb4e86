package io.quantbench.analysis.stats;

/**
 * Fieller's confidence interval for a ratio of two independent means R = μ_A / μ_B.
 *
 * <p>It is the set of R for which {@code (a − R·b)² ≤ t²·(v_a + R²·v_b)}, with a, b the sample means
 * and v_a, v_b their squared standard errors. Solving the quadratic in R gives
 * {@code [ab ∓ t·√(a²v_b + b²v_a − t²v_a·v_b)] / (b² − t²v_b)}. When {@code g = t²v_b/b² ≥ 1} the
 * denominator mean is not significantly different from zero and the set is unbounded
 * (Fieller 1954; Kalibera & Jones 2013 use it for speedups).
 */
public final class Fieller {

    private Fieller() {
    }

    /**
     * The interval for {@code a / b} given the squared standard errors and the critical value {@code t}
     * (e.g. {@link TInterval#quantile} at Welch's degrees of freedom). Unbounded: both bounds infinite.
     */
    public static Interval interval(double a, double va, double b, double vb, double t) {
        double ratio = a / b;
        double denominator = b * b - t * t * vb;
        if (denominator <= 0) {
            return new Interval(ratio, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        double root = t * Math.sqrt(a * a * vb + b * b * va - t * t * va * vb);
        return new Interval(ratio, (a * b - root) / denominator, (a * b + root) / denominator);
    }
}
