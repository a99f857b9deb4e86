package io.quantbench.analysis.report;

import io.quantbench.analysis.AnalysisOptions;
import io.quantbench.analysis.AtomicFiles;
import io.quantbench.analysis.input.Measurement;
import io.quantbench.analysis.plot.Figure;
import io.quantbench.analysis.plot.Plots;
import io.quantbench.analysis.summary.AxisRoles;
import io.quantbench.analysis.summary.Comparison;
import io.quantbench.analysis.summary.RunAnalysis;
import io.quantbench.analysis.summary.RunComparisons;
import io.quantbench.analysis.table.Numbers;
import io.quantbench.analysis.table.Table;
import io.quantbench.analysis.table.TableFiles;
import io.quantbench.analysis.table.Tables;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The report across runs ({@code index.html} beside the runs' own reports): which runs, every
 * configuration of each later run against the first (device against device, JDK build against JDK
 * build), each run's speedups side by side, and the environments side by side.
 */
public final class ComparisonReport {

    private ComparisonReport() {
    }

    /**
     * @param runReports each run's index.html, in the order of {@code runs}
     * @return the comparison's index.html and its plots
     */
    public static Report write(List<RunAnalysis> runs, List<Path> runReports, AnalysisOptions options, Path dir) {
        List<Comparison> comparisons = RunComparisons.of(runs, options);
        List<Figure> figures = Plots.forRunComparisons(comparisons, options.margin(), options.confidenceLabel(), dir.resolve("plots"));
        Path tablesDir = dir.resolve("tables");
        String reference = runs.get(0).run().name();

        Map<String, Object> model = new LinkedHashMap<>();
        model.put("css", Templates.css());
        model.put("title", "quantbench comparison — " + runs.size() + " runs");
        model.put("subtitle", String.format(Locale.ROOT, "Every configuration of each run against the same configuration of"
                        + " %s; intervals by %s at %s; equivalence margin ±%s.", reference, options.ratioMethod().cliName(),
                options.confidenceLabel(), Numbers.percent(options.margin())));
        model.put("runs", runRows(runs, runReports, dir));

        List<Map<String, Object>> tables = new ArrayList<>();
        for (AxisRoles group : AxisRoles.groups(comparisons.stream().map(Comparison::candidate).collect(Collectors.toList()))) {
            Table t = Tables.comparisonTable(group, comparisons, "runs", "Against " + reference, options.confidenceLabel(), options.margin());
            tables.add(Views.table(t, TableFiles.write(t, tablesDir), dir));
        }
        model.put("hasComparisons", !comparisons.isEmpty());
        model.put("comparisonTables", tables);
        model.put("noComparisons", "No configuration appears in " + reference + " and in another run with the same parameters.");
        model.put("figures", figures.stream().map(f -> Views.figure(f, dir)).collect(Collectors.toList()));

        Table sideBySide = speedupsSideBySide(runs);
        model.put("hasSideBySide", !sideBySide.isEmpty());
        model.put("sideBySide", sideBySide.isEmpty() ? List.of() : List.of(Views.table(sideBySide, TableFiles.write(sideBySide, tablesDir), dir)));
        model.put("environmentKeys", environmentGrid(runs));
        model.put("runNames", runs.stream().map(r -> r.run().name()).collect(Collectors.toList()));
        model.put("methods", Methods.paragraphs(options));

        Path index = dir.resolve(RunReport.INDEX);
        AtomicFiles.writeString(index, Templates.render("comparison-report", model));
        return new Report(index, figures);
    }

    private static List<Map<String, Object>> runRows(List<RunAnalysis> runs, List<Path> reports, Path dir) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            RunAnalysis r = runs.get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", r.run().name());
            row.put("href", Views.relative(reports.get(i), dir));
            row.put("source", r.run().source().toString());
            row.put("configurations", r.run().measurements().size());
            row.put("jdks", r.run().measurements().stream().map(m -> m.jvm().label()).distinct().collect(Collectors.joining(", ")));
            row.put("machine", r.run().environment().isPresent()
                    ? r.run().environment().first("cpu.model", "cpu", "host", "hostname") : "no env.json");
            row.put("speedups", r.speedups().size());
            rows.add(row);
        }
        return rows;
    }

    /** Each run's speedup against its baseline, one column pair per run, rows matched on the candidate's params. */
    static Table speedupsSideBySide(List<RunAnalysis> runs) {
        Map<String, Map<String, Comparison>> byConfiguration = new LinkedHashMap<>();
        for (RunAnalysis r : runs) {
            for (Comparison c : r.speedups()) {
                byConfiguration.computeIfAbsent(key(c.candidate()), k -> new LinkedHashMap<>()).put(r.run().name(), c);
            }
        }
        String baseline = runs.get(0).baseline().toString();
        Table.Builder t = new Table.Builder("speedups-side-by-side", "Speedup against " + baseline + ", run by run",
                "Each run's own speedup interval and verdict for the same configuration: does the ranking of formats hold"
                        + " on every device and JDK?");
        t.column(Table.Column.text("configuration"));
        for (RunAnalysis r : runs) {
            t.column(Table.Column.interval(r.run().name(), "× " + baseline)).column(Table.Column.verdict("verdict " + r.run().name()));
        }
        byConfiguration.forEach((configuration, perRun) -> {
            List<Object> cells = new ArrayList<>();
            cells.add(configuration);
            for (RunAnalysis r : runs) {
                Comparison c = perRun.get(r.run().name());
                cells.add(c == null ? io.quantbench.analysis.stats.Interval.unknown(Double.NaN) : c.ratio());
                cells.add(c == null ? Numbers.UNKNOWN : c.verdict().word());
            }
            t.row(cells.toArray());
        });
        return t.build();
    }

    private static String key(Measurement m) {
        return m.shortName() + " " + m.params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    /** Rows of environment keys, one value per run ("—" where a run lacks it). */
    private static List<Map<String, Object>> environmentGrid(List<RunAnalysis> runs) {
        List<Map<String, String>> perRun = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        for (RunAnalysis r : runs) {
            Map<String, String> values = new LinkedHashMap<>();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> entries = (List<Map<String, Object>>) RunReport.environment(r.run()).get("environment");
            entries.forEach(e -> values.put((String) e.get("key"), (String) e.get("value")));
            keys.addAll(values.keySet());
            perRun.add(values);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String key : keys) {
            List<String> values = perRun.stream().map(v -> v.getOrDefault(key, Numbers.UNKNOWN)).collect(Collectors.toList());
            rows.add(Map.of("key", key, "values", values));
        }
        return rows;
    }
}
