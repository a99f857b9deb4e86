package io.quantbench.analysis.summary;

import io.quantbench.analysis.AnalysisOptions;
import io.quantbench.analysis.input.Measurement;
import io.quantbench.analysis.input.Run;

import io.quantbench.analysis.stats.Holm;
import io.quantbench.analysis.stats.WarmupCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The statistics of one run: a summary per configuration, speedups against the baseline, JDK against
 * JDK when the run holds several, and the figures derived from format metadata.
 *
 * @param notes things the report says once, e.g. why there are no speedups
 */
public record RunAnalysis(Run run, AnalysisOptions options, Baseline baseline, List<BenchmarkSummary> summaries,
                          List<Comparison> speedups, List<Comparison> jdkComparisons, List<DerivedFigures> derived,
                          List<Roofline.Roof> roofs, List<String> notes) {

    public static RunAnalysis of(Run run, AnalysisOptions options) {
        Baseline baseline = Baseline.parse(options.baseline());
        List<BenchmarkSummary> summaries = flagWarmup(run.measurements().stream().map(m -> BenchmarkSummary.of(m, options))
                .collect(Collectors.toList()), 1 - options.confidence());
        List<String> notes = new ArrayList<>();
        ComparisonBuilder builder = new ComparisonBuilder(options);
        List<Measurement> measurements = run.measurements();

        List<Comparison> speedups = builder.compareAll(measurements, Measurement::axes, baseline.axis(), baseline.value());
        if (speedups.isEmpty()) {
            notes.add("No speedups: no configuration has a partner with " + baseline.axis() + " = " + baseline.value()
                    + " and otherwise equal parameters. Choose the baseline with --baseline (a format, or name=value).");
        }

        List<Comparison> jdkComparisons = List.of();
        List<String> jdks = ComparisonBuilder.values(measurements, Measurement::axes, Measurement.JDK_AXIS);
        if (jdks.size() > 1 && !baseline.axis().equals(Measurement.JDK_AXIS)) {
            jdkComparisons = builder.compareAll(measurements, Measurement::axes, Measurement.JDK_AXIS, jdks.get(0));
        }

        List<Roofline.Roof> roofs = Roofline.roofs(summaries);
        List<DerivedFigures> derived = new ArrayList<>();
        for (BenchmarkSummary s : summaries) {
            Optional<Roofline.Matrix> matrix = Roofline.matrixOf(s.measurement());
            matrix.ifPresent(mx -> derived.add(Roofline.derive(s, mx, Roofline.roofFor(s.measurement(), roofs), options)));
        }
        int fewest = summaries.stream().mapToInt(s -> s.replicates().length).filter(n -> n > 0).min().orElse(0);
        if (fewest > 0 && fewest < BenchmarkSummary.FEW_FORKS) {
            notes.add("Some configurations have only " + fewest + " forks: their bootstrap (BCa) intervals are coarse"
                    + " (below " + BenchmarkSummary.FEW_FORKS + " forks); the t interval over fork means is the headline.");
        }
        if (!derived.isEmpty() && roofs.isEmpty()) {
            notes.add("No BandwidthBenchmark in this run: effective GB/s are shown, but no fraction of the memory roof.");
        }
        return new RunAnalysis(run, options, baseline, List.copyOf(summaries), speedups, jdkComparisons,
                List.copyOf(derived), List.copyOf(roofs), List.copyOf(notes));
    }

    /**
     * Flags configurations whose iterations still drift: a drift above {@link WarmupCheck#DRIFT_THRESHOLD}
     * whose trend test stays significant after Holm's correction over all configurations of the run (a
     * sweep of 64 configurations would otherwise flag three by chance at 5 %).
     */
    private static List<BenchmarkSummary> flagWarmup(List<BenchmarkSummary> summaries, double alpha) {
        double[] adjusted = Holm.adjust(summaries.stream().mapToDouble(s -> s.warmup().p()).toArray());
        List<BenchmarkSummary> flagged = new ArrayList<>();
        for (int i = 0; i < summaries.size(); i++) {
            BenchmarkSummary s = summaries.get(i);
            WarmupCheck w = s.warmup();
            flagged.add(adjusted[i] < alpha && w.isMaterial() ? s.withWarning(String.format(Locale.ROOT,
                    "still warming up? the iterations drift by %+.1f %% across the measurement (trend p = %.2g,"
                            + " Holm-corrected %.2g); add warm-up iterations", 100 * w.relativeDrift(), w.p(), adjusted[i])) : s);
        }
        return flagged;
    }

    /** The summary of a measurement of this run (measurements are compared by identity: they hold arrays). */
    public BenchmarkSummary summaryOf(Measurement m) {
        return summaries.stream().filter(s -> s.measurement() == m).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a measurement of run " + run.name() + ": " + m.source()));
    }
}
