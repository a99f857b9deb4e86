package io.quantbench.analysis.stats;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BootstrapTest {

    private static final double Z_975 = 1.959964;        // Φ⁻¹(0.975), normal tables: 1.96

    @Test
    void accelerationOfTheMeanIsTheJackknifeSkewness() {
        // x = {1, 2, 3, 4, 10}, statistic = mean. Leave-one-out means θ(i) = (20 − x_i)/4 =
        // {4.75, 4.5, 4.25, 4.0, 2.5}, θ̄ = 4. θ̄ − θ(i) = {−0.75, −0.5, −0.25, 0, 1.5}:
        // Σ³ = 2.8125, Σ² = 3.125, a = 2.8125 / (6 · 3.125^1.5) = 0.0848528.
        // (Equivalently Σd³/(6(Σd²)^1.5) with d = x − x̄: 180 / (6 · 50^1.5); Efron & Tibshirani 1993 eq. 14.15.)
        double[][] clusters = Bootstrap.singletons(new double[] {1, 2, 3, 4, 10});
        double[] jackknife = Bootstrap.jackknife(clusters, Bootstrap::meanOfClusterMeans);
        assertEquals(4.75, jackknife[0], 1e-12);
        assertEquals(2.5, jackknife[4], 1e-12);
        assertEquals(0.0848528, Bootstrap.acceleration(jackknife), 1e-7);
        assertEquals(180 / (6 * Math.pow(50, 1.5)), Bootstrap.acceleration(jackknife), 1e-12);
    }

    @Test
    void twoSampleAccelerationWithOneEmptySideIsTheOneSampleOne() {
        double[] jackknife = {4.75, 4.5, 4.25, 4.0, 2.5};
        assertEquals(Bootstrap.acceleration(jackknife), Bootstrap.twoSampleAcceleration(new double[0], jackknife), 1e-15);
    }

    @Test
    void adjustedLevelsMatchNormalTables() {
        // No bias, no acceleration: BCa is the percentile interval.
        assertEquals(0.025, Bootstrap.adjustedLevel(0, 0, -Z_975), 1e-6);
        // z0 = 1, a = 0: Φ(2 − 1.959964) = Φ(0.040036) = 0.51597 (tables: Φ(0.04) = 0.5160).
        assertEquals(0.51597, Bootstrap.adjustedLevel(1, 0, -Z_975), 1e-4);
        // z0 = 0, a = 0.1: Φ(−1.959964/1.1959964) = Φ(−1.63877) = 0.05063
        // (tables: Φ(−1.64) = 0.05050, Φ(−1.63) = 0.05155, interpolated).
        assertEquals(0.05063, Bootstrap.adjustedLevel(0, 0.1, -Z_975), 1e-4);
        // and Φ(1.959964/0.8040036) = Φ(2.43775) = 0.99261 (tables: Φ(2.43) = 0.99245, Φ(2.44) = 0.99266).
        assertEquals(0.99261, Bootstrap.adjustedLevel(0, 0.1, Z_975), 1e-4);
    }

    @Test
    void bcaOfEvenlySpreadReplicatesIsThePercentileInterval() {
        // Replicates 1..1000 with the estimate 500.5 in the middle: 500 below, z0 = Φ⁻¹(0.5) = 0; a = 0.
        // Levels 0.025 and 0.975; type-7 positions 0.025·999 = 24.975 and 0.975·999 = 974.025 in the
        // sorted list (0-based), i.e. the values 25.975 and 975.025.
        double[] replicates = IntStream.rangeClosed(1, 1000).asDoubleStream().toArray();
        Interval ci = Bootstrap.bca(500.5, replicates, 0, 0.95);
        assertEquals(25.975, ci.low(), 1e-9);
        assertEquals(975.025, ci.high(), 1e-9);
    }

    @Test
    void twoForksGiveNoInterval() {
        // Two clusters resample into {a,a}, {a,b}, {b,b} only: no interval is better than a meaningless one.
        Interval ci = Bootstrap.oneSample(new double[][] {{1, 2}, {3, 4}}, Bootstrap::meanOfClusterMeans, 0.95, 200,
                new SplittableRandom(1));
        assertEquals(2.5, ci.estimate(), 1e-12);
        assertFalse(ci.isBounded());
    }

    @Test
    void estimateOutsideEveryReplicateHasNoInterval() {
        assertFalse(Bootstrap.bca(0, new double[] {1, 2, 3}, 0, 0.95).isBounded());
    }

    @Test
    void bcaForTheMeanOfManyForksIsCloseToTheTInterval() {
        // Large-sample agreement (Efron & Tibshirani ch. 14): for 40 near-normal values the BCa interval
        // of the mean and the t interval nearly coincide.
        SplittableRandom data = new SplittableRandom(7);
        double[] values = IntStream.range(0, 40).mapToDouble(i -> 100 + 5 * gaussian(data)).toArray();
        Interval t = TInterval.of(values, 0.95);
        Interval bca = Bootstrap.oneSample(Bootstrap.singletons(values), Bootstrap::meanOfClusterMeans, 0.95, 4000,
                new SplittableRandom(3));
        assertEquals(t.estimate(), bca.estimate(), 1e-12);
        double width = t.high() - t.low();
        assertEquals(t.low(), bca.low(), 0.15 * width);
        assertEquals(t.high(), bca.high(), 0.15 * width);
    }

    @Test
    void resamplesWholeForks() {
        // Each fork holds one repeated value, so any resample's pooled median is one of the fork values:
        // the interval's bounds must be fork values (1, 2, 3 or 4), never something in between.
        double[][] forks = {{1, 1, 1}, {2, 2, 2}, {3, 3, 3}, {4, 4, 4}};
        Interval ci = Bootstrap.oneSample(forks, Bootstrap::pooledMedian, 0.9, 500, new SplittableRandom(5));
        assertTrue(ci.low() >= 1 && ci.high() <= 4, ci.toString());
        assertEquals(2.5, ci.estimate(), 1e-12);
    }

    @Test
    void sameSeedSameInterval() {
        double[][] forks = Bootstrap.singletons(new double[] {3, 5, 4, 6, 5, 7});
        Interval first = Bootstrap.oneSample(forks, Bootstrap::pooledMedian, 0.95, 300, new SplittableRandom(11));
        Interval second = Bootstrap.oneSample(forks, Bootstrap::pooledMedian, 0.95, 300, new SplittableRandom(11));
        assertEquals(first, second);
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller: test data only.
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
