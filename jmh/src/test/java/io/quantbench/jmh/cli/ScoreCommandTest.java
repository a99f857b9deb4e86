package io.quantbench.jmh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantbench.engine.Fixtures;
import io.quantbench.engine.eval.PythonText;
import io.quantbench.engine.eval.SyntheticWordNet;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code score} end to end: files in, sacreBLEU / rouge-score / NLTK numbers out, as the shared test vectors give them. */
class ScoreCommandTest {

    private static final Pattern BLEU_LINE = Pattern.compile("^BLEU\\|nrefs:\\S+ = (\\d+\\.\\d{2}) [\\d./]+ \\(BP = \\d\\.\\d{3} "
            + "ratio = \\d+\\.\\d{3} hyp_len = \\d+ ref_len = \\d+\\)$");

    @TempDir
    Path directory;

    private int fileCount;

    /**
     * Every corpus and sentence case of the sacreBLEU vectors through the command line: the case's settings
     * become options, its segments files; the printed score (2 decimals) must match the expected value.
     */
    @TestFactory
    List<DynamicTest> bleuMatchesSacrebleuVectors() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : vectors("sacrebleu")) {
            String kind = c.get("kind").asText();
            if (!kind.equals("corpus_bleu") && !kind.equals("sentence_bleu")) {
                continue;                                  // statistics-only cases have no text to score
            }
            tests.add(DynamicTest.dynamicTest(kind + " " + c.path("source").asText(), () -> {
                List<String> args = new ArrayList<>(List.of("bleu"));
                JsonNode settings = c.get("settings");
                args.addAll(List.of("--tokenize", settings.path("tokenize").asText("13a"),
                        "--smooth", settings.path("smooth_method").asText("exp"),
                        "--max-order", String.valueOf(settings.path("max_ngram_order").asInt(4))));
                if (settings.path("smooth_value").isNumber()) {
                    args.addAll(List.of("--smooth-value", settings.get("smooth_value").asText()));
                }
                if (settings.path("lowercase").asBoolean(false)) {
                    args.add("--lowercase");
                }
                if (settings.path("effective_order").asBoolean(false)) {
                    args.add("--effective-order");
                }
                if (kind.equals("sentence_bleu")) {
                    args.add("--sentence");
                    args.addAll(List.of("--hyp", file(List.of(c.get("hypothesis").asText()))));
                    args.add("--ref");
                    for (JsonNode reference : c.get("references")) {
                        args.add(file(List.of(reference.asText())));
                    }
                } else {
                    args.addAll(List.of("--hyp", file(strings(c.get("hypotheses")))));
                    args.add("--ref");
                    for (JsonNode stream : c.get("reference_streams")) {
                        args.add(file(strings(stream)));
                    }
                }
                CliRun run = score(args.toArray(new String[0]));
                assertEquals(0, run.exitCode, run.err);
                Matcher line = BLEU_LINE.matcher(run.out.strip());
                assertTrue(line.matches(), "not a sacreBLEU line: " + run.out);
                JsonNode expected = c.get("expected");
                if (expected.has("bleu_formatted_2dp")) {
                    assertEquals(expected.get("bleu_formatted_2dp").asText(), line.group(1));
                } else {
                    double value = expected.has("bleu") ? expected.get("bleu").asDouble() : 100 * expected.get("bleu_fraction").asDouble();
                    // printed to 2 decimals: within half a unit of the last place, plus the case's own tolerance
                    assertEquals(value, Double.parseDouble(line.group(1)), 0.005 + 100 * c.path("tolerance").asDouble(0), run.out);
                }
            }));
        }
        assertFalse(tests.isEmpty(), "no corpus or sentence BLEU case in the vectors");
        return tests;
    }

    /** The rouge1 / rouge2 / rougeL vectors (the types `score` offers), one line each, to the printed 6 decimals. */
    @TestFactory
    List<DynamicTest> rougeMatchesRougeScoreVectors() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : vectors("rouge_score")) {
            String type = c.get("rouge_type").asText();
            if (type.equals("rougeLsum")) {
                continue;                                  // multi-line summaries: not a `score` metric
            }
            tests.add(DynamicTest.dynamicTest(type + " " + c.path("source").asText(), () -> {
                String target = PythonText.rstrip(c.get("target").asText());          // the file line without its newline
                String prediction = PythonText.rstrip(c.get("prediction").asText());
                List<String> args = new ArrayList<>(List.of(type, "--hyp", file(List.of(prediction)), "--ref", file(List.of(target))));
                if (c.get("use_stemmer").asBoolean()) {
                    args.add("--stem");
                }
                CliRun run = score(args.toArray(new String[0]));
                assertEquals(0, run.exitCode, run.err);
                String[] lines = run.out.strip().split("\n");
                assertEquals("line\tprecision\trecall\tfmeasure", lines[1]);
                String[] values = lines[2].split("\t");
                assertEquals("1", values[0]);
                double tolerance = c.get("tolerance").asDouble() + 5e-7;
                JsonNode expected = c.get("expected");
                assertEquals(expected.get("precision").asDouble(), Double.parseDouble(values[1]), tolerance, run.out);
                assertEquals(expected.get("recall").asDouble(), Double.parseDouble(values[2]), tolerance, run.out);
                assertEquals(expected.get("fmeasure").asDouble(), Double.parseDouble(values[3]), tolerance, run.out);
                assertEquals(lines[2].replaceFirst("^1", "mean"), lines[3], "the mean of one line is that line");
            }));
        }
        assertFalse(tests.isEmpty(), "no rouge1/2/L case in the vectors");
        return tests;
    }

    /** NLTK's unit test case: two references (two files), 0.9921875, printed as 0.992188; no WordNet, and the header says so. */
    @Test
    void meteorMatchesNltkUnitTest() throws IOException {
        JsonNode c = vectors("nltk_meteor").get(0);
        assertEquals("nltk/test/unit/translate/test_meteor.py::test_meteor", c.get("source").asText());
        List<String> args = new ArrayList<>(List.of("meteor", "--hyp", file(List.of(String.join(" ", strings(c.get("hypothesis"))))), "--ref"));
        for (JsonNode reference : c.get("references")) {
            args.add(file(List.of(String.join(" ", strings(reference)))));
        }
        CliRun run = score(args.toArray(new String[0]));
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("WordNet synonyms off: no WordNet database supplied"), run.out);
        assertTrue(run.out.contains("\n1\t" + PythonText.fixed(c.get("expected").asDouble(), 6) + "\n"), run.out);
    }

    /** With --wordnet the synonym stage runs: "the pupil reads" / "the student reads" is one chunk of 3: 1 − 0.5/27. */
    @Test
    void meteorUsesASuppliedWordNet() throws IOException {
        Path wordNet = SyntheticWordNet.write(Files.createDirectory(directory.resolve("wordnet")));
        CliRun run = score("meteor", "--hyp", file(List.of("the pupil reads")), "--ref", file(List.of("the student reads")),
                "--wordnet", wordNet.toString());
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("WordNet synonyms on"), run.out);
        assertTrue(run.out.contains("\n1\t" + PythonText.fixed(1 - 0.5 / 27, 6) + "\n"), run.out);
    }

    /** Per-line sentence BLEU prints one sacreBLEU line per hypothesis; corpus BLEU one line in all. */
    @Test
    void sentenceModePrintsEveryLine() throws IOException {
        String hyp = file(List.of("the cat sat", "a dog"));
        String ref = file(List.of("the cat sat", "a dog barked"));
        CliRun sentences = score("bleu", "--sentence", "--hyp", hyp, "--ref", ref);
        assertEquals(0, sentences.exitCode, sentences.err);
        String[] lines = sentences.out.strip().split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith("BLEU|nrefs:1|case:mixed|eff:yes|tok:13a|smooth:exp = 100.00 "), lines[0]);
        CliRun corpus = score("bleu", "--hyp", hyp, "--ref", ref);
        assertEquals(1, corpus.out.strip().split("\n").length);
        assertTrue(corpus.out.startsWith("BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp = "), corpus.out);
    }

    @Test
    void badUsageExitsWithTwoAndNamesTheValidValues() throws IOException {
        String hyp = file(List.of("a b", "c d"));
        String ref = file(List.of("a b", "c d"));
        assertUsage(score("blue", "--hyp", hyp, "--ref", ref), "unknown metric 'blue'", "bleu, rouge1, rouge2, rougeL, meteor");
        assertUsage(score(), "no metric given", "bleu, rouge1, rouge2, rougeL, meteor");
        assertUsage(score("bleu", "--hyp", hyp, "--ref", ref, "--tokenize", "zh"), "'zh'", "13a, none, char, intl");
        assertUsage(score("bleu", "--hyp", hyp, "--ref", ref, "--smooth", "add-one"), "'add-one'", "none, floor, add-k, exp");
        assertUsage(score("bleu", "--hyp", hyp, "--ref", ref, "--max-order", "0"), "--max-order", "at least 1");
        assertUsage(score("bleu", "--hyp", directory.resolve("absent.txt").toString(), "--ref", ref),
                "hypothesis file not found", "absent.txt");
        assertUsage(score("rouge1", "--hyp", hyp, "--ref", file(List.of("only one line"))), "has 1 lines", "has 2");
        assertUsage(score("bleu", "--hyp", hyp, "--ref", file(List.of("a b", "   "))), "line 2", "empty in every reference");
        assertUsage(score("bleu", "--hyp", file(List.of()), "--ref", ref), "has no lines", "hypothesis file");
        assertUsage(score("meteor", "--hyp", hyp, "--ref", ref, "--wordnet", directory.resolve("nowhere").toString()),
                "WordNet folder not found", "nowhere");
        assertUsage(score("rouge1", "--hyp", hyp), "--ref", "Missing required option");
    }

    @Test
    void unreadableInputIsAFailureAndHelpSucceeds() throws IOException {
        Path bad = directory.resolve("latin1.txt");
        Files.write(bad, new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});
        CliRun run = score("rouge1", "--hyp", bad.toString(), "--ref", file(List.of("cafe")));
        assertEquals(1, run.exitCode, run.out + run.err);
        assertTrue(run.err.contains("latin1.txt: not valid UTF-8 at byte offset 3"), run.err);
        CliRun help = score("bleu", "--help");
        assertEquals(0, help.exitCode, help.err);
        assertTrue(help.out.contains("--tokenize") && help.out.contains("13a (default), none, char, intl"), help.out);
    }

    private static void assertUsage(CliRun run, String... fragments) {
        assertEquals(2, run.exitCode, run.out + run.err);
        for (String fragment : fragments) {
            assertTrue(run.err.contains(fragment), "missing '" + fragment + "' in: " + run.err);
        }
    }

    private static CliRun score(String... args) {
        return CliRun.run("score", args);
    }

    /** A new file with one line per string, each ended by a newline; its path. */
    private String file(List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        return Files.writeString(directory.resolve("lines" + (fileCount++) + ".txt"), text.toString(), StandardCharsets.UTF_8).toString();
    }

    private static List<JsonNode> vectors(String family) throws IOException {
        JsonNode root = new ObjectMapper().readTree(Fixtures.require("metrics/metric_test_vectors.json").toFile());
        List<JsonNode> cases = new ArrayList<>();
        root.path(family).path("cases").forEach(cases::add);
        assertFalse(cases.isEmpty(), family + " has no cases");
        return cases;
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(node -> list.add(node.asText()));
        return list;
    }
}
