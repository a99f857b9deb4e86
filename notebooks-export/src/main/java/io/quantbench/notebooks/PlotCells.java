package io.quantbench.notebooks;

import com.samskivert.mustache.Mustache;
import io.quantbench.analysis.input.Measurement;
import io.quantbench.analysis.plot.Figure;
import io.quantbench.analysis.summary.AxisRoles;
import io.quantbench.analysis.summary.Baseline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The code cells: one that loads the CSV files, then one per plot of the report worth redrawing (speedups
 * with their intervals, each sweep such as time against sequence length, the roofline, JDK against JDK,
 * run against run), each showing the report's own PNGs of that plot as its outputs until it is run.
 *
 * <p>The Python is in {@code *.py.mustache} templates beside this class; here is only what fills them in:
 * the column names, the benchmark names and the axes, which the analysis's {@link AxisRoles} decides as it
 * does for the report. A cell is left out when the report has no such plot.
 */
final class PlotCells {

    private static final Mustache.Compiler TEMPLATES = Mustache.compiler().escapeHTML(false);

    private final AnalysedRuns runs;
    private final ParamColumns params;
    private final CellIds ids;

    PlotCells(AnalysedRuns runs, ParamColumns params, CellIds ids) {
        this.runs = runs;
        this.params = params;
        this.ids = ids;
    }

    /** In the report's order of importance: speedups, sweeps, roofline, then JDK against JDK and run against run. */
    List<Notebook.Cell> cells() {
        List<Notebook.Cell> cells = new ArrayList<>();
        cells.add(new Notebook.Code(ids.next("load"), render("load", Map.of("tidyCsv", TidyCsv.FILE_NAME,
                "comparisonsCsv", ComparisonsCsv.FILE_NAME)), List.of()));
        String baseline = runs.analyses().get(0).baseline().toString();
        ratios(AnalysedRuns.Kind.SPEEDUP, "Speedup against " + baseline, "speedup (× " + baseline + ")").ifPresent(cells::add);
        for (AxisRoles group : AxisRoles.groups(runs.measurements())) {
            if (group.sweep() != null) {
                cells.add(sweep(group));
            }
        }
        if (runs.analyses().stream().anyMatch(a -> a.derived().stream().anyMatch(d -> d.roof().isPresent()))) {
            cells.add(roofline());
        }
        ratios(AnalysedRuns.Kind.JDK, "JDK against JDK (each configuration against the same one under the run's first JDK)",
                "speedup (× the run's first JDK)").ifPresent(cells::add);
        String first = runs.analyses().get(0).run().name();
        ratios(AnalysedRuns.Kind.RUN, "Run against run (each configuration against the same one in " + first + ")",
                "speedup (× " + first + ")").ifPresent(cells::add);
        return cells;
    }

    /** Ratios with their intervals, of one kind of comparison from comparisons.csv; empty when the report has none. */
    private Optional<Notebook.Cell> ratios(AnalysedRuns.Kind kind, String title, String xLabel) {
        if (runs.comparisons(kind).isEmpty()) {
            return Optional.empty();
        }
        boolean withRun = runs.severalRuns() && kind != AnalysedRuns.Kind.RUN;   // run comparisons name the run in the label
        String source = render("ratios", Map.of("title", comment(title), "confidence", runs.options().confidenceLabel(),
                "kind", kind.csvName(), "labels", withRun ? "rows[\"run\"] + \": \" + rows[\"label\"]" : "rows[\"label\"]",
                "xLabel", inString(xLabel)));
        return Optional.of(new Notebook.Code(ids.next(kind.csvName()), source, images(runs.figures(kind.section()))));
    }

    /** A line per series along a numeric axis (e.g. time against seqLen), from tidy.csv. */
    private Notebook.Cell sweep(AxisRoles group) {
        Measurement first = group.members().get(0);
        List<String> keys = new ArrayList<>();
        if (runs.severalRuns()) {
            keys.add("run");
        }
        group.varyingAxes().stream().filter(a -> !a.equals(group.sweep())).map(this::column).forEach(keys::add);
        if (keys.isEmpty()) {
            keys.add("run");                                    // one line; groupby needs a key
        }
        List<String> benchmarks = group.members().stream().map(Measurement::benchmark).distinct().collect(Collectors.toList());
        String source = render("sweep", Map.of("group", comment(group.name()), "quantity", inString(first.unit().quantity()),
                "x", inString(column(group.sweep())), "lines", comment(String.join(", ", keys)),
                "benchmarks", list(benchmarks), "mode", inString(first.mode()), "unit", inString(first.unit().text()),
                "keys", list(keys)));
        List<Figure> figures = runs.figures(Figure.Section.SWEEP).stream().filter(f -> f.group().equals(group.name()))
                .collect(Collectors.toList());
        return new Notebook.Code(ids.next("sweep " + group.name()), source, images(figures));
    }

    /** GOP/s against operations per byte under the measured memory roof, from tidy.csv's bytes and flops per op. */
    private Notebook.Cell roofline() {
        List<String> keys = new ArrayList<>(List.of("run", "jdk", "benchmark"));
        Set<String> withBytes = new LinkedHashSet<>();
        runs.measurements().stream().filter(m -> TidyCsv.bytesPerOp(m) != null).forEach(m -> withBytes.addAll(m.params().keySet()));
        params.columns().stream().filter(c -> withBytes.stream().anyMatch(p -> params.column(p).equals(c))).forEach(keys::add);
        List<String> panel = new ArrayList<>(List.of("run", "jdk"));
        if (params.has("threads")) {
            panel.add(params.column("threads"));               // the roof is the bandwidth at the same thread count
        }
        String source = render("roofline", Map.of("panelWords", panel.size() == 3 ? "run, JDK and thread count" : "run and JDK",
                "keys", list(keys), "panel", list(panel), "format", inString(params.column(Baseline.FORMAT_AXIS))));
        return new Notebook.Code(ids.next("roofline"), source, images(runs.figures(Figure.Section.ROOFLINE)));
    }

    /** The tidy.csv column of an axis of {@link AxisRoles}: a param's column, the JVM, or the benchmark for "method". */
    private String column(String axis) {
        if (params.has(axis)) {
            return params.column(axis);
        }
        if (axis.equals(Measurement.JDK_AXIS)) {
            return "jdk";
        }
        if (axis.equals(AxisRoles.METHOD_AXIS)) {
            return "benchmark";
        }
        throw new IllegalArgumentException("axis '" + axis + "' has no column in " + TidyCsv.FILE_NAME);
    }

    private static List<Notebook.Image> images(List<Figure> figures) {
        return figures.stream().map(f -> new Notebook.Image(PngImage.read(f.png()),
                f.title() + " (the report's plot; run the cell to redraw it with matplotlib)")).collect(Collectors.toList());
    }

    private static String render(String template, Map<String, String> model) {
        String name = template + ".py.mustache";
        try (InputStream in = PlotCells.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("template " + name + " is missing from the jar");
            }
            return TEMPLATES.compile(new String(in.readAllBytes(), StandardCharsets.UTF_8)).execute(model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text for inside a Python "..." literal. */
    static String inString(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r");
    }

    /** A Python list of string literals. */
    static String list(List<String> items) {
        return items.stream().map(i -> "\"" + inString(i) + "\"").collect(Collectors.joining(", ", "[", "]"));
    }

    /** Text for a "#" comment: on one line. */
    private static String comment(String s) {
        return s.replaceAll("[\\r\\n]+", " ");
    }
}
