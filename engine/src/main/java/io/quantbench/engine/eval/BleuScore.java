package io.quantbench.engine.eval;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A BLEU score with its sufficient statistics, as sacreBLEU's {@code BLEUScore}.
 *
 * @param score      BLEU on the 0–100 scale
 * @param counts     matched n-grams per order 1..max (after add-k smoothing, when used)
 * @param totals     hypothesis n-grams per order 1..max (after add-k smoothing, when used)
 * @param precisions n-gram precisions per order, 0–100 (smoothed)
 * @param brevityPenalty the brevity penalty, 0–1
 * @param hypothesisLength total hypothesis tokens
 * @param referenceLength  total closest-reference tokens
 */
public record BleuScore(double score, double[] counts, double[] totals, double[] precisions,
                        double brevityPenalty, long hypothesisLength, long referenceLength) {

    /** Hypothesis length over reference length, 0 when the reference length is 0 (as sacreBLEU). */
    public double ratio() {
        return referenceLength == 0 ? 0 : (double) hypothesisLength / referenceLength;
    }

    /**
     * sacreBLEU's text line: {@code BLEU|<signature> = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944
     * hyp_len = 17 ref_len = 18)}, with the score to {@code width} decimals ({@code Score.format}).
     */
    public String format(int width, String signature) {
        String precisionText = Arrays.stream(precisions).mapToObj(p -> PythonText.fixed(p, 1))
                .collect(Collectors.joining("/"));
        String name = signature == null || signature.isEmpty() ? "BLEU" : "BLEU|" + signature;
        return name + " = " + PythonText.fixed(score, width) + " " + precisionText
                + " (BP = " + PythonText.fixed(brevityPenalty, 3)
                + " ratio = " + PythonText.fixed(ratio(), 3)
                + " hyp_len = " + hypothesisLength
                + " ref_len = " + referenceLength + ")";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BleuScore that
                && Double.compare(score, that.score) == 0
                && Arrays.equals(counts, that.counts) && Arrays.equals(totals, that.totals)
                && Arrays.equals(precisions, that.precisions)
                && Double.compare(brevityPenalty, that.brevityPenalty) == 0
                && hypothesisLength == that.hypothesisLength && referenceLength == that.referenceLength;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(score) * 31 + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return format(2, "");
    }
}
