package io.quantbench.analysis.stats;

import java.util.Arrays;

/**
 * Is the measurement still warming up? A steady state has no trend along the iteration sequence.
 *
 * <p>The check fits one common slope of value against iteration number with a separate level per fork
 * (pooled within-fork regression, i.e. analysis of covariance with the fork as a factor), so that a
 * fork that is slower as a whole is not read as a trend. {@code b = Sxy/Sxx} over the within-fork
 * centred index and values; its standard error uses the residual variance with
 * {@code N − forks − 1} degrees of freedom. The drift is the fitted change across the measured
 * iterations relative to the mean, {@code b·(k − 1)/x̄}.
 *
 * <p>Georges, Buytaert &amp; Eeckhout (2007) call a JVM steady when the coefficient of variation of its
 * last iterations is below 0.01–0.02; {@link #withinForkCv} is that figure, averaged over forks.
 */
public record WarmupCheck(double slopePerIteration, double standardError, double degreesOfFreedom, double p,
                          double relativeDrift, double withinForkCv) {

    /** A drift smaller than this share of the mean is not worth reporting (Georges et al.: 1–2 %). */
    public static final double DRIFT_THRESHOLD = 0.02;

    public static WarmupCheck of(double[][] forks) {
        double sxx = 0;
        double sxy = 0;
        int n = 0;
        double sum = 0;
        double cvSum = 0;
        int longest = 0;
        for (double[] fork : forks) {
            int k = fork.length;
            n += k;
            longest = Math.max(longest, k);
            double indexMean = (k - 1) / 2.0;
            double mean = Arrays.stream(fork).average().orElse(0);
            double squares = 0;
            for (int i = 0; i < k; i++) {
                sum += fork[i];
                sxx += (i - indexMean) * (i - indexMean);
                sxy += (i - indexMean) * (fork[i] - mean);
                squares += (fork[i] - mean) * (fork[i] - mean);
            }
            cvSum += k > 1 ? Math.sqrt(squares / (k - 1)) / mean : 0;
        }
        double withinCv = cvSum / forks.length;
        double df = n - forks.length - 1;
        if (df < 1 || sxx == 0) {
            return new WarmupCheck(Double.NaN, Double.NaN, df, Double.NaN, Double.NaN, withinCv);
        }
        double slope = sxy / sxx;
        double residualSquares = 0;
        for (double[] fork : forks) {
            int k = fork.length;
            double indexMean = (k - 1) / 2.0;
            double mean = Arrays.stream(fork).average().orElse(0);
            for (int i = 0; i < k; i++) {
                double residual = fork[i] - mean - slope * (i - indexMean);
                residualSquares += residual * residual;
            }
        }
        double standardError = Math.sqrt(residualSquares / df / sxx);
        double p = standardError == 0 ? (slope == 0 ? 1 : 0) : TInterval.twoSidedP(slope / standardError, df);
        double drift = slope * (longest - 1) / (sum / n);
        return new WarmupCheck(slope, standardError, df, p, drift, withinCv);
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
