package io.quantbench.notebooks;

import io.quantbench.analysis.AnalysisException;
import io.quantbench.analysis.input.Environment;
import io.quantbench.analysis.input.JvmInfo;
import io.quantbench.analysis.input.Measurement;
import io.quantbench.analysis.input.MetricUnit;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
    void paramsNamedLikeFixedColumnsGetAPrefixInBothFiles() {
        Measurement a = measurement("jdk", "21", "format", "F32");
        Measurement b = measurement("value", "x", "format", "INT8", "param_value", "y");
        ParamColumns columns = ParamColumns.of(List.of(a, b));
        assertEquals("param_jdk", columns.column("jdk"));
        assertEquals("format", columns.column("format"));
        assertEquals("param_value", columns.column("value"));
        assertEquals("param_param_value", columns.column("param_value"), "still unique: 'value' came first");
        assertEquals(new HashSet<>(columns.columns()).size(), columns.columns().size());
        assertEquals(Arrays.asList("21", null, "F32"), values(columns, a));
    }

    private static List<String> values(ParamColumns columns, Measurement m) {
        List<String> byColumn = new ArrayList<>();
        for (String c : List.of("param_jdk", "param_value", "format")) {
            byColumn.add(columns.values(m).get(columns.columns().indexOf(c)));
        }
        return byColumn;
    }

    /** A measurement with params {@code name, value, name, value...} in that order. */
    private static Measurement measurement(String... params) {
        Map<String, String> ordered = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            ordered.put(params[i], params[i + 1]);
        }
        return new Measurement("io.quantbench.jmh.X.run", "avgt", MetricUnit.parse("us/op"), ordered,
                new JvmInfo("", List.of(), "", "", "17"), new Measurement.JmhSettings("1.37", 1, 1, 1, "", 1, ""),
                new double[][] {{1}}, 1, Double.NaN, Map.of(), "test");
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
