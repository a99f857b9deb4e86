package io.quantbench.analysis.stats;

/**
 * A point estimate with a confidence interval {@code [low, high]}. Bounds may be infinite (a Fieller
 * interval whose denominator is not clearly non-zero) or NaN (not estimable, e.g. one replicate).
 */
public record Interval(double estimate, double low, double high) {

    /** An interval that could not be computed; the estimate may still be known. */
    public static Interval unknown(double estimate) {
        return new Interval(estimate, Double.NaN, Double.NaN);
    }

    /** True when both bounds are finite numbers. */
    public boolean isBounded() {
        return Double.isFinite(low) && Double.isFinite(high);
    }

    /** {@code f(estimate)} with the bounds mapped through the same increasing function. */
    public Interval map(java.util.function.DoubleUnaryOperator increasing) {
        return new Interval(increasing.applyAsDouble(estimate), increasing.applyAsDouble(low), increasing.applyAsDouble(high));
    }
}
