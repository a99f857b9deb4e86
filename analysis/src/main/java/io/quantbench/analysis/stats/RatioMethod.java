package io.quantbench.analysis.stats;

import org.apache.commons.math3.stat.StatUtils;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * How a confidence interval for a ratio of two configurations' means is computed from their fork means
 * (STATISTICS.md §5). All three need at least two forks per side.
 */
public enum RatioMethod {
    /**
     * Welch's t on the logarithms of the fork means; the interval is {@code exp(Δ ± t_ν·SE)} and the
     * estimate a ratio of geometric means. The default: symmetric on a log axis, and time ratios and
     * throughput ratios are exact reciprocals.
     */
    LOG_WELCH("log-welch"),
    /** Fieller's interval for the ratio of arithmetic means, at Welch's degrees of freedom; may be unbounded. */
    FIELLER("fieller"),
    /** BCa bootstrap resampling each side's fork means independently; coarse with fewer than ~10 forks. */
    BOOTSTRAP("bootstrap");

    private final String cliName;

    RatioMethod(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static RatioMethod parse(String name) {
        for (RatioMethod m : values()) {
            if (m.cliName.equalsIgnoreCase(name.trim()) || m.name().equalsIgnoreCase(name.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown ratio method '" + name + "'; valid: " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(RatioMethod::cliName).collect(Collectors.joining(", "));
    }

    /**
     * The interval for mean(numerator) / mean(denominator) (for LOG_WELCH: the ratio of geometric means).
     * Values must be positive. With fewer than two values on a side the bounds are unknown.
     */
    public Interval interval(double[] numerator, double[] denominator, double confidence, int resamples,
                             SplittableRandom random) {
        switch (this) {
            case LOG_WELCH: {
                Welch logs = Welch.test(log(numerator), log(denominator));
                return logs.differenceInterval(confidence).map(Math::exp);
            }
            case FIELLER: {
                double a = StatUtils.mean(numerator);
                double b = StatUtils.mean(denominator);
                if (numerator.length < 2 || denominator.length < 2) {
                    return Interval.unknown(a / b);
                }
                double va = StatUtils.variance(numerator) / numerator.length;
                double vb = StatUtils.variance(denominator) / denominator.length;
                double df = Welch.degreesOfFreedom(va, numerator.length, vb, denominator.length);
                return Fieller.interval(a, va, b, vb, TInterval.quantile(confidence, df));
            }
            case BOOTSTRAP:
                return Bootstrap.twoSample(Bootstrap.singletons(numerator), Bootstrap.singletons(denominator),
                        (x, y) -> Bootstrap.meanOfClusterMeans(x) / Bootstrap.meanOfClusterMeans(y),
                        confidence, resamples, random);
            default:
                throw new AssertionError(this);
        }
    }

    public static double[] log(double[] values) {
        return Arrays.stream(values).map(Math::log).toArray();
    }
}
