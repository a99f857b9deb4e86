package io.quantbench.analysis.summary;

import io.quantbench.analysis.input.Measurement;
import io.quantbench.analysis.stats.Interval;
import io.quantbench.analysis.stats.RatioMethod;
import io.quantbench.analysis.stats.Verdict;

import java.util.OptionalInt;

/**
 * One configuration against its reference: a speedup (above 1 = the candidate is faster, whether the
 * unit is time or throughput) with its interval, tests and verdict.
 *
 * @param candidate        the configuration compared
 * @param reference        what it is compared with (the baseline, another JDK, another run)
 * @param axis             the one axis on which they differ ({@code format}, {@code jdk}, {@code run})
 * @param candidateValue   the candidate's value on that axis, e.g. {@code INT8}
 * @param referenceValue   the reference's, e.g. {@code F32}
 * @param ratio            the speedup and its interval by {@code method}
 * @param method           how the interval was computed
 * @param hodgesLehmann    the Hodges–Lehmann ratio (exp of the median pairwise difference of log fork means)
 * @param welchP           Welch's two-sided p (on log fork means with LOG_WELCH, else on fork means)
 * @param mannWhitneyP     Mann–Whitney's two-sided p on fork means (exact for few forks)
 * @param welchPHolm       welchP after Holm's correction over all comparisons of the same kind in the report
 * @param mannWhitneyPHolm the same for mannWhitneyP
 * @param verdict          faster / slower / equivalent / inconclusive at the report's margin
 * @param forksNeeded      for an inconclusive comparison, the forks per configuration that would decide it
 *                         if the effect and spread stay as observed (empty: no number would, or not applicable)
 */
public record Comparison(Measurement candidate, Measurement reference, String axis, String candidateValue,
                         String referenceValue, Interval ratio, RatioMethod method,
                         double hodgesLehmann, double welchP, double mannWhitneyP, double welchPHolm,
                         double mannWhitneyPHolm, Verdict verdict, OptionalInt forksNeeded) {

    Comparison withHolm(double welch, double mannWhitney) {
        return new Comparison(candidate, reference, axis, candidateValue, referenceValue, ratio, method, hodgesLehmann, welchP, mannWhitneyP, welch,
                mannWhitney, verdict, forksNeeded);
    }

    /** More forks per configuration than now, or empty. */
    public OptionalInt additionalForks() {
        if (forksNeeded.isEmpty()) {
            return OptionalInt.empty();
        }
        int now = Math.min(candidate.forkCount(), reference.forkCount());
        return OptionalInt.of(Math.max(0, forksNeeded.getAsInt() - now));
    }
}
