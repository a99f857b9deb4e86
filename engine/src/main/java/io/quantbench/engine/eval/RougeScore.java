package io.quantbench.engine.eval;

/**
 * Precision, recall and F-measure, as rouge-score's {@code scoring.Score}.
 *
 * @param precision matched units over prediction units
 * @param recall    matched units over target units
 * @param fmeasure  2PR/(P+R), 0 when P + R is 0 ({@code scoring.fmeasure})
 */
public record RougeScore(double precision, double recall, double fmeasure) {

    static final RougeScore ZERO = new RougeScore(0, 0, 0);

    /** The score with the F-measure of {@code precision} and {@code recall}. */
    public static RougeScore of(double precision, double recall) {
        double fmeasure = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
        return new RougeScore(precision, recall, fmeasure);
    }
}
