package io.quantbench.engine.eval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Perplexity, KL divergence and top-1 agreement against values computed by hand (shown per test). */
class LogitMetricsTest {

    private static final float LN3 = (float) Math.log(3);

    /** log(e^a + e^a) = a + ln 2 for any a, even where e^a over- or underflows a double. */
    @Test
    void logSumExpIsStableAtExtremes() {
        assertEquals(Math.log(2), LogProbabilities.logSumExp(new float[] {0, 0}), 1e-15);
        assertEquals(1000 + Math.log(2), LogProbabilities.logSumExp(new float[] {1000, 1000}), 1e-12);
        assertEquals(-1000 + Math.log(2), LogProbabilities.logSumExp(new float[] {-1000, -1000}), 1e-12);
        // a masked token adds nothing: log(e^0) = 0
        assertEquals(0.0, LogProbabilities.logSumExp(new float[] {0, Float.NEGATIVE_INFINITY}), 0.0);
        // softmax of (0, ln 3) is (1/4, 3/4)
        assertArrayEquals(new double[] {Math.log(0.25), Math.log(0.75)}, LogProbabilities.logSoftmax(new float[] {0, LN3}), 1e-7);
    }

    /** A uniform distribution over V tokens has perplexity V, wherever the logits sit. */
    @Test
    void uniformLogitsHavePerplexityOfTheVocabularySize() {
        Perplexity perplexity = new Perplexity();
        for (int t = 0; t < 5; t++) {
            perplexity.add(new float[] {7.5f, 7.5f, 7.5f, 7.5f}, t % 4);
        }
        assertEquals(4.0, perplexity.perplexity(), 1e-12);
        assertEquals(Math.log(4), perplexity.meanNegativeLogLikelihood(), 1e-15);
        assertEquals(5, perplexity.tokens());
    }

    /**
     * Logits (0, ln 3) give p = (1/4, 3/4). Targets 1, 1, 0: mean NLL = −(2 ln 0.75 + ln 0.25)/3, so
     * perplexity = (0.75² · 0.25)^(−1/3) = 0.140625^(−1/3) ≈ 1.9230.
     */
    @Test
    void perplexityByHand() {
        Perplexity perplexity = new Perplexity();
        float[] logits = {0, LN3};
        perplexity.add(logits, 1);
        perplexity.add(logits, 1);
        perplexity.add(logits, 0);
        assertEquals(Math.pow(0.75 * 0.75 * 0.25, -1.0 / 3), perplexity.perplexity(), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> perplexity.add(logits, 2));
        assertThrows(IllegalStateException.class, () -> new Perplexity().perplexity());
    }

    /**
     * P = softmax(0, ln 3) = (1/4, 3/4), Q = softmax(0, 0) = (1/2, 1/2):
     * KL(P‖Q) = 1/4·ln(1/2) + 3/4·ln(3/2) ≈ 0.130812. Shifting either set of logits by a constant changes nothing.
     */
    @Test
    void klDivergenceByHand() {
        double expected = 0.25 * Math.log(0.25 / 0.5) + 0.75 * Math.log(0.75 / 0.5);
        assertEquals(expected, LogitAgreement.klDivergence(new float[] {0, LN3}, new float[] {0, 0}), 1e-7);
        assertEquals(expected, LogitAgreement.klDivergence(new float[] {5000, 5000 + LN3}, new float[] {-3000, -3000}), 1e-3);
        assertEquals(0.0, LogitAgreement.klDivergence(new float[] {1, 2, 3}, new float[] {11, 12, 13}), 1e-12);
        // a token P rules out (p = 0) costs nothing; a token Q rules out but P allows costs infinity
        assertEquals(0.0, LogitAgreement.klDivergence(new float[] {0, Float.NEGATIVE_INFINITY}, new float[] {0, -50}), 1e-20);
        assertEquals(Double.POSITIVE_INFINITY, LogitAgreement.klDivergence(new float[] {0, 0}, new float[] {0, Float.NEGATIVE_INFINITY}));
    }

    /**
     * Three positions: the argmax tokens are (1, 1), (0, 1) and (2, 2), so top-1 agreement is 2/3; the mean KL
     * is the mean of the three per-position divergences.
     */
    @Test
    void agreementAveragesOverPositions() {
        float[][] reference = {{0, 2, 1}, {3, 0, 0}, {0, 0, 9}};
        float[][] candidate = {{0, 3, 1}, {1, 2, 0}, {0, 1, 8}};
        LogitAgreement agreement = new LogitAgreement();
        double klSum = 0;
        for (int t = 0; t < 3; t++) {
            agreement.add(reference[t], candidate[t]);
            klSum += LogitAgreement.klDivergence(reference[t], candidate[t]);
        }
        assertEquals(2.0 / 3, agreement.top1Agreement(), 1e-15);
        assertEquals(klSum / 3, agreement.meanKlDivergence(), 1e-15);
        assertEquals(3, agreement.positions());
        // ties go to the first index, like a greedy sampler
        assertEquals(1, LogProbabilities.argmax(new float[] {0, 5, 5}));
    }

    @Test
    void rejectsLogitsWithoutADistribution() {
        assertThrows(IllegalArgumentException.class, () -> LogProbabilities.logSumExp(new float[0]));
        assertThrows(IllegalArgumentException.class, () -> LogProbabilities.logSumExp(new float[] {0, Float.NaN}));
        assertThrows(IllegalArgumentException.class, () -> LogProbabilities.logSumExp(new float[] {Float.POSITIVE_INFINITY}));
        assertThrows(IllegalArgumentException.class, () -> LogProbabilities.logSumExp(new float[] {Float.NEGATIVE_INFINITY}));
        assertThrows(IllegalArgumentException.class, () -> LogitAgreement.klDivergence(new float[] {0}, new float[] {0, 1}));
    }
}
