package io.quantbench.analysis.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.Arrays;

/**
 * The Mann–Whitney U (Wilcoxon rank-sum) test of two independent samples, two-sided.
 *
 * <p>{@code U_a = R_a − n_a(n_a + 1)/2}, with R_a the sum of a's ranks in the pooled sample (ties get
 * their mean rank). With few forks the p-value is exact: every way of choosing n_a of the pooled ranks is
 * equally likely under the null, and all {@code C(N, n_a)} of them are enumerated (ties included). Beyond
 * {@link #EXACT_LIMIT} subsets it uses the normal approximation with the tie correction
 * {@code σ² = n_a n_b/12 · ((N + 1) − Σ(t³ − t)/(N(N − 1)))} and a continuity correction of ½, as R's
 * {@code wilcox.test} does. commons-math3's test has neither the exact distribution nor the tie
 * correction, which is why this exists.
 *
 * <p>Note what exactness implies for three forks against three: the most extreme split has
 * probability 2/20, so p can never fall below 0.1. Run more forks to get a usable rank test.
 */
public record MannWhitney(double u, double p, boolean exact) {

    /** Enumerate the exact null distribution up to this many subsets (C(20,10) = 184 756 fits). */
    public static final long EXACT_LIMIT = 200_000;

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    public static MannWhitney test(double[] a, double[] b) {
        if (a.length == 0 || b.length == 0) {
            return new MannWhitney(Double.NaN, Double.NaN, false);
        }
        if (binomial(a.length + b.length, a.length) > EXACT_LIMIT) {
            return normalApproximation(a, b);
        }
        double[] ranks = midranks(a, b);
        double u = rankSum(ranks, a.length) - a.length * (a.length + 1) / 2.0;
        return new MannWhitney(u, exactP(ranks, a.length, Math.abs(u - a.length * (double) b.length / 2)), true);
    }

    /** The normal approximation with tie and continuity corrections, whatever the sample sizes. */
    static MannWhitney normalApproximation(double[] a, double[] b) {
        int na = a.length;
        int nb = b.length;
        int n = na + nb;
        double[] ranks = midranks(a, b);
        double u = rankSum(ranks, na) - na * (na + 1) / 2.0;
        double variance = na * (double) nb / 12 * ((n + 1) - tieTerm(ranks) / ((double) n * (n - 1)));
        if (variance <= 0) {
            return new MannWhitney(u, 1, false);                  // every value tied: no evidence at all
        }
        double z = Math.max(0, Math.abs(u - na * (double) nb / 2) - 0.5) / Math.sqrt(variance);
        return new MannWhitney(u, Math.min(1, 2 * STANDARD_NORMAL.cumulativeProbability(-z)), false);
    }

    /** The sum of the first {@code count} ranks (those of sample a). */
    private static double rankSum(double[] ranks, int count) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += ranks[i];
        }
        return sum;
    }

    /** The pooled sample's mean ranks (1-based), a's first then b's. */
    static double[] midranks(double[] a, double[] b) {
        double[] pooled = new double[a.length + b.length];
        System.arraycopy(a, 0, pooled, 0, a.length);
        System.arraycopy(b, 0, pooled, a.length, b.length);
        Integer[] order = new Integer[pooled.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(pooled[x], pooled[y]));
        double[] ranks = new double[pooled.length];
        for (int start = 0; start < order.length; ) {
            int end = start;
            while (end + 1 < order.length && pooled[order[end + 1]] == pooled[order[start]]) {
                end++;
            }
            double rank = (start + end) / 2.0 + 1;
            for (int i = start; i <= end; i++) {
                ranks[order[i]] = rank;
            }
            start = end + 1;
        }
        return ranks;
    }

    /**
     * P(|U − E[U]| ≥ observed) over all equally likely choices of na of the pooled ranks; U and the rank
     * sum differ by a constant, so the deviation of the rank sum is compared.
     */
    private static double exactP(double[] ranks, int na, double observedDeviation) {
        double expected = na * (ranks.length + 1) / 2.0;
        long[] counts = new long[2];                          // [as extreme, total]
        countSubsets(ranks, 0, na, 0, expected, observedDeviation - 1e-9, counts);
        return (double) counts[0] / counts[1];
    }

    private static void countSubsets(double[] ranks, int from, int left, double sum, double expected,
                                     double threshold, long[] counts) {
        if (left == 0) {
            counts[1]++;
            if (Math.abs(sum - expected) >= threshold) {
                counts[0]++;
            }
            return;
        }
        for (int i = from; i <= ranks.length - left; i++) {
            countSubsets(ranks, i + 1, left - 1, sum + ranks[i], expected, threshold, counts);
        }
    }

    /** Σ(t³ − t) over groups of tied ranks. */
    private static double tieTerm(double[] ranks) {
        double[] sorted = ranks.clone();
        Arrays.sort(sorted);
        double term = 0;
        for (int start = 0; start < sorted.length; ) {
            int end = start;
            while (end + 1 < sorted.length && sorted[end + 1] == sorted[start]) {
                end++;
            }
            double t = end - start + 1;
            term += t * t * t - t;
            start = end + 1;
        }
        return term;
    }

    private static double binomial(int n, int k) {
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return c;
    }

    /**
     * The Hodges–Lehmann estimate of the shift between two samples: the median of all differences
     * {@code aᵢ − bⱼ} (Hodges &amp; Lehmann 1963). On log fork means, its exponential is a ratio.
     */
    public static double hodgesLehmannShift(double[] a, double[] b) {
        double[] differences = new double[a.length * b.length];
        int k = 0;
        for (double x : a) {
            for (double y : b) {
                differences[k++] = x - y;
            }
        }
        return Quantiles.median(differences);
    }
}
