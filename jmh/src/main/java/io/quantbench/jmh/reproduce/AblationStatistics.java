package io.quantbench.jmh.reproduce;

import io.quantbench.analysis.stats.Bootstrap;
import io.quantbench.analysis.stats.Interval;
import io.quantbench.analysis.stats.TInterval;
import io.quantbench.engine.adaptive.Ablation;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Does the importance ranking beat random rankings at the same bits per weight? Two sources of uncertainty, each with
 * its own figure:
 * <ul>
 *   <li>the random orders: their KL divergences vary from order to order; the interval of their mean is a t interval
 *       over the orders, and the share of random orders at least as good as importance is a permutation-style p-value,
 *       {@code (1 + #{random KL <= importance KL}) / (R + 1)} (one-sided: is importance better than chance?);</li>
 *   <li>the evaluation text: a different text gives different KL values; the ratio importance / mean of random orders
 *       gets a BCa bootstrap interval that resamples the evaluation sequences (every arm on the same resample).</li>
 * </ul>
 *
 * @param importanceKl       the importance arm's mean KL with a t interval over evaluation sequences
 * @param randomKl           the mean of the random orders' KL with a t interval over orders
 * @param ratio              importance KL / mean random KL, BCa over evaluation sequences
 * @param atLeastAsGoodShare share of random orders whose KL is at most importance's
 * @param p                  {@code (1 + #{random <= importance}) / (R + 1)}
 * @param orders             R
 */
record AblationStatistics(Interval importanceKl, Interval randomKl, Interval ratio, double atLeastAsGoodShare, double p,
                          int orders) {

    static final double CONFIDENCE = 0.95;
    static final int RESAMPLES = 10_000;
    /** The permutation p-value at or below which importance counts as better than chance (R >= 19 orders can reach it). */
    static final double ALPHA = 0.05;

    /** The statistics of {@code importance} against the random arms of {@code arms}. */
    static AblationStatistics of(Ablation.Arm importance, List<Ablation.Arm> arms, long seed) {
        List<Ablation.Arm> random = arms.stream().filter(a -> a.kind() == Ablation.Kind.RANDOM).toList();
        if (random.isEmpty()) {
            throw new IllegalArgumentException("no random orders to compare with (--random-orders 0)");
        }
        double imp = importance.quality().meanKl();
        double[] randomKl = random.stream().mapToDouble(a -> a.quality().meanKl()).toArray();
        long asGood = Arrays.stream(randomKl).filter(kl -> kl <= imp).count();

        // one cluster per evaluation sequence: [importance's KL, each random order's KL]
        int sequences = importance.quality().klPerSequence().length;
        double[][] clusters = new double[sequences][random.size() + 1];
        for (int s = 0; s < sequences; s++) {
            clusters[s][0] = importance.quality().klPerSequence()[s];
            for (int r = 0; r < random.size(); r++) {
                clusters[s][r + 1] = random.get(r).quality().klPerSequence()[s];
            }
        }
        Interval ratio = Bootstrap.oneSample(clusters, AblationStatistics::ratioOfMeans, CONFIDENCE, RESAMPLES,
                new SplittableRandom(seed));
        return new AblationStatistics(TInterval.of(importance.quality().klPerSequence(), CONFIDENCE),
                TInterval.of(randomKl, CONFIDENCE), ratio, (double) asGood / random.size(),
                (1.0 + asGood) / (random.size() + 1), random.size());
    }

    /** Mean over sequences of importance's KL over the mean over sequences and orders of the random ones'. */
    private static double ratioOfMeans(double[][] clusters) {
        double importance = 0;
        double random = 0;
        for (double[] c : clusters) {
            importance += c[0];
            for (int r = 1; r < c.length; r++) {
                random += c[r] / (c.length - 1);
            }
        }
        return importance / random;
    }

    /** One sentence: what the numbers say, without claiming more. */
    String verdict() {
        if (ratio.isBounded() && ratio.high() < 1 && p <= ALPHA) {
            return "importance order beats random order at equal bits per weight: lower KL divergence than "
                    + Math.round(100 * (1 - atLeastAsGoodShare)) + " % of the random orders, and the ratio's interval"
                    + " lies below 1";
        }
        if (ratio.isBounded() && ratio.low() > 1) {
            return "importance order is worse than random order here: its KL divergence is higher, and the ratio's"
                    + " interval lies above 1";
        }
        return "no clear difference between importance order and random order at equal bits per weight (the ratio's"
                + " interval includes 1 or p > 0.05): inconclusive with this many orders and this much evaluation text";
    }
}
