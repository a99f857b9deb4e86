package io.quantbench.jmh.cli;

import io.quantbench.analysis.Analyzer;
import io.quantbench.notebooks.NotebookExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code export-notebook <results>... [--out <file.ipynb>]}: a Jupyter notebook and tidy CSV files beside the
 * report (DESIGN.md, "Command line"). The work is {@link NotebookExport}'s; this class maps problems to exit
 * codes: 2 for bad usage (a path that does not exist, an output name without .ipynb or in a folder that
 * holds another export), 1 for input that cannot be read.
 */
@Command(name = "export-notebook", mixinStandardHelpOptions = true,
        description = {"Export results as a Jupyter notebook (nbformat 4.5) with tidy CSV files for pandas.",
                "Writes, in the notebook's folder, the same report as analyze (index.html, plots/, tables/), tidy.csv"
                        + " (every measured value, one row each), comparisons.csv (every speedup with its interval and"
                        + " verdict) and the notebook: environment and verdicts, code that loads the CSV files with"
                        + " pandas and redraws the main plots with matplotlib, and the report's plots as its outputs."})
public final class ExportNotebookCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "<results>",
            description = "results folders (results/<run>/ with jmh.json, optionally env.json) or JMH JSON files;"
                    + " several go into one notebook, with the run as a column")
    List<Path> inputs;

    @Option(names = "--out", paramLabel = "<file.ipynb>",
            description = "the notebook (default: reports/<run>/<run>.ipynb; for several inputs"
                    + " reports/comparison-<first run>-and-<n>-more/ with the same name)")
    Path out;

    @Override
    public Integer call() {
        ResultInputs.check(inputs);
        NotebookExport.Result result;
        try {
            result = NotebookExport.export(inputs, out);
        } catch (NotebookExport.BadOutputException | Analyzer.BaselineException e) {
            throw new Subcommands.UsageException(e.getMessage());
        }
        System.out.println("notebook: " + result.notebook().toAbsolutePath());
        System.out.println("data: " + result.tidyCsv().toAbsolutePath() + ", " + result.comparisonsCsv().toAbsolutePath());
        System.out.println("report: " + result.report().toAbsolutePath());
        return 0;
    }
}
