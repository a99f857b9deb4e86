package io.quantbench.analysis.summary;

import io.quantbench.analysis.AnalysisOptions;
import io.quantbench.analysis.input.Measurement;
import io.quantbench.analysis.stats.Bootstrap;
import io.quantbench.analysis.stats.Interval;
import io.quantbench.analysis.stats.Quantiles;
import io.quantbench.analysis.stats.TInterval;
import io.quantbench.analysis.stats.TukeyFences;
import io.quantbench.analysis.stats.VarianceComponents;
import io.quantbench.analysis.stats.WarmupCheck;
import org.apache.commons.math3.stat.StatUtils;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Everything the report says about one benchmark configuration on its own. The fork is the unit of
 * replication: intervals are computed over fork means (or, for bootstrap intervals, by resampling whole
 * forks). With one fork there is nothing else to use, so the iterations stand in and a warning says the
 * interval is too narrow; without raw data only JMH's own score is shown.
 *
 * @param mean          mean of the fork means with a Student t interval
 * @param meanBca       the same mean with a BCa bootstrap interval (forks resampled)
 * @param median        median of all iterations with a BCa bootstrap interval (forks resampled)
 * @param cv            coefficient of variation of the replicates (fork means): s / mean
 * @param outliers      Tukey outliers among iterations, each taken relative to its fork's median
 * @param warmup        trend along the iteration sequence
 * @param variance      between- and within-fork variance, ICC and design effect
 * @param pooled        the interval one gets by pooling all iterations as if independent (JMH's way, at
 *                      this report's confidence level): shown to make the design effect concrete
 * @param warnings      what a reader must know before trusting the numbers
 */
public record BenchmarkSummary(Measurement measurement, Replication replication, double[] replicates, Interval mean,
                               Interval meanBca, Interval median, double cv, TukeyFences.Counts outliers,
                               WarmupCheck warmup, VarianceComponents variance, Interval pooled, List<String> warnings) {

    /** What the intervals treat as independent observations. */
    public enum Replication {
        /** Fork means: the right unit. */
        FORKS,
        /** Iterations of the single fork: pseudo-replication, intervals too narrow. */
        ITERATIONS,
        /** No raw data in the file: JMH's score only. */
        NONE
    }

    /** Bootstrap intervals from fewer forks than this are flagged as coarse. */
    public static final int FEW_FORKS = 10;

    public static BenchmarkSummary of(Measurement m, AnalysisOptions options) {
        List<String> warnings = new ArrayList<>();
        if (!m.hasRawData()) {
            warnings.add("no raw data in the JMH file (-Djmh.json.rawData=false?): only JMH's own score, no interval");
            Interval score = Interval.unknown(m.jmhScore());
            return new BenchmarkSummary(m, Replication.NONE, new double[0], score, score, score, Double.NaN,
                    new TukeyFences.Counts(0, 0, 0, 0), WarmupCheck.of(new double[0][]), VarianceComponents.of(new double[0][]),
                    score, List.of(warnings.get(0)));
        }
        Replication replication = m.forkCount() >= 2 ? Replication.FORKS : Replication.ITERATIONS;
        double[][] clusters = replication == Replication.FORKS ? m.forks() : Bootstrap.singletons(m.forks()[0]);
        double[] replicates = replicatesOf(m);
        if (replication == Replication.ITERATIONS) {
            warnings.add("one fork: the intervals treat its iterations as independent, which ignores the variation"
                    + " between JVM runs and makes them too narrow; run with -f 3 or more");
        }
        SplittableRandom random = Seeds.random(options, m);
        Interval mean = TInterval.of(replicates, options.confidence());
        Interval meanBca = Bootstrap.oneSample(clusters, Bootstrap::meanOfClusterMeans, options.confidence(),
                options.resamples(), random);
        Interval median = Bootstrap.oneSample(clusters, Bootstrap::pooledMedian, options.confidence(),
                options.resamples(), random);
        WarmupCheck warmup = WarmupCheck.of(m.forks());
        return new BenchmarkSummary(m, replication, replicates, mean, meanBca, median,
                Math.sqrt(StatUtils.variance(replicates)) / StatUtils.mean(replicates), outliers(m.forks()), warmup,
                VarianceComponents.of(m.forks()), TInterval.of(m.allIterations(), options.confidence()),
                List.copyOf(warnings));
    }

    /** This summary with one more warning (the run adds those that need all configurations, e.g. Holm-corrected drift). */
    BenchmarkSummary withWarning(String warning) {
        List<String> more = new ArrayList<>(warnings);
        more.add(warning);
        return new BenchmarkSummary(measurement, replication, replicates, mean, meanBca, median, cv, outliers, warmup,
                variance, pooled, List.copyOf(more));
    }

    /**
     * The independent observations of a configuration: its fork means; with a single fork its
     * iterations (flagged where used); nothing without raw data.
     */
    public static double[] replicatesOf(Measurement m) {
        if (!m.hasRawData()) {
            return new double[0];
        }
        return m.forkCount() >= 2 ? m.forkMeans() : m.forks()[0].clone();
    }

    /**
     * Tukey outliers among the iterations after subtracting each fork's median, so that a fork that is
     * slower as a whole is not counted (that is what the ICC measures).
     */
    private static TukeyFences.Counts outliers(double[][] forks) {
        double[] residuals = Arrays.stream(forks).flatMapToDouble(fork -> {
            double median = Quantiles.median(fork);
            return Arrays.stream(fork).map(v -> v - median);
        }).toArray();
        return TukeyFences.of(residuals).classify(residuals);
    }

    public int forkCount() {
        return measurement.forkCount();
    }

    /** ρ, or NaN with fewer than two forks. */
    public double icc() {
        return variance.intraclassCorrelation();
    }

    /**
     * What the ICC means for the interval, in a sentence: how much pooling all iterations (as JMH's
     * score error does) understates the uncertainty.
     */
    public String iccMeaning() {
        double rho = icc();
        if (Double.isNaN(rho)) {
            return replication == Replication.ITERATIONS
                    ? "one fork: the between-fork variance cannot be estimated"
                    : "not estimable";
        }
        double inflation = Math.sqrt(variance.designEffect());
        return String.format(Locale.ROOT, "%.0f %% of the variance is between forks; pooling the %d iterations as"
                        + " independent understates the standard error %.2f-fold (they are worth %.1f independent values)",
                100 * rho, variance.iterations(), inflation, variance.effectiveSampleSize());
    }
}
