package io.quantbench.analysis.stats;

import java.util.Arrays;

/**
 * Is the measurement still warming up? A steady state has no trend along the iteration sequence.
 *
 * <p>The check fits one common slope of the logarithm of the value against iteration number with a
 * separate level per fork (pooled within-fork regression, i.e. analysis of covariance with the fork as a
 * factor), so that a fork that is slower as a whole is not read as a trend. Logarithms because warm-up is
 * multiplicative: a JVM that is still compiling runs several times slower, then settles, and on a log
 * scale that decay is close to a line. {@code b = Sxy/Sxx} over the within-fork centred index and log
 * values; its standard error uses the residual variance with {@code N − forks − 1} degrees of freedom.
 * The drift is the fitted relative change across the measured iterations, {@code exp(b·(k − 1)) − 1}.
 *
 * <p>Georges, Buytaert &amp; Eeckhout (2007) call a JVM steady when the coefficient of variation of its
 * last iterations is below 0.01–0.02; {@link #withinForkCv} is that figure, averaged over forks.
 */
public record WarmupCheck(double logSlopePerIteration, double standardError, double degreesOfFreedom, double p,
                          double relativeDrift, double withinForkCv) {

    /** A drift smaller than this share of the mean is not worth reporting (Georges et al.: 1–2 %). */
    public static final double DRIFT_THRESHOLD = 0.02;

    /** The check of {@code forks} ([fork][iteration], positive values); unknown (NaN) when a value is not positive. */
    public static WarmupCheck of(double[][] forks) {
        double withinCv = Arrays.stream(forks).mapToDouble(WarmupCheck::cv).average().orElse(Double.NaN);
        boolean positive = Arrays.stream(forks).flatMapToDouble(Arrays::stream).allMatch(v -> v > 0);
        double[][] logs = Arrays.stream(forks).map(f -> Arrays.stream(f).map(Math::log).toArray()).toArray(double[][]::new);
        double sxx = 0;
        double sxy = 0;
        int n = 0;
        int longest = 0;
        for (double[] fork : logs) {
            double indexMean = (fork.length - 1) / 2.0;
            double mean = Arrays.stream(fork).average().orElse(0);
            for (int i = 0; i < fork.length; i++) {
                sxx += (i - indexMean) * (i - indexMean);
                sxy += (i - indexMean) * (fork[i] - mean);
            }
            n += fork.length;
            longest = Math.max(longest, fork.length);
        }
        double df = n - forks.length - 1;
        if (!positive || df < 1 || sxx == 0) {
            return new WarmupCheck(Double.NaN, Double.NaN, df, Double.NaN, Double.NaN, withinCv);
        }
        double slope = sxy / sxx;
        double residualSquares = 0;
        for (double[] fork : logs) {
            double indexMean = (fork.length - 1) / 2.0;
            double mean = Arrays.stream(fork).average().orElse(0);
            for (int i = 0; i < fork.length; i++) {
                double residual = fork[i] - mean - slope * (i - indexMean);
                residualSquares += residual * residual;
            }
        }
        double standardError = Math.sqrt(residualSquares / df / sxx);
        double p = standardError == 0 ? (slope == 0 ? 1 : 0) : TInterval.twoSidedP(slope / standardError, df);
        return new WarmupCheck(slope, standardError, df, p, Math.expm1(slope * (longest - 1)), withinCv);
    }

    /** A fork's coefficient of variation, s/x̄ (0 for a single iteration). */
    private static double cv(double[] fork) {
        if (fork.length < 2) {
            return 0;
        }
        double mean = Arrays.stream(fork).average().orElse(Double.NaN);
        double squares = Arrays.stream(fork).map(v -> (v - mean) * (v - mean)).sum();
        return Math.sqrt(squares / (fork.length - 1)) / mean;
    }

    /** True when the trend is both statistically clear (p &lt; alpha) and larger than {@link #DRIFT_THRESHOLD}. */
    public boolean isDrifting(double alpha) {
        return p < alpha && isMaterial();
    }

    /** True when the fitted drift is larger than {@link #DRIFT_THRESHOLD}, whatever its p-value. */
    public boolean isMaterial() {
        return Math.abs(relativeDrift) > DRIFT_THRESHOLD;
    }
}
