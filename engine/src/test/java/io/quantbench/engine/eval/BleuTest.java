package io.quantbench.engine.eval;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class BleuTest {

    /** Every sacreBLEU case of the shared test vectors, each checked to the tolerance its source test uses. */
    @TestFactory
    List<DynamicTest> matchesSacrebleuTestVectors() {
        return MetricTestVectors.perCase("sacrebleu", BleuTest::check);
    }

    private static Executable check(JsonNode testCase) {
        return () -> {
            String kind = testCase.path("kind").asText();
            BleuScore score = switch (kind) {
                case "corpus_bleu" -> configured(testCase.path("settings")).corpusScore(
                        MetricTestVectors.strings(testCase.get("hypotheses")), referenceStreams(testCase.get("reference_streams")));
                case "sentence_bleu" -> configured(testCase.path("settings")).sentenceScore(
                        testCase.get("hypothesis").asText(), MetricTestVectors.strings(testCase.get("references")));
                case "bleu_from_statistics" -> fromStatistics(testCase.get("input"));
                default -> fail("unknown sacreBLEU case kind '" + kind + "': " + testCase);
            };
            assertExpected(testCase, score);
        };
    }

    /** A {@link Bleu} with a case's settings; absent ones take sacreBLEU's {@code BLEU()} defaults. */
    private static Bleu configured(JsonNode settings) {
        JsonNode smoothValue = settings.path("smooth_value");
        return Bleu.builder()
                .tokenizer(BleuTokenizer.byName(settings.path("tokenize").asText("13a")))
                .smoothing(BleuSmoothing.byName(settings.path("smooth_method").asText("exp")))
                .smoothValue(smoothValue.isNumber() ? smoothValue.asDouble() : null)
                .lowercase(settings.path("lowercase").asBoolean(false))
                .maxOrder(settings.path("max_ngram_order").asInt(Bleu.DEFAULT_MAX_ORDER))
                .effectiveOrder(settings.path("effective_order").asBoolean(false))
                .build();
    }

    /** {@code BLEU.compute_bleu} with its static defaults: smoothing none, no effective order, max order 4. */
    private static BleuScore fromStatistics(JsonNode input) {
        JsonNode smoothValue = input.path("smooth_value");
        return Bleu.compute(doubles(input.get("correct")), doubles(input.get("total")),
                input.get("sys_len").asLong(), input.get("ref_len").asLong(),
                BleuSmoothing.byName(input.path("smooth_method").asText("none")),
                smoothValue.isNumber() ? smoothValue.asDouble() : null,
                input.path("effective_order").asBoolean(false),
                input.path("max_ngram_order").asInt(Bleu.DEFAULT_MAX_ORDER));
    }

    private static void assertExpected(JsonNode testCase, BleuScore score) {
        JsonNode expected = testCase.get("expected");
        String where = testCase.path("source").asText() + " " + testCase.path("api").asText() + ": " + score;
        if (expected.has("bleu_formatted_2dp")) {
            assertEquals(expected.get("bleu_formatted_2dp").asText(), PythonText.fixed(score.score(), 2), where);
        } else if (expected.has("bleu_fraction")) {
            assertEquals(expected.get("bleu_fraction").asDouble(), score.score() / 100, MetricTestVectors.tolerance(testCase), where);
        } else if (expected.has("bleu")) {
            assertEquals(expected.get("bleu").asDouble(), score.score(), MetricTestVectors.tolerance(testCase), where);
        } else {
            fail("case without an expected BLEU value: " + testCase);
        }
    }

    private static List<List<String>> referenceStreams(JsonNode streams) {
        List<List<String>> list = new ArrayList<>();
        streams.forEach(stream -> list.add(MetricTestVectors.strings(stream)));
        return list;
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    // ---- hand-derived checks (the derivation is in each comment) ----

    /**
     * 13a: the four entities are unescaped, then '"' (0x22) and '$' (0x24) are in the symbol class and are
     * split off; '-' (0x2D) is only split after a digit; the final period is split off because the line is
     * padded with spaces; the apostrophe (0x27) is not in the class and stays inside the word.
     */
    @Test
    void thirteenATokenizesLikeMteval() {
        assertEquals("\" Hi \" - 5 - 3 $ 100 it wasn't .", BleuTokenizer.THIRTEEN_A.tokenize("&quot;Hi&quot; - 5-3 $100 it wasn't."));
        // a comma or period between digits stays; one before a space or at the end is split off
        assertEquals("3.14 , 1,000 .", BleuTokenizer.THIRTEEN_A.tokenize("3.14, 1,000."));
        assertEquals("a < b & c", BleuTokenizer.THIRTEEN_A.tokenize("a&lt;b&amp;c"));
    }

    /** intl: punctuation split unless next to a digit on the relevant side, symbols always; "1990." keeps its period (mteval-v14 quirk). */
    @Test
    void intlTokenizesLikeMtevalV14() {
        assertEquals("1,000.5 and 2 . x $ 5 in 1990.", BleuTokenizer.INTL.tokenize("1,000.5 and 2. x $5 in 1990."));
        // "r»" splits the guillemet; "»," and "-" and "!" are then split by the punctuation-before-non-number rule
        assertEquals("« Bonjour » , dit - il !", BleuTokenizer.INTL.tokenize("«Bonjour», dit-il!"));
    }

    @Test
    void charAndNoneTokenizers() {
        assertEquals("a b c", BleuTokenizer.CHAR.tokenize("ab c").replaceAll(" +", " "));
        assertEquals(List.of("a", "b", "c"), PythonText.split(BleuTokenizer.CHAR.tokenize("ab c")));
        assertEquals(" as  is ", BleuTokenizer.NONE.tokenize(" as  is "));
    }

    /**
     * exp smoothing by hand: matches [3,1,0,0] of totals [4,3,2,1], hypothesis 4 tokens, reference 5.
     * Precisions 75, 100/3, then the first zero gets 100/(2·2) = 25 and the second 100/(4·1) = 25.
     * Their product is 75·(100/3)·25·25 = 1 562 500 = 1250², so the mean is sqrt(1250);
     * BP = exp(1 - 5/4) = exp(-0.25).
     */
    @Test
    void expSmoothingHalvesEachFurtherZeroPrecision() {
        BleuScore score = Bleu.compute(new double[] {3, 1, 0, 0}, new double[] {4, 3, 2, 1}, 4, 5,
                BleuSmoothing.EXP, null, false, 4);
        assertEquals(Math.exp(-0.25) * Math.sqrt(1250), score.score(), 1e-9);
        assertEquals(25.0, score.precisions()[2], 1e-12);
        assertEquals(25.0, score.precisions()[3], 1e-12);
        assertEquals(Math.exp(-0.25), score.brevityPenalty(), 1e-15);
    }

    /**
     * "the cat" against "the cat sat": 2 tokens, unigram 2/2, bigram 1/1, no trigrams or 4-grams.
     * Without effective order the missing orders count as log(0) and BLEU is 0; with it the mean is over
     * the two orders present: 100 · BP, BP = exp(1 - 3/2).
     */
    @Test
    void effectiveOrderLeavesOutOrdersWithoutNgrams() {
        BleuScore plain = Bleu.builder().smoothing(BleuSmoothing.NONE).build().sentenceScore("the cat", List.of("the cat sat"));
        BleuScore effective = Bleu.builder().smoothing(BleuSmoothing.NONE).effectiveOrder(true).build()
                .sentenceScore("the cat", List.of("the cat sat"));
        assertEquals(0.0, plain.score(), 1e-12);
        assertEquals(100 * Math.exp(1 - 1.5), effective.score(), 1e-9);
        // sacreBLEU's command line default for --sentence-level is the same as corpus but with effective order
        assertEquals(effective.score(), Bleu.sentenceDefaults().sentenceScore("the cat", List.of("the cat sat")).score(), 1e-12);
    }

    /**
     * Two references: n-gram counts are clipped by the largest count in one reference, and the reference
     * length is the closest to the hypothesis (the shorter on a tie). "a a a" against "a" and "a a b":
     * unigram matches min(3, max(1, 2)) = 2 of 3; lengths 1 and 3 are 2 and 0 away, so r = 3.
     */
    @Test
    void multipleReferencesClipByTheBestSingleReference() {
        BleuScore score = Bleu.builder().tokenizer(BleuTokenizer.NONE).maxOrder(1).build()
                .corpusScore(List.of("a a a"), List.of(List.of("a"), List.of("a a b")));
        assertEquals(2, score.counts()[0]);
        assertEquals(3, score.referenceLength());
        assertEquals(100 * 2.0 / 3, score.score(), 1e-9);
        // a tie (hypothesis of 2 against references of 1 and 3) takes the shorter reference
        BleuScore tie = Bleu.builder().tokenizer(BleuTokenizer.NONE).maxOrder(1).build()
                .corpusScore(List.of("a b"), List.of(List.of("a"), List.of("a b c")));
        assertEquals(1, tie.referenceLength());
    }

    @Test
    void emptyReferencesAreDroppedButNotAllOfThem() {
        Bleu bleu = Bleu.corpusDefaults();
        List<List<String>> streams = List.of(List.of("the dog", ""), List.of("the dog", "a cat"));
        BleuScore score = bleu.corpusScore(List.of("the dog", "a cat"), streams);
        assertEquals(4, score.referenceLength());
        assertEquals("nrefs:var|case:mixed|eff:no|tok:13a|smooth:exp", bleu.signature(streams));
        IllegalArgumentException noReference = assertThrows(IllegalArgumentException.class,
                () -> bleu.corpusScore(List.of("x"), List.of(List.of(""))));
        assertTrue(noReference.getMessage().contains("segment 1"), noReference.getMessage());
        assertThrows(IllegalArgumentException.class, () -> bleu.corpusScore(List.of("x", "y"), List.of(List.of("x"))));
    }

    @Test
    void lowercaseFoldsCaseBeforeTokenizing() {
        Bleu bleu = Bleu.builder().lowercase(true).effectiveOrder(true).build();
        assertEquals(100.0, bleu.sentenceScore("The Dog", List.of("the dog")).score(), 1e-9);
        assertEquals("nrefs:1|case:lc|eff:yes|tok:13a|smooth:exp", bleu.signature(List.of(List.of("the dog"))));
    }

    /** The printed line is sacreBLEU's, with Python's rounding: 0.125 to two places is 0.12 (half to even), not 0.13. */
    @Test
    void formatsLikeSacrebleu() {
        BleuScore score = new BleuScore(12.125, new double[] {1}, new double[] {2}, new double[] {50.0}, 0.9375, 3, 4);
        assertEquals("BLEU|nrefs:1 = 12.12 50.0 (BP = 0.938 ratio = 0.750 hyp_len = 3 ref_len = 4)", score.format(2, "nrefs:1"));
        assertEquals("0.12", PythonText.fixed(0.125, 2));
        assertEquals("2.67", PythonText.fixed(2.675, 2));        // 2.675 is 2.67499999... in binary
        assertEquals("floor[0.10]", Bleu.builder().smoothing(BleuSmoothing.FLOOR).build()
                .signature(List.of(List.of("x"))).replaceAll(".*smooth:", ""));
    }

    @Test
    void unknownNamesListTheValidOnes() {
        IllegalArgumentException tokenizer = assertThrows(IllegalArgumentException.class, () -> BleuTokenizer.byName("zh"));
        assertTrue(tokenizer.getMessage().contains("13a, none, char, intl"), tokenizer.getMessage());
        IllegalArgumentException smoothing = assertThrows(IllegalArgumentException.class, () -> BleuSmoothing.byName("add-one"));
        assertTrue(smoothing.getMessage().contains("none, floor, add-k, exp"), smoothing.getMessage());
    }
}
