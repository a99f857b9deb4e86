package io.quantbench.engine.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantbench.engine.Fixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared metric test vectors ({@code ../shared/data/metrics/metric_test_vectors.json}; provenance in §5 of
 * its PROVENANCE.md): inputs and expected values transcribed from sacreBLEU's, rouge-score's and NLTK's own
 * tests. Read in place through {@link Fixtures}, never copied.
 */
final class MetricTestVectors {

    static final String FILE = "metrics/metric_test_vectors.json";

    private MetricTestVectors() {
    }

    /** The cases of one family ({@code sacrebleu}, {@code rouge_score}, {@code nltk_meteor}); skips when the file is absent. */
    static List<JsonNode> cases(String family) {
        Path file = Fixtures.require(FILE);
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        JsonNode cases = root.path(family).path("cases");
        assertTrue(cases.isArray(), FILE + ": no array " + family + ".cases");
        List<JsonNode> list = new ArrayList<>();
        cases.forEach(list::add);
        assertFalse(list.isEmpty(), FILE + ": " + family + ".cases is empty");
        return list;
    }

    /** One dynamic test per case, named by its position and source, so every case is reported on its own. */
    static List<DynamicTest> perCase(String family, Function<JsonNode, Executable> check) {
        List<DynamicTest> tests = new ArrayList<>();
        List<JsonNode> cases = cases(family);
        for (int i = 0; i < cases.size(); i++) {
            JsonNode testCase = cases.get(i);
            tests.add(DynamicTest.dynamicTest("#" + i + " " + testCase.path("source").asText(), check.apply(testCase)));
        }
        return tests;
    }

    /** A list of strings from a JSON array. */
    static List<String> strings(JsonNode array) {
        assertTrue(array.isArray(), "expected a JSON array of strings, got " + array);
        List<String> list = new ArrayList<>();
        array.forEach(node -> list.add(node.asText()));
        return list;
    }

    /** The case's tolerance: its {@code tolerance} field, 0 when the case says {@code exact}. */
    static double tolerance(JsonNode testCase) {
        if (testCase.path("expected").path("exact").asBoolean(false)) {
            return 0;
        }
        assertTrue(testCase.has("tolerance"), "case without a tolerance: " + testCase);
        return testCase.get("tolerance").asDouble();
    }
}
