package io.quantbench.analysis;

import io.quantbench.analysis.input.Measurement;
import io.quantbench.analysis.input.Run;
import io.quantbench.analysis.input.RunLoader;
import io.quantbench.analysis.plot.Figure;
import io.quantbench.analysis.report.ComparisonReport;
import io.quantbench.analysis.report.Report;
import io.quantbench.analysis.report.RunReport;
import io.quantbench.analysis.summary.Baseline;
import io.quantbench.analysis.summary.RunAnalysis;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The entry point of the analysis, for the {@code analyze} command and for the runner at the end of a
 * sweep: results in, reports out.
 *
 * <p>One input: its report goes to {@code out} ({@code reports/<run>/} by default). Several: each run's
 * report goes to {@code out/<run>/} and the comparison across them to {@code out/index.html}
 * ({@code out} defaults to {@code reports/comparison-<first run>-and-<n − 1>-more/}).
 */
public final class Analyzer {

    private Analyzer() {
    }

    /** A baseline that names no configuration of the inputs: a usage error, the message lists what there is. */
    public static final class BaselineException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        BaselineException(String message) {
            super(message);
        }
    }

    /**
     * What was written.
     *
     * @param runFigures        each run's plots, in the order of {@code analyses}
     * @param comparisonFigures the plots of the comparison across runs (none for one run)
     */
    public record Result(Path index, List<Path> runReports, List<RunAnalysis> analyses, List<List<Figure>> runFigures,
                         List<Figure> comparisonFigures) {
    }

    /**
     * Analyses {@code inputs} (results folders or JMH JSON files) with the default options.
     *
     * @param baseline a format name or {@code name=value}; null for the default ({@code F32})
     * @param out      the report folder; null for the default under {@code reports/}
     * @throws AnalysisException        for input that cannot be read (the message names the file and the problem)
     * @throws BaselineException       for a baseline that names no configuration (the message lists the valid ones)
     */
    public static Result analyze(List<Path> inputs, String baseline, Path out) {
        AnalysisOptions options = AnalysisOptions.defaults();
        return analyze(inputs, baseline == null ? options : options.withBaseline(baseline), baseline != null, out);
    }

    /**
     * @param explicitBaseline whether the user chose the baseline: then a baseline axis that no input has is
     *                         an error, where the default F32 is simply not applicable to, e.g., a JMH file
     *                         without a format parameter
     */
    public static Result analyze(List<Path> inputs, AnalysisOptions options, boolean explicitBaseline, Path out) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no input: give one or more results folders or JMH JSON files");
        }
        List<Run> runs = uniquelyNamed(inputs.stream().map(RunLoader::load).collect(Collectors.toList()));
        checkBaseline(Baseline.parse(options.baseline()), runs, explicitBaseline);
        List<RunAnalysis> analyses = runs.stream().map(r -> RunAnalysis.of(r, options)).collect(Collectors.toList());
        Path dir = out != null ? out : defaultOut(runs);
        if (analyses.size() == 1) {
            Report report = RunReport.write(analyses.get(0), dir);
            return new Result(report.index(), List.of(report.index()), analyses, List.of(report.figures()), List.of());
        }
        List<Path> reports = new ArrayList<>();
        List<List<Figure>> figures = new ArrayList<>();
        for (RunAnalysis a : analyses) {
            Report report = RunReport.write(a, dir.resolve(a.run().name()));
            reports.add(report.index());
            figures.add(report.figures());
        }
        Report comparison = ComparisonReport.write(analyses, reports, options, dir);
        return new Result(comparison.index(), List.copyOf(reports), analyses, List.copyOf(figures), comparison.figures());
    }

    /** {@code reports/<run>} for one run, {@code reports/comparison-<first>-and-<n>-more} for several. */
    public static Path defaultOut(List<Run> runs) {
        String name = runs.size() == 1 ? runs.get(0).name()
                : "comparison-" + runs.get(0).name() + "-and-" + (runs.size() - 1) + "-more";
        return Paths.get("reports", name);
    }

    /** Two inputs with the same name (e.g. two jmh.json files of folders called alike) get "-2", "-3", … */
    private static List<Run> uniquelyNamed(List<Run> runs) {
        Set<String> used = new HashSet<>();
        List<Run> named = new ArrayList<>();
        for (Run r : runs) {
            String name = r.name();
            for (int i = 2; !used.add(name); i++) {
                name = r.name() + "-" + i;
            }
            named.add(name.equals(r.name()) ? r : r.withName(name));
        }
        return named;
    }

    /**
     * A baseline must name something that exists: if its axis exists but no configuration has its value,
     * or the user named an axis that no input has, the message lists what there is.
     */
    static void checkBaseline(Baseline baseline, List<Run> runs, boolean explicit) {
        Set<String> values = new LinkedHashSet<>();
        Set<String> axes = new LinkedHashSet<>();
        for (Run r : runs) {
            for (Measurement m : r.measurements()) {
                axes.addAll(m.axes().keySet());
                String v = m.axes().get(baseline.axis());
                if (v != null) {
                    values.add(v);
                }
            }
        }
        if (values.stream().anyMatch(v -> v.equalsIgnoreCase(baseline.value()))) {
            return;
        }
        if (!values.isEmpty()) {
            throw new BaselineException("baseline " + baseline + ": no configuration has " + baseline.axis() + " = "
                    + baseline.value() + "; valid values: " + String.join(", ", values));
        }
        if (explicit) {
            throw new BaselineException("baseline " + baseline + ": no input has a parameter '" + baseline.axis()
                    + "'; write the baseline as a format name or name=value with one of: " + String.join(", ", axes));
        }
    }
}
