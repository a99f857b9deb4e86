package io.quantbench.jmh.cli;

import io.quantbench.analysis.AnalysisOptions;
import io.quantbench.analysis.Analyzer;
import io.quantbench.analysis.stats.RatioMethod;
import io.quantbench.analysis.summary.Baseline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code analyze <results dir or JMH json>... [--baseline F32] [--out <dir>]}: statistics, plots, tables
 * and {@code index.html} (DESIGN.md, "Command line"). The work is {@link Analyzer}'s; this class only maps
 * options to {@link AnalysisOptions} and problems to exit codes: 2 for bad usage (a path that does not
 * exist, a baseline that names nothing, an option out of range), 1 for input that cannot be analysed.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Analyse JMH results: fork-level statistics, speedups with confidence intervals and verdicts,"
                + " plots (PNG, SVG), tables (Markdown, CSV, LaTeX) and a self-contained index.html.",
                "One input: its report goes to --out (default reports/<run>/). Several: one report per run in"
                        + " <out>/<run>/ and a comparison across them in <out>/index.html."})
public final class AnalyzeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "<results>",
            description = "results folders (results/<run>/ with jmh.json, optionally env.json) or JMH JSON files")
    List<Path> inputs;

    @Option(names = "--baseline", paramLabel = "<format or name=value>",
            description = "what speedups are against: a format (default F32) or any parameter as name=value,"
                    + " e.g. threads=1 or jdk=<version>")
    String baseline;

    @Option(names = "--out", paramLabel = "<dir>", description = "report folder (default: reports/<run>/)")
    Path out;

    @Option(names = "--margin", paramLabel = "<fraction>", defaultValue = "0.05",
            description = "equivalence margin of the verdicts: ratios within 1 ± margin count as no change (default ${DEFAULT-VALUE})")
    double margin;

    @Option(names = "--ratio-ci", paramLabel = "<method>", defaultValue = "log-welch",
            description = "speedup interval: log-welch, fieller or bootstrap (default ${DEFAULT-VALUE})")
    String ratioMethod;

    @Option(names = "--confidence", paramLabel = "<level>", defaultValue = "0.95",
            description = "confidence level of every interval (default ${DEFAULT-VALUE})")
    double confidence;

    @Option(names = "--resamples", paramLabel = "<n>", defaultValue = "10000",
            description = "bootstrap resamples (default ${DEFAULT-VALUE})")
    int resamples;

    @Option(names = "--seed", paramLabel = "<n>", defaultValue = "20070101",
            description = "seed of every random choice (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        ResultInputs.check(inputs);
        AnalysisOptions options;
        try {
            Baseline.parse(baseline == null ? AnalysisOptions.DEFAULT_BASELINE : baseline);
            options = new AnalysisOptions(baseline == null ? AnalysisOptions.DEFAULT_BASELINE : baseline,
                    margin, confidence, RatioMethod.parse(ratioMethod), resamples, seed);
        } catch (IllegalArgumentException e) {
            throw new Subcommands.UsageException(e.getMessage());
        }
        Analyzer.Result result;
        try {
            result = Analyzer.analyze(inputs, options, baseline != null, out);
        } catch (Analyzer.BaselineException e) {
            throw new Subcommands.UsageException(e.getMessage());
        }
        System.out.println("report: " + result.index().toAbsolutePath());
        return 0;
    }
}
