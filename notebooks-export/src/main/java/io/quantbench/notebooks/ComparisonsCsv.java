package io.quantbench.notebooks;

import io.quantbench.analysis.AnalysisOptions;
import io.quantbench.analysis.input.Measurement;
import io.quantbench.analysis.summary.Comparison;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code comparisons.csv}: every comparison of the report, one row each, with the report's own interval and
 * verdict, so that the notebook's plots of speedups show exactly the report's statistics (a reader redoing
 * them in pandas would need the same interval method; see the report's Methods section).
 *
 * <p>Columns: {@code comparison} ({@code speedup} against the baseline, {@code jdk} against the run's first
 * JDK, {@code run} against the first run); {@code run}; {@code jdk} (the candidate's JVM); {@code benchmark},
 * {@code mode}, {@code unit}; {@code label}, a short name of the candidate for plot axes; {@code axis}, the
 * one axis on which candidate and reference differ, and their values {@code candidate} and
 * {@code reference}; the candidate's params (columns as in tidy.csv); {@code ratio} with its interval
 * {@code low}, {@code high} (above 1 means the candidate is better, for times and throughputs alike) at
 * level {@code confidence} by {@code method}; {@code verdict} at the equivalence {@code margin}; Welch's and
 * Mann–Whitney's p-values, raw and Holm-corrected; the Hodges–Lehmann ratio; and for an inconclusive
 * verdict, {@code forks_needed} per configuration to decide it (empty when not applicable). Numbers follow
 * {@link Csv}'s conventions (an unknown bound is empty, an unbounded one {@code inf}).
 */
final class ComparisonsCsv {

    static final String FILE_NAME = "comparisons.csv";

    private static final List<String> LEADING = List.of("comparison", "run", "jdk", "benchmark", "mode", "unit", "label",
            "axis", "candidate", "reference");
    private static final List<String> TRAILING = List.of("ratio", "low", "high", "verdict", "confidence", "margin", "method",
            "welch_p", "welch_p_holm", "mann_whitney_p", "mann_whitney_p_holm", "hodges_lehmann", "forks_needed");
    static final List<String> FIXED_COLUMNS = Csv.columns(LEADING, TRAILING);

    private ComparisonsCsv() {
    }

    static String text(AnalysedRuns runs, ParamColumns params) {
        Csv csv = new Csv(Csv.columns(LEADING, params.columns(), TRAILING));
        AnalysisOptions options = runs.options();
        for (AnalysedRuns.Compared compared : runs.comparisons()) {
            Comparison c = compared.comparison();
            Measurement m = c.candidate();
            List<Object> row = new ArrayList<>(Arrays.asList(compared.kind().csvName(), compared.run(), m.jvm().label(),
                    m.benchmark(), m.mode(), m.unit().text(), label(c), c.axis(), c.candidateValue(), c.referenceValue()));
            row.addAll(params.values(m));
            row.addAll(Arrays.asList(c.ratio().estimate(), c.ratio().low(), c.ratio().high(), c.verdict().word(),
                    options.confidence(), options.margin(), c.method().cliName(), c.welchP(), c.welchPHolm(),
                    c.mannWhitneyP(), c.mannWhitneyPHolm(), c.hodgesLehmann(),
                    c.forksNeeded().isPresent() ? c.forksNeeded().getAsInt() : null));
            csv.row(row);
        }
        return csv.text();
    }

    /** "MatVecBenchmark.matvec format=INT8 shape=768x3072 threads=1": the compared value first, then the other params. */
    static String label(Comparison c) {
        Measurement m = c.candidate();
        String others = m.params().entrySet().stream().filter(e -> !e.getKey().equals(c.axis()))
                .map(Map.Entry::toString).collect(Collectors.joining(" "));
        return m.shortName() + " " + c.axis() + "=" + c.candidateValue() + (others.isEmpty() ? "" : " " + others);
    }

}
