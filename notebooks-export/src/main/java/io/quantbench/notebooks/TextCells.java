package io.quantbench.notebooks;

import io.quantbench.analysis.AnalysisOptions;
import io.quantbench.analysis.report.RunReport;
import io.quantbench.analysis.stats.Verdict;
import io.quantbench.analysis.summary.RunAnalysis;
import io.quantbench.analysis.table.Numbers;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The markdown cells: first what was measured where and the verdicts, with the environment of every run
 * side by side; then what the two CSV files hold, for whoever loads them elsewhere.
 */
final class TextCells {

    private final AnalysedRuns runs;
    private final ParamColumns params;

    TextCells(AnalysedRuns runs, ParamColumns params) {
        this.runs = runs;
        this.params = params;
    }

    String summary() {
        List<String> names = runs.analyses().stream().map(a -> a.run().name()).collect(Collectors.toList());
        int configurations = runs.analyses().stream().mapToInt(a -> a.run().measurements().size()).sum();
        StringBuilder md = new StringBuilder("# quantbench results: ").append(Markdown.text(String.join(", ", names))).append("\n\n");
        md.append(configurations).append(" benchmark configurations in ").append(names.size()).append(names.size() == 1 ? " run" : " runs")
                .append(". This notebook sits in the folder of the full report, ").append(link(RunReport.INDEX)).append("; beside it, ")
                .append(link(TidyCsv.FILE_NAME)).append(" holds every measured value and ").append(link(ComparisonsCsv.FILE_NAME))
                .append(" every comparison with its interval and verdict.\n\n");
        md.append("The images under the code cells are the report's own plots, so this notebook shows its results without"
                + " being run. Running a cell redraws its plot from the CSV files with pandas and matplotlib, in one figure"
                + " where the report may draw several panels.\n\n");
        md.append("## Verdicts\n\n").append(verdictRule()).append("\n\n");
        md.append(verdictCounts());
        md.append(speedupTable());
        md.append("\n## Environment\n\n").append(environment());
        return md.toString();
    }

    private String verdictRule() {
        AnalysisOptions o = runs.options();
        String margin = Numbers.percent(o.margin());
        return "Speedup against **" + Markdown.text(runs.analyses().get(0).baseline().toString()) + "**, above 1 meaning"
                + " faster; " + o.confidenceLabel() + " intervals by " + o.ratioMethod().cliName() + ". A verdict is *faster*"
                + " or *slower* when the whole interval lies beyond 1 ± " + margin + ", *equivalent* when it lies within,"
                + " otherwise *inconclusive*.";
    }

    /** One line per run's speedups, JDK comparisons and (several runs) run against run: how many of each verdict. */
    private String verdictCounts() {
        StringBuilder md = new StringBuilder();
        for (RunAnalysis a : runs.analyses()) {
            String run = a.run().name();
            md.append("- **").append(Markdown.text(run)).append("**: ");
            List<AnalysedRuns.Compared> speedups = of(AnalysedRuns.Kind.SPEEDUP, run);
            md.append(speedups.isEmpty() ? "no speedups: no configuration has a partner with " + Markdown.text(a.baseline().axis()
                    + " = " + a.baseline().value()) + " and otherwise equal parameters (`analyze --baseline` compares against"
                    + " another)" : counts(speedups));
            List<AnalysedRuns.Compared> jdks = of(AnalysedRuns.Kind.JDK, run);
            if (!jdks.isEmpty()) {
                md.append("; JDK against its first JDK: ").append(counts(jdks));
            }
            md.append(".\n");
        }
        List<AnalysedRuns.Compared> acrossRuns = runs.comparisons(AnalysedRuns.Kind.RUN);
        if (!acrossRuns.isEmpty()) {
            md.append("- Run against run (each configuration against the same one in **")
                    .append(Markdown.text(runs.analyses().get(0).run().name())).append("**): ").append(counts(acrossRuns)).append(".\n");
        }
        return md.toString();
    }

    /** A link to a file beside the notebook. */
    private static String link(String file) {
        return "[" + file + "](" + file + ")";
    }

    private List<AnalysedRuns.Compared> of(AnalysedRuns.Kind kind, String run) {
        return runs.comparisons(kind).stream().filter(c -> c.run().equals(run)).collect(Collectors.toList());
    }

