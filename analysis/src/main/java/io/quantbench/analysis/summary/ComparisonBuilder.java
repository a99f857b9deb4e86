package io.quantbench.analysis.summary;

import io.quantbench.analysis.AnalysisOptions;
import io.quantbench.analysis.input.Measurement;
import io.quantbench.analysis.stats.Holm;
import io.quantbench.analysis.stats.Interval;
import io.quantbench.analysis.stats.MannWhitney;
import io.quantbench.analysis.stats.RatioMethod;
import io.quantbench.analysis.stats.Verdict;
import io.quantbench.analysis.stats.Welch;
import io.quantbench.analysis.stats.ForkPlanner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Pairs configurations with their references and compares them. A pair differs on exactly one axis
 * (the format, the JDK, the run) and agrees on the benchmark, the mode and every other axis, whatever
 * the axes are called: new {@code @Param}s need no code here.
 */
public final class ComparisonBuilder {

    private final AnalysisOptions options;

    public ComparisonBuilder(AnalysisOptions options) {
        this.options = options;
    }

    /**
     * Every configuration whose {@code axis} is not {@code referenceValue}, compared with the one that has
     * {@code referenceValue} and is otherwise equal; configurations without such a partner are left out.
     * Holm's correction is applied over the returned family.
     *
     * @param axesOf the axes of a measurement (its params and JDK; plus the run for comparisons across runs)
     */
    public List<Comparison> compareAll(List<Measurement> measurements, Function<Measurement, Map<String, String>> axesOf,
                                       String axis, String referenceValue) {
        Map<List<Object>, Measurement> references = new HashMap<>();
        for (Measurement m : measurements) {
            Map<String, String> axes = axesOf.apply(m);
            if (referenceValue.equalsIgnoreCase(axes.get(axis))) {
                references.putIfAbsent(partnerKey(m, axes, axis), m);
            }
        }
        List<Comparison> comparisons = new ArrayList<>();
        for (Measurement m : measurements) {
            Map<String, String> axes = axesOf.apply(m);
            String value = axes.get(axis);
            if (value == null || value.equalsIgnoreCase(referenceValue)) {
                continue;
            }
            Measurement reference = references.get(partnerKey(m, axes, axis));
            if (reference != null) {
                comparisons.add(compare(m, reference, axis, value, axesOf.apply(reference).get(axis)));
            }
        }
        return withHolm(comparisons);
    }

    /** The distinct values of {@code axis} in order of first appearance. */
    public static List<String> values(List<Measurement> measurements, Function<Measurement, Map<String, String>> axesOf,
                                      String axis) {
        return measurements.stream().map(m -> axesOf.apply(m).get(axis)).filter(v -> v != null).distinct()
                .collect(java.util.stream.Collectors.toList());
    }

    /** What must be equal between a configuration and its reference: everything but {@code axis}. */
    private static List<Object> partnerKey(Measurement m, Map<String, String> axes, String axis) {
        Map<String, String> rest = new LinkedHashMap<>(axes);
        rest.remove(axis);
        return List.of(m.benchmark(), m.mode(), rest);
    }

    /** One comparison, before multiplicity correction. */
    public Comparison compare(Measurement candidate, Measurement reference, String axis, String candidateValue,
                              String referenceValue) {
        double[][] sides = orientedSides(candidate, reference);
        double[] numerator = sides[0];
        double[] denominator = sides[1];
        if (numerator.length == 0 || denominator.length == 0) {
            // No raw data: the point ratio of JMH's scores, nothing to test.
            double ratio = candidate.unit().lowerIsBetter() ? reference.jmhScore() / candidate.jmhScore()
                    : candidate.jmhScore() / reference.jmhScore();
            return new Comparison(candidate, reference, axis, candidateValue, referenceValue, Interval.unknown(ratio),
                    options.ratioMethod(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Verdict.INCONCLUSIVE, OptionalInt.empty());
        }
        Interval ratio = options.ratioMethod().interval(numerator, denominator, options.confidence(),
                options.resamples(), Seeds.random(options, candidate, reference));
        double[] logNumerator = RatioMethod.log(numerator);
        double[] logDenominator = RatioMethod.log(denominator);
        Welch welch = options.ratioMethod() == RatioMethod.LOG_WELCH
                ? Welch.test(logNumerator, logDenominator) : Welch.test(numerator, denominator);
        Verdict verdict = Verdict.of(ratio, options.margin());
        OptionalInt forksNeeded = verdict == Verdict.INCONCLUSIVE
                ? ForkPlanner.forksNeeded(logNumerator, logDenominator, options.margin(), options.confidence())
                : OptionalInt.empty();
        return new Comparison(candidate, reference, axis, candidateValue, referenceValue, ratio, options.ratioMethod(),
                Math.exp(MannWhitney.hodgesLehmannShift(logNumerator, logDenominator)), welch.p(),
                MannWhitney.test(numerator, denominator).p(), Double.NaN, Double.NaN, verdict, forksNeeded);
    }

    /**
     * [numerator, denominator] replicates such that numerator/denominator above 1 means the candidate is
     * better: reference/candidate for times, candidate/reference for throughputs. Units that differ
     * (us/op against ns/op, or a time against a throughput) are brought to seconds per operation first.
     */
    private static double[][] orientedSides(Measurement candidate, Measurement reference) {
        double[] c = BenchmarkSummary.replicatesOf(candidate);
        double[] r = BenchmarkSummary.replicatesOf(reference);
        boolean sameUnit = candidate.unit().text().equals(reference.unit().text());
        if (!sameUnit && candidate.unit().isTimeOrThroughput() && reference.unit().isTimeOrThroughput()) {
            c = Arrays.stream(c).map(candidate.unit()::secondsPerOp).toArray();
            r = Arrays.stream(r).map(reference.unit()::secondsPerOp).toArray();
            return new double[][] {r, c};
        }
        return candidate.unit().lowerIsBetter() ? new double[][] {r, c} : new double[][] {c, r};
    }

    /** Holm-adjusted p-values over the family, both tests separately. */
    static List<Comparison> withHolm(List<Comparison> family) {
        double[] welch = Holm.adjust(family.stream().mapToDouble(Comparison::welchP).toArray());
        double[] mannWhitney = Holm.adjust(family.stream().mapToDouble(Comparison::mannWhitneyP).toArray());
        List<Comparison> adjusted = new ArrayList<>();
        for (int i = 0; i < family.size(); i++) {
            adjusted.add(family.get(i).withHolm(welch[i], mannWhitney[i]));
        }
        return List.copyOf(adjusted);
    }
}
