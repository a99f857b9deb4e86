package io.quantbench.analysis.report;

import io.quantbench.analysis.AtomicFiles;
import io.quantbench.analysis.input.Measurement;
import io.quantbench.analysis.input.Run;
import io.quantbench.analysis.plot.Figure;
import io.quantbench.analysis.plot.Plots;
import io.quantbench.analysis.stats.Quantiles;
import io.quantbench.analysis.stats.Verdict;
import io.quantbench.analysis.summary.BenchmarkSummary;
import io.quantbench.analysis.summary.Comparison;
import io.quantbench.analysis.summary.RunAnalysis;
import io.quantbench.analysis.table.Numbers;
import io.quantbench.analysis.table.Table;
import io.quantbench.analysis.table.TableFiles;
import io.quantbench.analysis.table.Tables;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The report of one run: {@code index.html} (self-contained: plots embedded, style inline) with the
 * verdicts first, then one section per axis with its plots and tables, the environment, flame graph
 * links and the methods; beside it {@code plots/} (PNG and SVG) and {@code tables/} (Markdown, CSV,
 * LaTeX).
 */
public final class RunReport {

    public static final String INDEX = "index.html";

    private RunReport() {
    }

    /** Writes the report into {@code dir}; returns its index.html and the plots drawn for it. */
    public static Report write(RunAnalysis analysis, Path dir) {
        Path plotsDir = dir.resolve("plots");
        Path tablesDir = dir.resolve("tables");
        List<Figure> figures = Plots.forRun(analysis, plotsDir);
        List<Path> files = new ArrayList<>();
        Function<Table, Map<String, Object>> tableView = table -> {
            List<Path> copies = TableFiles.write(table, tablesDir);
            files.addAll(copies);
            return Views.table(table, copies, dir);
        };

        Map<String, Object> model = new LinkedHashMap<>();
        Run run = analysis.run();
        model.put("css", Templates.css());
        model.put("title", "quantbench report — " + run.name());
        model.put("subtitle", subtitle(analysis));

        List<Map<String, Object>> verdictTables = Tables.speedupMatrices(analysis).stream().map(tableView).collect(Collectors.toList());
        model.put("hasSpeedups", !analysis.speedups().isEmpty());
        model.put("verdictTables", verdictTables);
        model.put("verdictCounts", verdictCounts(analysis.speedups()));
        model.put("verdictRule", String.format(Locale.ROOT, "Faster: the whole %s interval of the speedup is above %s;"
                        + " slower: below %s; equivalent: inside [%s, %s]; otherwise inconclusive, with the forks per"
                        + " configuration that would decide it if the effect and spread hold.",
                analysis.options().confidenceLabel(), Numbers.plain(1 + analysis.options().margin()),
                Numbers.plain(1 - analysis.options().margin()), Numbers.plain(1 - analysis.options().margin()),
                Numbers.plain(1 + analysis.options().margin())));
        model.put("noSpeedups", String.join(" ", analysis.notes().stream().filter(n -> n.startsWith("No speedups")).collect(Collectors.toList())));

        List<Map<String, Object>> warnings = warnings(analysis);
        figures.stream().filter(f -> !f.isDrawn()).forEach(f -> warnings.add(Map.of("text",
                "the plot '" + f.title() + "' could not be drawn: " + f.problem(), "times", false)));
        model.put("hasWarnings", !warnings.isEmpty());
        model.put("warnings", warnings);

        List<Map<String, Object>> sections = new ArrayList<>();
        addSection(sections, "speedup", Figure.Section.SPEEDUP.heading(), "The verdicts above, drawn (one chart per"
                        + " combination of the axes the chart does not show), and in full with both tests.", figures, dir,
                List.of(Figure.Section.SPEEDUP), Tables.speedups(analysis).stream().map(tableView).collect(Collectors.toList()));
        addSection(sections, "bandwidth", "Effective bandwidth, roofline and share of the memory roof", "What the format"
                        + " metadata turns each time into: weight bytes per second against the measured read bandwidth.",
                figures, dir, List.of(Figure.Section.THROUGHPUT, Figure.Section.ROOFLINE),
                Tables.derived(analysis).stream().map(tableView).collect(Collectors.toList()));
        addSection(sections, "sweep", Figure.Section.SWEEP.heading(), "Time (or throughput) along a numeric parameter"
                + " such as the sequence length.", figures, dir, List.of(Figure.Section.SWEEP), List.of());
        addSection(sections, "jdk", Figure.Section.JDK.heading(), "The same configuration under each JDK, against the first"
                        + " JDK of the run.", figures, dir, List.of(Figure.Section.JDK),
                Tables.jdkComparisons(analysis).stream().map(tableView).collect(Collectors.toList()));
        addSection(sections, "roof", Figure.Section.BANDWIDTH.heading(), "BandwidthBenchmark: how fast this machine reads"
                        + " memory it has not touched recently, the roof of a decode step.", figures, dir,
                List.of(Figure.Section.BANDWIDTH), Tables.roofs(analysis).stream().map(tableView).collect(Collectors.toList()));
        addSection(sections, "configurations", "Every configuration", "Per configuration: the statistics behind every"
                        + " number above, fork by fork. " + iccHeadline(analysis), List.of(), dir, List.of(),
                Tables.summaries(analysis).stream().map(tableView).collect(Collectors.toList()));
        addSection(sections, "forks", Figure.Section.FORKS.heading(), "The iterations behind each interval: spread, warm-up"
                + " and forks that disagree.", figures, dir, List.of(Figure.Section.FORKS), List.of());
        addSection(sections, "secondary", "Secondary metrics", "What JMH's profilers added (e.g. -prof gc: B/op).",
                List.of(), dir, List.of(), Tables.secondary(analysis).stream().map(tableView).collect(Collectors.toList()));
        model.put("sections", sections);

        model.putAll(environment(run));
        model.putAll(flameGraphs(run, dir));
        model.put("methods", Methods.paragraphs(analysis.options()));

        for (Figure f : figures) {
            if (f.isDrawn()) {
                files.add(f.png());
                files.add(f.svg());
            }
        }
        model.put("files", files.stream().map(f -> Views.link(f, dir, Views.relative(f, dir))).collect(Collectors.toList()));
        model.put("fileCount", files.size());
        model.put("toc", toc(model, sections));

        Path index = dir.resolve(INDEX);
        AtomicFiles.writeString(index, Templates.render("run-report", model));
        return new Report(index, figures);
    }

