package io.quantbench.engine.eval;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RougeTest {

    /** Every rouge-score case of the shared test vectors (ROUGE-1.5.5 ground truth and rouge-score's own tests). */
    @TestFactory
    List<DynamicTest> matchesRougeScoreTestVectors() {
        return MetricTestVectors.perCase("rouge_score", RougeTest::check);
    }

    private static Executable check(JsonNode testCase) {
        return () -> {
            Rouge rouge = new Rouge(testCase.get("rouge_type").asText(), testCase.get("use_stemmer").asBoolean());
            RougeScore score = rouge.score(testCase.get("target").asText(), testCase.get("prediction").asText());
            JsonNode expected = testCase.get("expected");
            double tolerance = MetricTestVectors.tolerance(testCase);
            String where = testCase.path("source").asText() + " " + rouge.rougeType() + ": " + score;
            assertEquals(expected.get("precision").asDouble(), score.precision(), tolerance, where);
            assertEquals(expected.get("recall").asDouble(), score.recall(), tolerance, where);
            assertEquals(expected.get("fmeasure").asDouble(), score.fmeasure(), tolerance, where);
        };
    }

    // ---- hand-derived checks ----

    /**
     * Target "the cat sat on the mat" (6 unigrams: the×2 cat sat on mat), prediction "the cat on the mat"
     * (5: the×2 cat on mat). ROUGE-1: overlap 5, P = 5/5, R = 5/6, F = 2·(5/6)/(11/6) = 10/11.
     * ROUGE-2: target bigrams the-cat cat-sat sat-on on-the the-mat, prediction the-cat cat-on on-the the-mat,
     * overlap 3: P = 3/4, R = 3/5, F = 2·0.45/1.35 = 2/3. ROUGE-L: LCS "the cat on the mat" = 5: as ROUGE-1.
     */
    @Test
    void ngramAndLcsScoresByHand() {
        String target = "the cat sat on the mat";
        String prediction = "The cat on the mat.";
        assertScore(new Rouge("rouge1", false).score(target, prediction), 1.0, 5.0 / 6, 10.0 / 11);
        assertScore(new Rouge("rouge2", false).score(target, prediction), 0.75, 0.6, 2.0 / 3);
        assertScore(new Rouge("rougeL", false).score(target, prediction), 1.0, 5.0 / 6, 10.0 / 11);
    }

    /**
     * Lowercase, every run of non [a-z0-9] characters becomes a space, so an accented letter splits a word.
     * With the stemmer, only tokens of four or more characters are stemmed: "dogs" -> "dog", "ran" stays.
     */
    @Test
    void tokenizesLikeRougeScore() {
        assertEquals(List.of("hello", "world", "caf", "42", "x"), Rouge.tokenize("Hello, WORLD! Café 42 ...x\n", null));
        assertEquals(List.of("the", "dog", "ran"), Rouge.tokenize("the dogs ran", new PorterStemmer()));
        assertEquals(List.of(), Rouge.tokenize(" -- / ", null));
    }

    /**
     * Target "the cats were running", prediction "a cat runs". Without stemming nothing matches. With it the
     * target is [the, cat, were, run] and the prediction [a, cat, run] ("cat" has 3 letters: not stemmed, but
     * equal to the stem of "cats"): overlap 2, P = 2/3, R = 2/4, F = 2·(1/3)/(7/6) = 4/7.
     */
    @Test
    void stemmingMatchesInflections() {
        assertScore(new Rouge("rouge1", false).score("the cats were running", "a cat runs"), 0, 0, 0);
        assertScore(new Rouge("rouge1", true).score("the cats were running", "a cat runs"), 2.0 / 3, 0.5, 4.0 / 7);
    }

    /** score_multi keeps the target with the best F-measure, the first on a tie. */
    @Test
    void multipleTargetsKeepTheBestFmeasure() {
        Rouge rouge = new Rouge("rouge1", false);
        RougeScore best = rouge.scoreMulti(List.of("a b c d", "a b", "x y"), "a b");
        assertScore(best, 1.0, 1.0, 1.0);
        // prediction "a b": against "a" P = 1/2, R = 1; against "a b c d" P = 1, R = 1/2; both F = 2/3
        assertScore(rouge.scoreMulti(List.of("a", "a b c d"), "a b"), 0.5, 1.0, 2.0 / 3);
        assertScore(rouge.scoreMulti(List.of("a b c d", "a"), "a b"), 1.0, 0.5, 2.0 / 3);
    }

    @Test
    void rejectsUnknownTypes() {
        assertTrue(Rouge.isValidType("rouge9"));
        assertFalse(Rouge.isValidType("rouge0"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Rouge("rougeW", false));
        assertTrue(e.getMessage().contains("rougeL"), e.getMessage());
    }

    private static void assertScore(RougeScore score, double precision, double recall, double fmeasure) {
        assertEquals(precision, score.precision(), 1e-12, "precision of " + score);
        assertEquals(recall, score.recall(), 1e-12, "recall of " + score);
        assertEquals(fmeasure, score.fmeasure(), 1e-12, "F-measure of " + score);
    }
}
