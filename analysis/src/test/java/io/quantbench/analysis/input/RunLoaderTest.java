package io.quantbench.analysis.input;

import io.quantbench.analysis.AnalysisException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunLoaderTest {

    private static final Path KNOWN = JmhResultReaderTest.resource("known-numbers.json");

    @Test
    void resultsFolderWithEnvironmentAndFlameGraphs(@TempDir Path project) throws IOException {
        Path run = project.resolve("results").resolve("pi5-20261123T101500Z");
        Files.createDirectories(run);
        Files.copy(KNOWN, run.resolve("jmh.json"));
        Files.copy(KNOWN, run.resolve("jmh-bandwidth.json"));
        Files.writeString(run.resolve("env.json"), "{\"cpu\": {\"model\": \"Cortex-A76\", \"cores\": 4}, \"governor\": \"performance\","
                + " \"flags\": [\"neon\", \"asimd\"]}");
        Files.writeString(run.resolve("notes.json"), "not JMH, not read");
        Path flame = project.resolve("profiles").resolve("pi5-20261123T101500Z").resolve("MatVec-F32").resolve("flame-cpu-forward.html");
        Files.createDirectories(flame.getParent());
        Files.writeString(flame, "<html></html>");

        Run loaded = RunLoader.load(run);
        assertEquals("pi5-20261123T101500Z", loaded.name());
        assertEquals(List.of(run.resolve("jmh-bandwidth.json"), run.resolve("jmh.json")), loaded.resultFiles());
        assertEquals(10, loaded.measurements().size());
        assertTrue(loaded.environment().isPresent());
        assertEquals("Cortex-A76", loaded.environment().entries().get("cpu.model"));
        assertEquals("4", loaded.environment().entries().get("cpu.cores"));
        assertEquals("neon, asimd", loaded.environment().entries().get("flags"));
        assertEquals(List.of(flame), loaded.flameGraphs());
    }

    @Test
    void folderWithoutEnvJson(@TempDir Path dir) throws IOException {
        Files.copy(KNOWN, dir.resolve("jmh.json"));
        Run loaded = RunLoader.load(dir);
        assertFalse(loaded.environment().isPresent());
        assertTrue(loaded.flameGraphs().isEmpty());
    }

    @Test
    void plainJmhFileIsARunNamedAfterIt() {
        Run loaded = RunLoader.load(KNOWN);
        assertEquals("known-numbers", loaded.name());
        assertEquals(5, loaded.measurements().size());
    }

    @Test
    void jmhJsonOfAResultsFolderTakesTheFolderName(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("host-20260101T000000Z");
        Files.createDirectories(run);
        Files.copy(KNOWN, run.resolve("jmh.json"));
        assertEquals("host-20260101T000000Z", RunLoader.load(run.resolve("jmh.json")).name());
    }

    @Test
    void badInputsAreNamed(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope");
        assertEquals(missing + ": no such file or folder",
                assertThrows(AnalysisException.class, () -> RunLoader.load(missing)).getMessage());

        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        String message = assertThrows(AnalysisException.class, () -> RunLoader.load(empty)).getMessage();
        assertTrue(message.contains("no JMH results here (expected jmh.json or jmh-*.json)"), message);

        Path results = dir.resolve("results");
        Files.createDirectories(results.resolve("run-a"));
        Files.copy(KNOWN, results.resolve("run-a").resolve("jmh.json"));
        message = assertThrows(AnalysisException.class, () -> RunLoader.load(results)).getMessage();
        assertTrue(message.contains("pass them instead: run-a"), message);

        Path badEnv = dir.resolve("badenv");
        Files.createDirectories(badEnv);
        Files.copy(KNOWN, badEnv.resolve("jmh.json"));
        Files.writeString(badEnv.resolve("env.json"), "[1, 2]");
        message = assertThrows(AnalysisException.class, () -> RunLoader.load(badEnv)).getMessage();
        assertTrue(message.contains("env.json: expected a JSON object"), message);
    }
}
