package io.quantbench.analysis.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Bias-corrected and accelerated (BCa) bootstrap confidence intervals (Efron 1987; Efron &amp;
 * Tibshirani 1993, ch. 14; Davison &amp; Hinkley 1997, §5.3).
 *
 * <p>The units resampled are whole forks ("clusters"): iterations inside one JVM are not independent,
 * so a fork is drawn with all its iterations or not at all (Davison &amp; Hinkley §3.8). With fewer
 * than about ten forks the bootstrap distribution is coarse; the callers say so and prefer the t or
 * Fieller intervals.
 */
public final class Bootstrap {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    /**
     * Fewer clusters than this give no interval: two forks resample into three distinct sets only, and
     * their jackknife leaves one fork, so neither z₀ nor the acceleration means anything.
     */
    public static final int MIN_CLUSTERS = 3;

    private Bootstrap() {
    }

    /**
     * BCa interval for a statistic of one sample of clusters.
     *
     * @param clusters  the resampling units (forks), each an array of observations
     * @param statistic computes the estimate from a list of clusters
     */
    public static Interval oneSample(double[][] clusters, ToDoubleFunction<double[][]> statistic,
                                     double confidence, int resamples, SplittableRandom random) {
        double estimate = statistic.applyAsDouble(clusters);
        if (clusters.length < MIN_CLUSTERS) {
            return Interval.unknown(estimate);
        }
        double[] replicates = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            replicates[r] = statistic.applyAsDouble(resample(clusters, random));
        }
        double[] jackknife = jackknife(clusters, statistic);
        return bca(estimate, replicates, acceleration(jackknife), confidence);
    }

    /**
     * BCa interval for a statistic of two independent samples of clusters, each resampled on its own.
     */
    public static Interval twoSample(double[][] a, double[][] b, TwoSampleStatistic statistic,
                                     double confidence, int resamples, SplittableRandom random) {
        double estimate = statistic.apply(a, b);
        if (a.length < MIN_CLUSTERS || b.length < MIN_CLUSTERS) {
            return Interval.unknown(estimate);
        }
        double[] replicates = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            replicates[r] = statistic.apply(resample(a, random), resample(b, random));
        }
        double[] jackknifeA = jackknife(a, clusters -> statistic.apply(clusters, b));
        double[] jackknifeB = jackknife(b, clusters -> statistic.apply(a, clusters));
        return bca(estimate, replicates, twoSampleAcceleration(jackknifeA, jackknifeB), confidence);
    }

    /** A statistic of two samples, e.g. the ratio of their means. */
    @FunctionalInterface
    public interface TwoSampleStatistic {
        double apply(double[][] a, double[][] b);
    }

    /**
     * The BCa interval from bootstrap replicates: bias correction {@code z₀ = Φ⁻¹(#{θ* < θ̂} / B)}
     * (ties count half, so a symmetric discrete distribution gives z₀ = 0), and the percentiles
     * {@code α_{1,2} = Φ(z₀ + (z₀ + z_α)/(1 − a(z₀ + z_α)))} of the sorted replicates. Counting ties
     * as half is what SciPy's {@code scipy.stats.bootstrap} does; it matters when few forks make many
     * replicates equal to the estimate.
     */
    public static Interval bca(double estimate, double[] replicates, double acceleration, double confidence) {
        double[] sorted = replicates.clone();
        Arrays.sort(sorted);
        double below = 0;
        for (double r : sorted) {
            below += r < estimate ? 1 : r == estimate ? 0.5 : 0;
        }
        double proportion = below / sorted.length;
        if (proportion == 0 || proportion == 1) {
            // The estimate lies outside every replicate: z₀ is infinite and BCa is undefined.
            return Interval.unknown(estimate);
        }
        double z0 = STANDARD_NORMAL.inverseCumulativeProbability(proportion);
        double alpha = (1 - confidence) / 2;
        double lowLevel = adjustedLevel(z0, acceleration, STANDARD_NORMAL.inverseCumulativeProbability(alpha));
        double highLevel = adjustedLevel(z0, acceleration, STANDARD_NORMAL.inverseCumulativeProbability(1 - alpha));
        return new Interval(estimate, Quantiles.ofSorted(sorted, lowLevel), Quantiles.ofSorted(sorted, highLevel));
    }

    /** {@code Φ(z₀ + (z₀ + z)/(1 − a(z₀ + z)))}: the percentile BCa uses in place of Φ(z). */
    public static double adjustedLevel(double z0, double acceleration, double z) {
        double shifted = z0 + z;
        return STANDARD_NORMAL.cumulativeProbability(z0 + shifted / (1 - acceleration * shifted));
    }

    /**
     * The acceleration from one sample's jackknife values θ₍ᵢ₎:
     * {@code a = Σ(θ̄ − θ₍ᵢ₎)³ / (6·[Σ(θ̄ − θ₍ᵢ₎)²]^{3/2})} (Efron &amp; Tibshirani eq. 14.15). 0 when all are equal.
     */
    public static double acceleration(double[] jackknife) {
        return twoSampleAcceleration(jackknife, new double[0]);
    }

    /**
     * The acceleration for several independent samples: {@code a = Σ_s n_s⁻³ Σ_i U³ / (6·(Σ_s n_s⁻² Σ_i U²)^{3/2})}
     * with the jackknife influence values {@code U_si = (n_s − 1)(θ̄_s − θ₍s,i₎)} (Davison &amp; Hinkley §3.2.1
     * and eq. 5.25 with empirical influence values). For one sample the factors cancel to
     * {@link #acceleration(double[])}.
     */
    public static double twoSampleAcceleration(double[] jackknifeA, double[] jackknifeB) {
        double cubes = 0;
        double squares = 0;
        for (double[] jackknife : new double[][] {jackknifeA, jackknifeB}) {
            int n = jackknife.length;
            if (n == 0) {
                continue;
            }
            double mean = Arrays.stream(jackknife).average().orElse(Double.NaN);
            double sumCubes = 0;
            double sumSquares = 0;
            for (double theta : jackknife) {
                double u = (n - 1) * (mean - theta);
                sumCubes += u * u * u;
                sumSquares += u * u;
            }
            cubes += sumCubes / ((double) n * n * n);
            squares += sumSquares / ((double) n * n);
        }
        return squares == 0 ? 0 : cubes / (6 * Math.pow(squares, 1.5));
    }

    /** θ₍ᵢ₎: the statistic with cluster i left out, for each i. */
    static double[] jackknife(double[][] clusters, ToDoubleFunction<double[][]> statistic) {
        double[] values = new double[clusters.length];
        for (int leftOut = 0; leftOut < clusters.length; leftOut++) {
            double[][] rest = new double[clusters.length - 1][];
            for (int i = 0, j = 0; i < clusters.length; i++) {
                if (i != leftOut) {
                    rest[j++] = clusters[i];
                }
            }
            values[leftOut] = statistic.applyAsDouble(rest);
        }
        return values;
    }

    private static double[][] resample(double[][] clusters, SplittableRandom random) {
        double[][] drawn = new double[clusters.length][];
        for (int i = 0; i < drawn.length; i++) {
            drawn[i] = clusters[random.nextInt(clusters.length)];
        }
        return drawn;
    }

    /** Wraps single observations (e.g. fork means) as one-element clusters. */
    public static double[][] singletons(double[] values) {
        double[][] clusters = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            clusters[i] = new double[] {values[i]};
        }
        return clusters;
    }

    /** The mean of the clusters' means: each fork counts once, however many iterations it has. */
    public static double meanOfClusterMeans(double[][] clusters) {
        double sum = 0;
        for (double[] c : clusters) {
            sum += Arrays.stream(c).average().orElse(Double.NaN);
        }
        return sum / clusters.length;
    }

    /** The median of all observations in the clusters. */
    public static double pooledMedian(double[][] clusters) {
        return Quantiles.median(Arrays.stream(clusters).flatMapToDouble(Arrays::stream).toArray());
    }
}
