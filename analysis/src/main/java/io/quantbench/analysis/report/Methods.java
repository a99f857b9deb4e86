package io.quantbench.analysis.report;

import io.quantbench.analysis.AnalysisOptions;
import io.quantbench.analysis.table.Numbers;

import java.util.List;

/** The methods paragraph of every report: what each number is, in words a reviewer can check. */
final class Methods {

    private Methods() {
    }

    static List<String> paragraphs(AnalysisOptions o) {
        String level = o.confidenceLabel();
        return List.of(
                "Unit of replication. Iterations inside one JVM share its JIT decisions and memory layout, so they are"
                        + " not independent; the fork (one JVM) is. Every interval is computed over fork means (Georges,"
                        + " Buytaert & Eeckhout 2007; Kalibera & Jones 2013). A run with one fork can only use its iterations;"
                        + " its intervals are flagged as too narrow.",
                "Per configuration. Mean of fork means with a Student t interval (" + level + ", n − 1 degrees of"
                        + " freedom) and a BCa bootstrap interval that resamples whole forks (" + o.resamples() + " resamples,"
                        + " seed " + o.seed() + "); median of all iterations with a BCa interval, forks resampled. Coefficient"
                        + " of variation of fork means. Outliers: Tukey fences (1.5 and 3 IQR, quartiles by linear"
                        + " interpolation, Hyndman & Fan type 7) on each iteration minus its fork's median, counted, never"
                        + " removed. Warm-up: a common slope of value on iteration number within forks; a drift above 2 % with"
                        + " p below " + Numbers.plain(1 - o.confidence()) + " after Holm's correction over the run's configurations is flagged.",
                "Variance components. One-way random effects: between-fork variance (MSB − MSW)/n₀ and within-fork MSW;"
                        + " the intraclass correlation ρ is the between share. JMH's score error pools all iterations as if"
                        + " independent; the variance of the mean is really 1 + (k − 1)ρ times larger (the design effect), so"
                        + " its interval is too narrow by the square root of that.",
                "Speedups. Each configuration against the one with " + "the baseline value and every other parameter, and"
                        + " the JDK, equal. The ratio is oriented so that above 1 is faster. Interval by "
                        + o.ratioMethod().cliName() + ": log-welch is Welch's t on log fork means, exp(Δ ± t·SE), a ratio of"
                        + " geometric means; fieller is Fieller's interval for the ratio of arithmetic means (unbounded when"
                        + " the denominator is not clearly non-zero); bootstrap is BCa over fork means, each side resampled."
                        + " Hodges–Lehmann: the median of pairwise log differences, as a ratio.",
                "Tests. Welch's t test and the Mann–Whitney U test (exact by enumeration for small fork counts, so three"
                        + " forks against three can never go below p = 0.1), each Holm-corrected over all comparisons of one"
                        + " kind in the report. The verdict comes from the interval and the equivalence margin ±"
                        + Numbers.percent(o.margin()) + " (two one-sided tests for equivalence); an inconclusive comparison"
                        + " gets the number of forks per configuration that would decide it if the effect and spread stay as observed.",
                "Derived figures. Weight bytes and bits per weight come from the format's layout (WeightFormat, scales"
                        + " included); effective GB/s = bytes ÷ mean time; GOPS = 2·M·K·N ÷ mean time; the memory roof is"
                        + " BandwidthBenchmark's 512 MiB ÷ time at the same thread count and JDK, the best stream count; the"
                        + " share of the roof has a ratio interval over both benchmarks' forks (ln f = ln Q − ln t − ln BW).");
    }
}