    private static String counts(List<AnalysedRuns.Compared> comparisons) {
        return Arrays.stream(Verdict.values()).map(v -> comparisons.stream().filter(c -> c.comparison().verdict() == v).count()
                + " " + v.word()).collect(Collectors.joining(", "));
    }

    /** Every speedup with its interval and verdict. */
    private String speedupTable() {
        List<AnalysedRuns.Compared> speedups = runs.comparisons(AnalysedRuns.Kind.SPEEDUP);
        if (speedups.isEmpty()) {
            return "";
        }
        List<String> header = new ArrayList<>();
        if (runs.severalRuns()) {
            header.add("run");
        }
        header.addAll(List.of("configuration", "speedup [" + runs.options().confidenceLabel() + " interval]", "verdict"));
        List<List<String>> rows = new ArrayList<>();
        for (AnalysedRuns.Compared c : speedups) {
            List<String> row = new ArrayList<>();
            if (runs.severalRuns()) {
                row.add(c.run());
            }
            row.addAll(List.of(ComparisonsCsv.label(c.comparison()), Numbers.interval(c.comparison().ratio()),
                    c.comparison().verdict().word()));
            rows.add(row);
        }
        return "\n" + Markdown.table(header, rows);
    }

    /** One column per run: device, CPU, start, then the report's environment facts (env.json, then JMH's record). */
    private String environment() {
        List<Map<String, String>> perRun = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        for (RunAnalysis a : runs.analyses()) {
            RunFacts facts = RunFacts.of(a.run());
            Map<String, String> values = new LinkedHashMap<>();
            values.put("device", facts.device());
            values.put("started (UTC)", facts.started() == null ? "" : DateTimeFormatter.ISO_INSTANT.format(facts.started()));
            values.putAll(RunReport.environmentFacts(a.run()));
            keys.addAll(values.keySet());
            perRun.add(values);
        }
        List<String> header = new ArrayList<>(List.of(""));
        runs.analyses().forEach(a -> header.add(a.run().name()));
        List<List<String>> rows = new ArrayList<>();
        for (String key : keys) {
            List<String> row = new ArrayList<>(List.of(key));
            perRun.forEach(values -> row.add(values.getOrDefault(key, Numbers.UNKNOWN)));
            rows.add(row);
        }
        return Markdown.table(header, rows);
    }

    /** What the CSV files hold and how they are written. */
    String data() {
        String paramColumns = params.columns().isEmpty() ? "(none in these runs)"
                : params.columns().stream().map(c -> "`" + c + "`").collect(Collectors.joining(", "));
        return "## The data\n\n"
                + "**" + TidyCsv.FILE_NAME + "**: one row per measured value: one iteration of one fork of one benchmark"
                + " configuration in one run. Columns: `run`, `run_started`, `device`, `cpu` (which run, where and when);"
                + " `jdk`, `benchmark` (JMH's full name), `mode`; one column per benchmark parameter: " + paramColumns
                + "; `metric` (`primary` for the score, else a secondary metric such as `gc.alloc.rate.norm`), `fork` and"
                + " `iteration` (from 1, as JMH counts), `value` in `unit`; `seconds_per_op` (the score as seconds per"
                + " operation, for times and throughputs alike); `bytes_per_op` and `flops_per_op` (bytes read and"
                + " arithmetic operations per call, from the formats' layouts, for the roofline).\n\n"
                + "**" + ComparisonsCsv.FILE_NAME + "**: one row per comparison of the report: `comparison` (`speedup`,"
                + " `jdk` or `run`), the candidate's `run`, `jdk`, `benchmark` and parameters, `axis` with `candidate` and"
                + " `reference`, the `ratio` with its interval `low`–`high` at `confidence` by `method`, the `verdict` at"
                + " `margin`, p-values (raw and Holm-corrected) and `forks_needed` for an inconclusive verdict.\n\n"
                + "Both load with `pd.read_csv(path)` and no options: UTF-8, one header row, plain decimal numbers with a"
                + " '.' point; a missing value (a parameter a benchmark does not have, an unknown bound) is an empty field,"
                + " which pandas reads as NaN; an unbounded interval end is `inf`; times are ISO-8601 in UTC"
                + " (`pd.to_datetime` reads them). The fork is the unit of replication: average a fork's iterations"
                + " before comparing forks.\n";
    }
}
