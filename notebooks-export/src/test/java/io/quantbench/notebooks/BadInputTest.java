package io.quantbench.notebooks;

import io.quantbench.analysis.AnalysisException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Input that cannot be exported: a clear message naming the file, and nothing written. */
class BadInputTest {

    @Test
    void aMissingPathIsNamed(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("results/nope");
        String message = fails(dir, missing);
        assertTrue(message.contains(missing + ": no such file or folder"), message);
    }

    @Test
    void malformedJsonIsNamedWithItsPlace(@TempDir Path dir) throws IOException {
        Path run = Files.createDirectories(dir.resolve("results/pi5-20260301T101500Z"));
        Files.writeString(run.resolve("jmh.json"), "[{\"benchmark\": \"x\",\n \"mode\": ");
        String message = fails(dir, run);
        assertTrue(message.contains(run.resolve("jmh.json") + ": malformed JSON at line 2"), message);
    }

    @Test
    void anEmptyResultsFolderIsNamed(@TempDir Path dir) throws IOException {
        Path run = Files.createDirectories(dir.resolve("results/pi5-20260301T101500Z"));
        String message = fails(dir, run);
        assertTrue(message.contains(run + ": no JMH results here"), message);
    }

    @Test
    void aGoodRunNextToABadOneWritesNothingEither(@TempDir Path dir) throws IOException {
        Path good = SyntheticResults.device("pi5").write(dir.resolve("results"), "20260301T101500Z");
        Path bad = Files.createDirectories(dir.resolve("results/empty"));
        Files.writeString(bad.resolve("jmh.json"), "[]");
        AnalysisException e = assertThrows(AnalysisException.class,
                () -> NotebookExport.export(List.of(good, bad), NotebookExportTest.FAST, dir.resolve("out/x.ipynb")));
        assertTrue(e.getMessage().contains(bad.resolve("jmh.json") + ": the JMH result array is empty"), e.getMessage());
        assertEquals(List.of(), files(dir.resolve("out")));
    }

    @Test
    void theNotebookMustBeAnIpynbFile(@TempDir Path dir) throws IOException {
        Path run = SyntheticResults.device("pi5").write(dir.resolve("results"), "20260301T101500Z");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NotebookExport.export(List.of(run), NotebookExportTest.FAST, dir.resolve("out/notebook.json")));
        assertTrue(e.getMessage().contains("notebook.json: the notebook's name must end in .ipynb"), e.getMessage());
        assertEquals(List.of(), files(dir.resolve("out")));
    }

    @Test
    void anotherExportsFolderIsNotOverwritten(@TempDir Path dir) throws IOException {
        Path run = SyntheticResults.device("pi5").write(dir.resolve("results"), "20260301T101500Z");
        Path first = dir.resolve("out/first.ipynb");
        NotebookExport.export(List.of(run), NotebookExportTest.FAST, first);
        String tidy = Files.readString(dir.resolve("out/tidy.csv"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NotebookExport.export(List.of(run), NotebookExportTest.FAST, dir.resolve("out/second.ipynb")));
        assertTrue(e.getMessage().contains("already holds first.ipynb"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("out/second.ipynb")));
        assertEquals(tidy, Files.readString(dir.resolve("out/tidy.csv")));
        NotebookExport.export(List.of(run), NotebookExportTest.FAST, first);          // the same notebook again is fine
    }

    /** Exports {@code input} into {@code dir/out}, expects an AnalysisException, checks nothing was written, returns its message. */
    private static String fails(Path dir, Path input) throws IOException {
        AnalysisException e = assertThrows(AnalysisException.class,
                () -> NotebookExport.export(List.of(input), NotebookExportTest.FAST, dir.resolve("out/x.ipynb")));
        assertEquals(List.of(), files(dir.resolve("out")), "no notebook, CSV, report or leftover .part file");
        return e.getMessage();
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).collect(Collectors.toList());
        }
    }
}
