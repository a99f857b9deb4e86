package io.quantbench.engine.eval;

import io.quantbench.engine.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SquadTest {

    private static final String SUPER_BOWL = "squad/Super_Bowl_50.dev-v1.1.json";

    @TempDir
    Path directory;

    /**
     * The figures of PROVENANCE.md §4 for the Super_Bowl_50 article: 810 questions, 2438 answers, first id
     * 56be4db0acb8001400a502ec, last 56d9cd9adc89441400fdb850. The loader also checks every answer span
     * against its context, so loading without error confirms the 2438 spans match.
     */
    @Test
    void loadsTheSuperBowlArticle() throws IOException {
        List<SquadQuestion> all = SquadDataset.load(Fixtures.require(SUPER_BOWL));
        assertEquals(810, all.size());
        assertEquals(2438, all.stream().mapToInt(q -> q.goldAnswers().size()).sum());
        assertEquals("56be4db0acb8001400a502ec", all.get(0).id());
        assertEquals("56d9cd9adc89441400fdb850", all.get(all.size() - 1).id());
        assertTrue(all.stream().allMatch(q -> q.title().equals("Super_Bowl_50")));

        List<SquadQuestion> first = SquadDataset.load(Fixtures.require(SUPER_BOWL), 5);
        assertEquals(all.subList(0, 5), first);
    }

    /**
     * PROVENANCE.md §4: the bloomsbury split holds the first 24 articles of the official dev set, 4961
     * questions, and the Super_Bowl_50 file is its first article verbatim.
     */
    @Test
    void loadsEveryArticleOfTheDevSplit() throws IOException {
        List<SquadQuestion> split = SquadDataset.load(Fixtures.require("squad/dev-v1.1.bloomsbury-dev-split.json"));
        assertEquals(4961, split.size());
        assertEquals(24, split.stream().map(SquadQuestion::title).distinct().count());
        assertEquals(SquadDataset.load(Fixtures.require(SUPER_BOWL)), split.subList(0, 810));
    }

    /**
     * An oracle model that answers each question with its first gold answer (then rambles on after a stop
     * string) scores exact match and F1 100, ROUGE-1 F 1, and BLEU 100 (the answer equals a reference: every
     * precision present is 100 and BP = 1). METEOR of a perfect m-word answer is 1 − 0.5·(1/m)³: one chunk of m
     * matches. A model that answers "zzzz" to everything scores 0 on every metric.
     */
    @Test
    void harnessScoresAgainstEveryGold() throws IOException {
        List<SquadQuestion> questions = SquadDataset.load(Fixtures.require(SUPER_BOWL), 10);
        Map<String, String> oracle = new HashMap<>();
        for (SquadQuestion question : questions) {
            oracle.put(PromptTemplate.GEMMA3_CHAT.render(question), "  " + question.goldAnswers().get(0) + "<end_of_turn>\nmore");
        }
        SquadHarness harness = new SquadHarness(PromptTemplate.GEMMA3_CHAT, new SquadScorer());
        SquadHarness.Report perfect = harness.run(questions, oracle::get);
        double expectedMeteor = 0;
        for (SquadHarness.Result result : perfect.results()) {
            assertEquals(result.question().goldAnswers().get(0), result.answer());
            int m = PythonText.split(result.answer()).size();
            expectedMeteor += (1 - 0.5 * Math.pow(1.0 / m, 3)) / questions.size();
        }
        assertEquals(100, perfect.exactMatch(), 1e-9);
        assertEquals(100, perfect.f1(), 1e-9);
        assertEquals(1, perfect.rouge1(), 1e-9);
        assertEquals(100, perfect.bleu(), 1e-9);
        assertEquals(expectedMeteor, perfect.meteor(), 1e-12);

        SquadHarness.Report wrong = harness.run(questions, prompt -> "zzzz");
        assertEquals(0, wrong.exactMatch() + wrong.f1() + wrong.rouge1() + wrong.bleu() + wrong.meteor(), 0.0);
    }

    /**
     * Best over golds, by hand: answer "the Denver Broncos" against golds "Broncos" and "Denver Broncos".
     * SQuAD normalization drops "the", so exact match 1 (second gold) and F1 1. ROUGE-1 against "Denver Broncos":
     * P = 2/3 ("the" unmatched), R = 1, F = 0.8. BLEU against "Denver Broncos": precisions 100·2/3, 100·1/2,
     * and the one hypothesis trigram is unmatched, so exp smoothing gives it 100/(2·1) = 50; there is no 4-gram,
     * so the effective order is 3: cbrt(66.67 · 50 · 50) = 55.03; BP = 1 (3 ≥ 2). (Against "Broncos" it is only
     * cbrt(33.3 · 25 · 25) = 27.5.)
     */
    @Test
    void scoresAreTheBestOverGolds() {
        SquadScorer.Scores scores = new SquadScorer().score("the Denver Broncos", List.of("Broncos", "Denver Broncos"));
        assertEquals(1, scores.exactMatch(), 0.0);
        assertEquals(1, scores.f1(), 1e-12);
        assertEquals(0.8, scores.rouge1().fmeasure(), 1e-12);
        assertEquals(Math.cbrt(200.0 / 3 * 50 * 50), scores.bleu(), 1e-9);
    }

    /** evaluate-v1.1.py: "The  Denver Broncos!" normalizes to "denver broncos"; F1 of it against "the Broncos" is 2·(1/2·1)/(3/2) = 2/3. */
    @Test
    void officialNormalizationAndF1() {
        assertEquals("denver broncos", SquadScorer.normalize("The  Denver Broncos!"));
        assertEquals("theater", SquadScorer.normalize("theater"));        // articles only as whole words
        assertEquals("café 24", SquadScorer.normalize("A café: 24"));
        assertEquals(2.0 / 3, SquadScorer.tokenF1("The  Denver Broncos!", "the Broncos"), 1e-12);
        assertEquals(0.0, SquadScorer.tokenF1("", "Broncos"), 0.0);
    }

    /** FORMATS.md §1.4 and §4.3 verbatim around the user message; the plain template ends in "Answer:". */
    @Test
    void templatesFollowTheChatFormats() {
        SquadQuestion question = new SquadQuestion("q1", "T", "Denver won.", "Who won?", List.of("Denver"));
        String message = PromptTemplate.userMessage(question);
        assertEquals("<|begin_of_text|>User: " + message + "<|eot_id|>Assistant: ", PromptTemplate.BITNET_CHAT.render(question));
        assertEquals("<bos><start_of_turn>user\n" + message + "<end_of_turn>\n<start_of_turn>model\n",
                PromptTemplate.GEMMA3_CHAT.render(question));
        assertEquals("Context: Denver won.\nQuestion: Who won?\nAnswer:", PromptTemplate.LLAMA2C_PLAIN.render(question));
        assertTrue(message.contains("Denver won.") && message.contains("Who won?"), message);
        assertEquals(PromptTemplate.GEMMA3_CHAT, PromptTemplate.byFamily("gemma3"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PromptTemplate.byFamily("gpt"));
        assertTrue(e.getMessage().contains("llama2c, bitnet, gemma3"), e.getMessage());
    }

    @Test
    void answerIsTheFirstLineBeforeAStop() {
        assertEquals("Denver Broncos", PromptTemplate.BITNET_CHAT.extractAnswer("  Denver Broncos <|eot_id|>User: more"));
        assertEquals("Denver Broncos", PromptTemplate.GEMMA3_CHAT.extractAnswer("\n\nDenver Broncos\nThey won 24-10.<end_of_turn>"));
        assertEquals("Denver", PromptTemplate.LLAMA2C_PLAIN.extractAnswer(" Denver\nQuestion: next"));
        assertEquals("", PromptTemplate.BITNET_CHAT.extractAnswer("<|eot_id|>"));
    }

    @Test
    void malformedFilesNameTheFileAndPlace() throws IOException {
        Path missingQuestion = write("{\"data\":[{\"title\":\"T\",\"paragraphs\":[{\"context\":\"abc\",\"qas\":"
                + "[{\"id\":\"x\",\"answers\":[{\"answer_start\":0,\"text\":\"a\"}]}]}]}]}");
        IOException e = assertThrows(IOException.class, () -> SquadDataset.load(missingQuestion));
        assertTrue(e.getMessage().contains("data[0].paragraphs[0].qas[0]") && e.getMessage().contains("'question'"), e.getMessage());

        Path wrongSpan = write("{\"data\":[{\"title\":\"T\",\"paragraphs\":[{\"context\":\"abc\",\"qas\":"
                + "[{\"id\":\"x\",\"question\":\"q\",\"answers\":[{\"answer_start\":1,\"text\":\"a\"}]}]}]}]}");
        e = assertThrows(IOException.class, () -> SquadDataset.load(wrongSpan));
        assertTrue(e.getMessage().contains("answers[0]") && e.getMessage().contains("answer_start 1"), e.getMessage());

        Path notJson = write("{\"data\": [\n  {\"title\": }\n]}");
        e = assertThrows(IOException.class, () -> SquadDataset.load(notJson));
        assertTrue(e.getMessage().contains("squad.json") && e.getMessage().contains("line 2"), e.getMessage());

        assertThrows(IOException.class, () -> SquadDataset.load(directory.resolve("absent.json")));
    }

    private Path write(String json) throws IOException {
        return Files.writeString(directory.resolve("squad.json"), json);
    }
}
