package io.quantbench.notebooks;

import io.quantbench.analysis.AnalysisOptions;
import io.quantbench.analysis.Analyzer;
import io.quantbench.analysis.input.Measurement;
import io.quantbench.analysis.plot.Figure;
import io.quantbench.analysis.summary.Comparison;
import io.quantbench.analysis.summary.RunAnalysis;
import io.quantbench.analysis.summary.RunComparisons;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What one export is made of, all of it the analysis's: the runs with their statistics, every comparison
 * the report makes, and the plots the report drew.
 *
 * @param analyses    one per input, in input order
 * @param comparisons speedups of each run, JDK against JDK within each run, and (several runs) each later
 *                    run against the first, in that order
 * @param figures     the report's drawn plots: each run's, then the comparison's
 */
record AnalysedRuns(List<RunAnalysis> analyses, List<Compared> comparisons, List<Figure> figures) {

    /** The kinds of comparison, each with the report section whose plots show it. */
    enum Kind {
        SPEEDUP(Figure.Section.SPEEDUP), JDK(Figure.Section.JDK), RUN(Figure.Section.RUNS);

        private final Figure.Section section;

        Kind(Figure.Section section) {
            this.section = section;
        }

        Figure.Section section() {
            return section;
        }

        /** As written in comparisons.csv: speedup, jdk, run. */
        String csvName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A comparison with its kind and the run it belongs to (for run against run: the candidate run). */
    record Compared(Kind kind, String run, Comparison comparison) {
    }

    static AnalysedRuns of(Analyzer.Result result) {
        List<RunAnalysis> analyses = result.analyses();
        List<Compared> comparisons = new ArrayList<>();
        for (RunAnalysis a : analyses) {
            a.speedups().forEach(c -> comparisons.add(new Compared(Kind.SPEEDUP, a.run().name(), c)));
        }
        for (RunAnalysis a : analyses) {
            a.jdkComparisons().forEach(c -> comparisons.add(new Compared(Kind.JDK, a.run().name(), c)));
        }
        if (analyses.size() > 1) {
            // The same computation as the comparison report's (seeded, so the same numbers).
            RunComparisons.of(analyses, options(analyses)).forEach(c -> comparisons.add(new Compared(Kind.RUN, c.candidateValue(), c)));
        }
        List<Figure> figures = Stream.concat(result.runFigures().stream().flatMap(List::stream), result.comparisonFigures().stream())
                .filter(Figure::isDrawn).collect(Collectors.toList());
        return new AnalysedRuns(List.copyOf(analyses), List.copyOf(comparisons), figures);
    }

    private static AnalysisOptions options(List<RunAnalysis> analyses) {
        return analyses.get(0).options();
    }

    AnalysisOptions options() {
        return options(analyses);
    }

    boolean severalRuns() {
        return analyses.size() > 1;
    }

    List<Measurement> measurements() {
        return analyses.stream().flatMap(a -> a.run().measurements().stream()).collect(Collectors.toList());
    }

    List<Compared> comparisons(Kind kind) {
        return comparisons.stream().filter(c -> c.kind() == kind).collect(Collectors.toList());
    }

    List<Figure> figures(Figure.Section section) {
        return figures.stream().filter(f -> f.section() == section).collect(Collectors.toList());
    }

    /** The columns of the params, shared by both CSV files. */
    ParamColumns paramColumns() {
        return ParamColumns.of(measurements());
    }
}
