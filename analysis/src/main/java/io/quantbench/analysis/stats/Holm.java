package io.quantbench.analysis.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down correction for multiple tests (Holm 1979). With the m p-values sorted ascending,
 * the adjusted value of the i-th (1-based) is {@code max over j ≤ i of min(1, (m − j + 1)·p₍ⱼ₎)};
 * rejecting where the adjusted p ≤ α controls the family-wise error rate at α. It is uniformly more
 * powerful than Bonferroni and assumes nothing about dependence between the tests.
 */
public final class Holm {

    private Holm() {
    }

    /** Adjusted p-values in the order of {@code p}. NaN entries stay NaN and do not count towards m. */
    public static double[] adjust(double[] p) {
        Integer[] order = IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
                .sorted(Comparator.comparingDouble(i -> p[i])).toArray(Integer[]::new);
        double[] adjusted = new double[p.length];
        Arrays.fill(adjusted, Double.NaN);
        int m = order.length;
        double runningMax = 0;
        for (int rank = 0; rank < m; rank++) {
            double candidate = Math.min(1, (m - rank) * p[order[rank]]);
            runningMax = Math.max(runningMax, candidate);
            adjusted[order[rank]] = runningMax;
        }
        return adjusted;
    }
}
