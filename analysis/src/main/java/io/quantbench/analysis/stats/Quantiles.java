package io.quantbench.analysis.stats;

import java.util.Arrays;

/**
 * Sample quantiles by linear interpolation between order statistics: the p-quantile of n sorted values
 * is at position {@code p·(n − 1)} (Hyndman &amp; Fan 1996, definition 7; R's default, NumPy's "linear").
 * XChart's box plots and commons-math's default Percentile use other definitions; this one is stated in
 * every report that shows quartiles.
 */
public final class Quantiles {

    private Quantiles() {
    }

    /** The p-quantile (0 ≤ p ≤ 1) of {@code values}, which need not be sorted. */
    public static double of(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return ofSorted(sorted, p);
    }

    /** The p-quantile of values already sorted ascending. */
    public static double ofSorted(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    public static double median(double[] values) {
        return of(values, 0.5);
    }
}
