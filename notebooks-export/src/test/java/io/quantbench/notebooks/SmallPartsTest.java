package io.quantbench.notebooks;

import io.quantbench.analysis.AnalysisException;
import io.quantbench.analysis.input.Environment;
import io.quantbench.analysis.input.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cell ids, run facts, Markdown escaping, nbformat's line lists, PNG headers. */
class SmallPartsTest {

    @Test
    void cellIdsAreValidUniqueAndShort() {
        CellIds ids = new CellIds();
        assertEquals("sweep-generatebenchmark-avgt-us-op", ids.next("sweep GenerateBenchmark (avgt, us/op)"));
        assertEquals("speedup", ids.next("speedup"));
        assertEquals("speedup-2", ids.next("speedup"));
        assertEquals("speedup-3", ids.next("Speedup!"));
        assertEquals("cell", ids.next("µ…"), "nothing usable left");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String id = ids.next("x".repeat(100));
            assertTrue(id.matches("[a-zA-Z0-9_-]{1,64}"), id);
            assertTrue(seen.add(id), id);
        }
    }

    @Test
    void runFactsComeFromEnvJsonAndTheFolderName() {
        RunFacts stamped = RunFacts.of(run("raspberrypi-20261123T101500Z", Map.of()));
        assertEquals("raspberrypi", stamped.device());
        assertEquals(Instant.parse("2026-11-23T10:15:00Z"), stamped.started());
        assertEquals(Instant.parse("2026-11-23T06:00:00Z"), RunFacts.of(run("tiny-sweep-20261123T0600Z", Map.of())).started());

        RunFacts withEnv = RunFacts.of(run("x-20261123T101500Z", Map.of("host", "pi5", "cpu.model", "Cortex-A76")));
        assertEquals("pi5", withEnv.device(), "env.json's host wins");
        assertEquals("Cortex-A76", withEnv.cpu());

        RunFacts plain = RunFacts.of(run("json-bench.jmh-result", Map.of()));
        assertEquals("", plain.device());
        assertNull(plain.started());
        assertNull(RunFacts.of(run("pi-20261323T101500Z", Map.of())).started(), "month 13");
        assertNull(RunFacts.of(run("pi-20260230T101500Z", Map.of())).started(), "30 February");
    }

    private static Run run(String name, Map<String, String> env) {
        return new Run(name, Path.of(name), List.of(), List.of(), new Environment(env, env.isEmpty() ? null : Path.of("env.json")), List.of());
    }

    @Test
    void markdownTextRendersAsItself() {
        assertEquals("a \\| b \\<i\\>c\\</i\\> \\*d\\* e\\_f \\[g\\](h) \\\\ \\&amp; x", Markdown.text("a | b <i>c</i> *d* e_f [g](h) \\ &amp;\nx"));
        assertEquals("| k | v |\n|---|---|\n| a\\|b | 1 |\n", Markdown.table(List.of("k", "v"), List.of(List.of("a|b", "1"))));
    }

    @Test
    void multiLineTextBecomesNbformatLines() {
        assertEquals(List.of("a\n", "b\n", "\n", "c"), NotebookJson.lines("a\nb\n\nc\n\n"));
        assertEquals(List.of("one line"), NotebookJson.lines("one line"));
        assertEquals(List.of(), NotebookJson.lines(""));
    }

    @Test
    void pngSizeIsReadFromItsHeaderAndResolution(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB), "png", out);
        PngImage plain = PngImage.parse(out.toByteArray(), "plain.png");
        assertEquals(300, plain.width(), "no pHYs chunk: shown at its pixel size");
        assertEquals(200, plain.height());

        Path notPng = Files.writeString(dir.resolve("plot.png"), "<svg/>");
        AnalysisException e = assertThrows(AnalysisException.class, () -> PngImage.read(notPng));
        assertTrue(e.getMessage().contains(notPng + ": not a PNG file"), e.getMessage());
        assertThrows(AnalysisException.class, () -> PngImage.read(dir.resolve("missing.png")));
    }
}
