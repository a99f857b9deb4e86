package io.quantbench.notebooks;

import io.quantbench.analysis.AnalysisOptions;
import io.quantbench.analysis.Analyzer;
import io.quantbench.analysis.AnalysisException;
import io.quantbench.analysis.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The entry point of {@code export-notebook}: results in; the report, two tidy CSV files and a Jupyter
 * notebook out, all in one folder (DESIGN.md: {@code reports/<run>/<run>.ipynb} beside the report).
 *
 * <p>The analysis does the reading, the statistics and the plots ({@link Analyzer}, the same report
 * {@code analyze} writes); this module adds {@value TidyCsv#FILE_NAME} (every measured value),
 * {@value ComparisonsCsv#FILE_NAME} (every comparison with its interval and verdict) and the notebook:
 * the environment and verdicts in markdown, code that loads the CSV files with pandas and redraws the
 * main plots with matplotlib, and the report's PNGs as those cells' outputs. Every file is written to a
 * temporary file and renamed, the notebook last, so a failure leaves no half-written file.
 */
public final class NotebookExport {

    public static final String EXTENSION = ".ipynb";

    private NotebookExport() {
    }

    /** An output path that cannot be used: no {@code .ipynb} name, or a folder holding another export. */
    public static final class BadOutputException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        BadOutputException(String message) {
            super(message);
        }
    }

    /** What was written. */
    public record Result(Path notebook, Path tidyCsv, Path comparisonsCsv, Path report) {
    }

    /** {@link #export(List, AnalysisOptions, Path)} with the analysis's default options. */
    public static Result export(List<Path> inputs, Path notebook) {
        return export(inputs, AnalysisOptions.defaults(), notebook);
    }

    /**
     * @param inputs   results folders or JMH JSON files, as for {@code analyze}
     * @param notebook the notebook to write ({@code .ipynb}); null for {@code reports/<run>/<run>.ipynb}, or for
     *                 several inputs {@code reports/comparison-<first>-and-<n>-more/} with the same name
     * @throws BadOutputException       for a notebook path without {@code .ipynb}, or in a folder that holds another
     *                                   notebook (its CSV files and report would be replaced)
     * @throws IllegalArgumentException for no inputs
     * @throws AnalysisException        for input that cannot be read (the message names the file and what was wrong)
     */
    public static Result export(List<Path> inputs, AnalysisOptions options, Path notebook) {
        if (notebook != null && (notebook.getFileName() == null || !notebook.getFileName().toString().endsWith(EXTENSION))) {
            throw new BadOutputException(notebook + ": the notebook's name must end in " + EXTENSION);
        }
        Path dir = notebook == null ? null : notebook.toAbsolutePath().normalize().getParent();
        if (dir != null) {
            requireNoOtherNotebook(dir, notebook.getFileName().toString());
        }
        Analyzer.Result analysis = Analyzer.analyze(inputs, options, false, dir);
        Path reportDir = analysis.index().getParent();
        Path target = notebook != null ? notebook : reportDir.resolve(reportDir.getFileName() + EXTENSION);

        AnalysedRuns runs = AnalysedRuns.of(analysis);
        ParamColumns params = runs.paramColumns();
        Path tidy = reportDir.resolve(TidyCsv.FILE_NAME);
        Path comparisons = reportDir.resolve(ComparisonsCsv.FILE_NAME);
        AtomicFiles.writeString(tidy, TidyCsv.text(runs.analyses(), params));
        AtomicFiles.writeString(comparisons, ComparisonsCsv.text(runs, params));

        CellIds ids = new CellIds();
        TextCells text = new TextCells(runs, params);
        List<Notebook.Cell> cells = new ArrayList<>();
        cells.add(new Notebook.Markdown(ids.next("summary"), text.summary()));
        cells.add(new Notebook.Markdown(ids.next("data"), text.data()));
        cells.addAll(new PlotCells(runs, params, ids).cells());
        NotebookJson.write(new Notebook(cells), target);
        return new Result(target, tidy, comparisons, analysis.index());
    }

    /**
     * One export per folder: a second notebook written beside another would replace the first one's
     * tidy.csv, comparisons.csv and report, and the first would then silently load the second's data.
     */
    private static void requireNoOtherNotebook(Path dir, String name) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> others = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(EXTENSION) && !n.equals(name)).sorted().collect(Collectors.toList());
            if (!others.isEmpty()) {
                throw new BadOutputException(dir + " already holds " + String.join(", ", others) + "; a notebook written"
                        + " there would replace its " + TidyCsv.FILE_NAME + ", " + ComparisonsCsv.FILE_NAME
                        + " and report: choose another folder");
            }
        } catch (IOException e) {
            throw new AnalysisException(dir + ": cannot list the folder: " + e.getMessage(), e);
        }
    }
}