    private static String subtitle(RunAnalysis a) {
        Run run = a.run();
        Set<String> jmh = run.measurements().stream().map(m -> m.settings().jmhVersion()).filter(v -> !v.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> forks = run.measurements().stream().map(m -> String.valueOf(m.forkCount())).collect(Collectors.toCollection(LinkedHashSet::new));
        return String.format(Locale.ROOT, "%d configurations from %s; JMH %s; %s fork(s) each. Baseline %s; speedup"
                        + " intervals by %s at %s; equivalence margin ±%s.", run.measurements().size(),
                run.resultFiles().stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", ")),
                jmh.isEmpty() ? "?" : String.join("/", jmh), String.join("/", forks), a.baseline(),
                a.options().ratioMethod().cliName(), a.options().confidenceLabel(), Numbers.percent(a.options().margin()));
    }

    /** What the intraclass correlation means for this run: the median ρ, and the configuration where it matters most. */
    private static String iccHeadline(RunAnalysis a) {
        List<BenchmarkSummary> estimable = a.summaries().stream().filter(s -> !Double.isNaN(s.icc()))
                .sorted(Comparator.comparingDouble(s -> s.variance().designEffect())).collect(Collectors.toList());
        if (estimable.isEmpty()) {
            return "";
        }
        double medianIcc = Quantiles.median(estimable.stream().mapToDouble(BenchmarkSummary::icc).toArray());
        BenchmarkSummary worst = estimable.get(estimable.size() - 1);
        return String.format(Locale.ROOT, "Median intraclass correlation of forks ρ = %s. Where it matters most (%s): %s.",
                Numbers.format(medianIcc), label(worst.measurement()), worst.iccMeaning());
    }

    private static List<Map<String, Object>> verdictCounts(List<Comparison> comparisons) {
        List<Map<String, Object>> counts = new ArrayList<>();
        for (Verdict v : Verdict.values()) {
            long n = comparisons.stream().filter(c -> c.verdict() == v).count();
            counts.add(Map.of("verdict", v.word(), "count", n));
        }
        return counts;
    }

    /** Run notes first, then each distinct configuration warning once with how many configurations it concerns. */
    private static List<Map<String, Object>> warnings(RunAnalysis a) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String note : a.notes()) {
            if (!note.startsWith("No speedups")) {
                out.add(Map.of("text", note, "times", false));
            }
        }
        Map<String, List<String>> byText = new LinkedHashMap<>();
        for (BenchmarkSummary s : a.summaries()) {
            for (String w : s.warnings()) {
                byText.computeIfAbsent(w, k -> new ArrayList<>()).add(label(s.measurement()));
            }
        }
        byText.forEach((text, where) -> out.add(Map.of("text", text, "times", where.size() + (where.size() == 1 ? " configuration" : " configurations"),
                "examples", where.stream().limit(3).collect(Collectors.joining("; ")) + (where.size() > 3 ? "; …" : ""))));
        return out;
    }

    private static String label(Measurement m) {
        return m.shortName() + (m.params().isEmpty() ? "" : " " + m.params().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
    }

    private static void addSection(List<Map<String, Object>> sections, String id, String heading, String intro,
                                   List<Figure> figures, Path dir, List<Figure.Section> kinds, List<Map<String, Object>> tables) {
        List<Map<String, Object>> mine = figures.stream().filter(f -> kinds.contains(f.section()))
                .map(f -> Views.figure(f, dir)).collect(Collectors.toList());
        if (mine.isEmpty() && tables.isEmpty()) {
            return;
        }
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("id", id);
        section.put("heading", heading);
        section.put("intro", intro);
        section.put("figures", mine);
        section.put("tables", tables);
        sections.add(section);
    }

    /**
     * env.json's facts when the run has them, then what JMH recorded about the JVM and its settings (one
     * value, or the distinct values joined, per field), then where the results came from.
     */
    static Map<String, Object> environment(Run run) {
        List<Map<String, Object>> entries = new ArrayList<>();
        environmentFacts(run).forEach((k, v) -> entries.add(Map.of("key", k, "value", v)));
        String source = run.environment().isPresent()
                ? "From " + run.environment().file().getFileName() + ", then what JMH recorded."
                : "No env.json in this run (the runner writes it; plain JMH files have none): what JMH recorded.";
        return Map.of("environment", entries, "environmentSource", source);
    }

    /** The facts of {@link #environment(Run)} as name → value, in the report's order. */
    public static Map<String, String> environmentFacts(Run run) {
        Map<String, String> facts = new LinkedHashMap<>(run.environment().entries());
        Map<String, Function<Measurement, String>> fields = new LinkedHashMap<>();
        fields.put("JMH", m -> m.settings().jmhVersion());
        fields.put("JVM", m -> m.jvm().path());
        fields.put("JDK version", m -> m.jvm().jdkVersion());
        fields.put("VM", m -> m.jvm().vmName() + " " + m.jvm().vmVersion());
        fields.put("JVM options", m -> String.join(" ", m.jvm().args()));
        fields.put("warm-up", m -> m.settings().warmupIterations() + " × " + m.settings().warmupTime());
        fields.put("measurement", m -> m.settings().measurementIterations() + " × " + m.settings().measurementTime());
        fields.put("forks", m -> String.valueOf(m.settings().forks()));
        fields.put("JMH threads", m -> String.valueOf(m.settings().threads()));
        fields.forEach((key, getter) -> facts.put(key, run.measurements().stream().map(getter)
                .map(String::trim).distinct().collect(Collectors.joining("; "))));
        facts.put("source", run.source().toString());
        return facts;
    }

    private static Map<String, Object> flameGraphs(Run run, Path dir) {
        List<Map<String, Object>> links = run.flameGraphs().stream()
                .map(p -> Views.link(p, dir, p.getParent().getFileName() + "/" + p.getFileName())).collect(Collectors.toList());
        return Map.of("hasFlameGraphs", !links.isEmpty(), "flameGraphs", links, "noFlameGraphs",
                "None recorded for this run: run the sweep with --flamegraph (async-profiler); they are looked for in"
                        + " <results>/profiles/ and profiles/" + run.name() + "/.");
    }

    private static List<Map<String, Object>> toc(Map<String, Object> model, List<Map<String, Object>> sections) {
        List<Map<String, Object>> toc = new ArrayList<>();
        toc.add(Views.tocEntry("verdicts", "Verdicts"));
        if (Boolean.TRUE.equals(model.get("hasWarnings"))) {
            toc.add(Views.tocEntry("warnings", "Warnings"));
        }
        for (Map<String, Object> s : sections) {
            toc.add(Views.tocEntry((String) s.get("id"), (String) s.get("heading")));
        }
        Arrays.asList(new String[][] {{"environment", "Environment"}, {"flamegraphs", "Flame graphs"},
                {"methods", "Methods"}, {"files", "Files"}}).forEach(e -> toc.add(Views.tocEntry(e[0], e[1])));
        return toc;
    }
}
