package io.quantbench.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import io.quantbench.analysis.AnalysisOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One synthetic results folder exported once; each test checks one property of what was written. */
class NotebookExportTest {

    static final AnalysisOptions FAST = AnalysisOptions.defaults().withResamples(200);

    @TempDir
    static Path dir;
    static Path results;
    static NotebookExport.Result result;
    static JsonNode notebook;

    @BeforeAll
    static void export() throws IOException {
        results = SyntheticResults.device("pi5").write(dir.resolve("results"), "20260301T101500Z");
        result = NotebookExport.export(List.of(results), FAST, dir.resolve("out/pi5.ipynb"));
        notebook = NbformatSchema.MAPPER.readTree(result.notebook().toFile());
    }

    @Test
    void filesGoBesideTheReport() {
        assertEquals(dir.resolve("out/pi5.ipynb"), result.notebook());
        assertEquals(dir.resolve("out/index.html"), result.report());
        assertTrue(Files.isRegularFile(result.report()), "the report is written too: its plots are the notebook's outputs");
        assertEquals(dir.resolve("out/tidy.csv"), result.tidyCsv());
        assertEquals(dir.resolve("out/comparisons.csv"), result.comparisonsCsv());
    }

    @Test
    void validatesAgainstTheNbformatSchema() throws IOException {
        Schema schema = NbformatSchema.load();
        assertEquals("", NbformatSchema.problems(schema, notebook));

        // The validator is live: a bad cell id and an image output without data are both reported.
        ObjectNode broken = notebook.deepCopy();
        ((ObjectNode) broken.get("cells").get(0)).put("id", "not a valid id!");
        JsonNode plotCell = cellsOfType(broken, "code").stream().filter(c -> c.get("outputs").size() > 0).findFirst().orElseThrow();
        ((ObjectNode) plotCell.get("outputs").get(0)).remove("data");
        String problems = NbformatSchema.problems(schema, broken);
        assertTrue(problems.contains("/cells/0/id"), problems);
        assertTrue(problems.contains("/outputs/0"), problems);
    }

    @Test
    void cellIdsAreUniqueAndWellFormed() {
        List<String> ids = new ArrayList<>();
        notebook.get("cells").forEach(c -> ids.add(c.get("id").asText()));
        assertEquals(ids.size(), new HashSet<>(ids).size(), ids.toString());
        ids.forEach(id -> assertTrue(id.matches("[a-zA-Z0-9_-]{1,64}"), id));
        assertEquals(List.of("summary", "data", "load", "speedup", "sweep-generatebenchmark", "roofline"), ids,
                "a markdown summary, the data, then the plots the report has (one JDK, one run: no JDK or run comparisons)");
    }

    @Test
    void summaryHasTheEnvironmentAndTheVerdicts() {
        String md = source(notebook.get("cells").get(0));
        assertEquals("markdown", notebook.get("cells").get(0).get("cell_type").asText());
        assertTrue(md.startsWith("# quantbench results: pi5-20260301T101500Z\n"), md);
        // Environment: env.json's facts, the device and start from the folder's name, JMH's record; Markdown escaped.
        assertTrue(md.contains("| cpu.model | Cortex-A76, rev 1 |"), md);
        assertTrue(md.contains("| device | pi5 |"), md);
        assertTrue(md.contains("| started (UTC) | 2026-03-01T10:15:00Z |"), md);
        assertTrue(md.contains("| note | a \\| pipe and \\<b\\>tags\\</b\\> |"), "pipes and HTML are escaped: " + md);
        assertTrue(md.contains("| VM | OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1 |"), md);
        // Verdicts: INT8 and INT4 read 4× and 7× fewer bytes than F32 at two thread counts, and INT8 generates at
        // 400 against F32's 900 µs per token at three lengths: 7 speedups, all clearly faster.
        assertTrue(md.contains("- **pi5-20260301T101500Z**: 7 faster, 0 slower, 0 equivalent, 0 inconclusive."), md);
        assertEquals(7, Pattern.compile("\\| faster \\|\\n").matcher(md).results().count(), md);
        assertTrue(md.contains("| MatVecBenchmark.matvec format=INT8 cold=true shape=768x3072 threads=1 | "), md);
        assertTrue(md.contains("[index.html](index.html)") && md.contains("[tidy.csv](tidy.csv)"), md);
    }

    @Test
    void codeCellsShowTheReportsOwnPlots() throws IOException {
        Path plots = dir.resolve("out/plots");
        Map<String, String> cellOfPrefix = Map.of("speedup", "speedup-", "sweep-generatebenchmark", "sweep-generatebenchmark",
                "roofline", "roofline-");
        int images = 0;
        for (JsonNode cell : cellsOfType(notebook, "code")) {
            String id = cell.get("id").asText();
            assertTrue(cell.get("execution_count").isNull(), "not run");
            List<byte[]> shown = new ArrayList<>();
            for (JsonNode output : cell.get("outputs")) {
                assertEquals("display_data", output.get("output_type").asText());
                shown.add(Base64.getDecoder().decode(output.get("data").get("image/png").asText()));
                assertTrue(output.get("data").get("text/plain").get(0).asText().contains("the report's plot"));
                // 144 dpi PNGs are shown at half their pixel size, the chart's own size.
                assertEquals(960, output.get("metadata").get("image/png").get("width").asInt());
                assertEquals(540, output.get("metadata").get("image/png").get("height").asInt());
            }
            if (id.equals("load")) {
                assertTrue(shown.isEmpty());
                continue;
            }
            List<Path> files;
            try (Stream<Path> s = Files.list(plots)) {
                files = s.filter(p -> p.getFileName().toString().startsWith(cellOfPrefix.get(id))
                        && p.getFileName().toString().endsWith(".png")).sorted().collect(Collectors.toList());
            }
            assertFalse(files.isEmpty(), id);
            assertEquals(files.size(), shown.size(), id + ": every PNG of that plot in the report");
            for (byte[] png : shown) {
                assertTrue(files.stream().anyMatch(f -> java.util.Arrays.equals(read(f), png)), id + ": an image that is a report PNG");
            }
            images += shown.size();
        }
        assertTrue(images >= 3);
    }

    @Test
    void codeCellsUseOnlyColumnsTheCsvFilesHave() throws IOException {
        Set<String> known = new HashSet<>(new CsvReader(Files.readString(result.tidyCsv())).header);
        known.addAll(new CsvReader(Files.readString(result.comparisonsCsv())).header);
        int checked = 0;
        for (JsonNode cell : cellsOfType(notebook, "code")) {
            String code = source(cell);
            Matcher assigned = Pattern.compile("\\w+\\[\"(\\w+)\"\\] =").matcher(code);
            while (assigned.find()) {
                known.add(assigned.group(1));                   // columns the cell computes itself
            }
            for (String column : columnsReferenced(code)) {
                assertTrue(known.contains(column), cell.get("id").asText() + " uses column '" + column + "': " + code);
                checked++;
            }
        }
        assertTrue(checked > 20, "the pattern finds the columns: " + checked);
    }

    /** Strings used as columns: {@code df["x"]}, and lists of strings assigned ({@code keys = [...]}) or given to groupby, subset, {@code df[[...]]}. */
    private static Set<String> columnsReferenced(String code) {
        Set<String> columns = new HashSet<>();
        Matcher subscript = Pattern.compile("[\\w)\\]]\\[\"([^\"]+)\"\\]").matcher(code);
        while (subscript.find()) {
            columns.add(subscript.group(1));
        }
        Matcher lists = Pattern.compile("(?:= |groupby\\(|subset=|\\[\\s*)\\[([^\\[\\]]*)\\]").matcher(code);
        while (lists.find()) {
            Matcher s = Pattern.compile("\"([^\"]+)\"").matcher(lists.group(1));
            while (s.find()) {
                columns.add(s.group(1));
            }
        }
        Matcher single = Pattern.compile("groupby\\(\"([^\"]+)\"\\)").matcher(code);
        while (single.find()) {
            columns.add(single.group(1));
        }
        return columns;
    }

    @Test
    void tidyCsvHoldsEveryRawValueOfTheJmhFile() throws IOException {
        CsvReader csv = new CsvReader(Files.readString(result.tidyCsv(), StandardCharsets.UTF_8));
        assertEquals(List.of("run", "run_started", "device", "cpu", "jdk", "benchmark", "mode", "cold", "format", "shape",
                "threads", "streams", "model", "seqLen", "metric", "fork", "iteration", "value", "unit", "seconds_per_op",
                "bytes_per_op", "flops_per_op"), csv.header, "params in order of first appearance");

        // Every value of the JMH file, read here with Jackson on its own, keyed by where it sits.
        Map<String, Double> expected = new TreeMap<>();
        JsonNode entries = NbformatSchema.MAPPER.readTree(results.resolve("jmh.json").toFile());
        for (JsonNode e : entries) {
            String where = e.get("benchmark").asText() + " " + e.get("params");
            putAll(expected, where + " primary", e.get("primaryMetric").get("rawData"));
            Iterator<Map.Entry<String, JsonNode>> secondary = e.get("secondaryMetrics").fields();
            while (secondary.hasNext()) {
                Map.Entry<String, JsonNode> m = secondary.next();
                putAll(expected, where + " " + m.getKey().replace("\u00b7", ""), m.getValue().get("rawData"));
            }
        }
        assertEquals(expected.size(), csv.rows.size(), "one row per value");
        Map<String, Double> written = new TreeMap<>();
        for (Map<String, String> row : csv.rows) {
            ObjectNode params = NbformatSchema.MAPPER.createObjectNode();
            for (String p : List.of("cold", "format", "shape", "threads", "streams", "model", "seqLen")) {
                if (!row.get(p).isEmpty()) {
                    params.put(p, row.get(p));
                }
            }
            written.put(row.get("benchmark") + " " + sortedLike(params, entries) + " " + row.get("metric") + " "
                    + row.get("fork") + " " + row.get("iteration"), Double.parseDouble(row.get("value")));

            assertEquals("pi5-20260301T101500Z", row.get("run"));
            assertEquals("2026-03-01T10:15:00Z", row.get("run_started"));
            assertEquals("pi5", row.get("device"));
            assertEquals("Cortex-A76, rev 1", row.get("cpu"), "a comma inside a quoted field");
            assertEquals("17.0.15+6-Debian-1deb12u1", row.get("jdk"));
            assertEquals("avgt", row.get("mode"));
            boolean primary = row.get("metric").equals("primary");
            assertEquals(primary ? "us/op" : "B/op", row.get("unit"));
            if (primary) {
                assertEquals(Double.parseDouble(row.get("value")) * 1e-6, Double.parseDouble(row.get("seconds_per_op")), 1e-18);
            } else {
                assertEquals("", row.get("seconds_per_op"), "no time for B/op");
            }
            assertEquals(expectedBytes(row), row.get("bytes_per_op"), row.toString());
            assertEquals(row.get("benchmark").endsWith("matvec") ? String.valueOf(2 * 768 * 3072) : "", row.get("flops_per_op"));
        }
        assertEquals(expected, written, "every value, exactly (shortest round-trip decimals)");
    }

    /** Bytes per call from the layouts: F32 4 per weight; INT8 and INT4 blocks of 32 with a 2-byte scale, as ggml's Q8_0 and Q4_0; 512 MiB for the bandwidth benchmark. */
    private static String expectedBytes(Map<String, String> row) {
        long weights = 768L * 3072;
        switch (row.get("benchmark").replaceAll(".*\\.", "") + " " + row.get("format")) {
            case "matvec F32":
                return String.valueOf(4 * weights);
            case "matvec INT8":
                return String.valueOf(weights / 32 * (32 + 2));
            case "matvec INT4":
                return String.valueOf(weights / 32 * (16 + 2));
            case "readAll ":
                return String.valueOf(512L * 1024 * 1024);
            default:
                return "";
        }
    }

    /** The JSON text of a params object in the key order of the file's entry with the same params. */
    private static String sortedLike(ObjectNode params, JsonNode entries) {
        for (JsonNode e : entries) {
            if (e.get("params").equals(params)) {
                return e.get("params").toString();
            }
        }
        return params.toString();
    }

    private static void putAll(Map<String, Double> into, String where, JsonNode forks) {
        for (int f = 0; f < forks.size(); f++) {
            for (int i = 0; i < forks.get(f).size(); i++) {
                assertNull(into.put(where + " " + (f + 1) + " " + (i + 1), forks.get(f).get(i).doubleValue()));
            }
        }
    }

    @Test
    void csvFilesPassPythonsStrictReader() throws Exception {
        String tidy = Python.run(dir, "check_csv.py", result.tidyCsv().toString(), "--numeric",
                "fork,iteration,value,seconds_per_op,bytes_per_op,flops_per_op,threads,streams,seqLen", "--times", "run_started");
        // 3 formats × 2 thread counts of matvec with a gc metric, 4 bandwidth and 6 generation configurations; 3 × 4 values each.
        assertEquals("rows=" + ((6 * 2 + 4 + 6) * 12) + " columns=22", tidy);
        String comparisons = Python.run(dir, "check_csv.py", result.comparisonsCsv().toString(), "--numeric",
                "ratio,low,high,confidence,margin,welch_p,welch_p_holm,mann_whitney_p,mann_whitney_p_holm,hodges_lehmann,forks_needed");
        assertTrue(comparisons.startsWith("rows=7 "), comparisons);
    }

    @Test
    void notebookCodeIsPythonAndItsImagesArePngs() throws Exception {
        int images = 0;
        for (JsonNode cell : cellsOfType(notebook, "code")) {
            images += cell.get("outputs").size();
        }
        assertEquals("code_cells=4 images=" + images, Python.run(dir, "check_notebook.py", result.notebook().toString()));
    }

    @Test
    void comparisonsCsvHoldsTheSpeedupsAsTheRatioOfGeometricMeans() throws IOException {
        CsvReader csv = new CsvReader(Files.readString(result.comparisonsCsv()));
        JsonNode entries = NbformatSchema.MAPPER.readTree(results.resolve("jmh.json").toFile());
        assertEquals(7, csv.rows.size());
        for (Map<String, String> row : csv.rows) {
            assertEquals("speedup", row.get("comparison"));
            assertEquals("format", row.get("axis"));
            assertEquals("F32", row.get("reference"));
            assertNotEquals("F32", row.get("candidate"));
            assertEquals("faster", row.get("verdict"));
            assertEquals("log-welch", row.get("method"));
            assertEquals("0.95", row.get("confidence"));
            assertEquals("0.05", row.get("margin"));
            // The log-Welch estimate is the ratio of the geometric means of the fork means (reference over candidate for times).
            double candidate = geometricMeanOfForkMeans(entries, row, row.get("candidate"));
            double reference = geometricMeanOfForkMeans(entries, row, "F32");
            double ratio = Double.parseDouble(row.get("ratio"));
            assertEquals(reference / candidate, ratio, 1e-9 * ratio, row.toString());
            assertTrue(Double.parseDouble(row.get("low")) < ratio && ratio < Double.parseDouble(row.get("high")));
            assertEquals("", row.get("forks_needed"), "only inconclusive verdicts need more forks");
        }
    }

    /** Of the entry with the row's benchmark and params, but {@code format}. */
    private static double geometricMeanOfForkMeans(JsonNode entries, Map<String, String> row, String format) {
        for (JsonNode e : entries) {
            JsonNode p = e.get("params");
            boolean same = e.get("benchmark").asText().equals(row.get("benchmark")) && p.get("format") != null
                    && p.get("format").asText().equals(format);
            for (String name : List.of("threads", "seqLen", "shape")) {
                same &= p.get(name) == null ? row.get(name).isEmpty() : p.get(name).asText().equals(row.get(name));
            }
            if (same) {
                double logs = 0;
                JsonNode forks = e.get("primaryMetric").get("rawData");
                for (JsonNode fork : forks) {
                    double sum = 0;
                    for (JsonNode v : fork) {
                        sum += v.doubleValue();
                    }
                    logs += Math.log(sum / fork.size());
                }
                return Math.exp(logs / forks.size());
            }
        }
        throw new AssertionError("no entry for " + row + " with format " + format);
    }

    @Test
    void theSameInputsGiveTheSameFiles() throws IOException {
        NotebookExport.Result again = NotebookExport.export(List.of(results), FAST, dir.resolve("again/other-name.ipynb"));
        assertEquals(Files.readString(result.notebook()), Files.readString(again.notebook()));
        assertEquals(Files.readString(result.tidyCsv()), Files.readString(again.tidyCsv()));
        assertEquals(Files.readString(result.comparisonsCsv()), Files.readString(again.comparisonsCsv()));
    }

    @Test
    void writesJsonAsJupyterSavesIt() throws IOException {
        String text = Files.readString(result.notebook());
        assertTrue(text.startsWith("{\n \"cells\": [\n  {\n   \"cell_type\": \"markdown\",\n   \"id\": \"summary\",\n   \"metadata\": {},\n"),
                text.substring(0, 200));
        assertTrue(text.endsWith("\n \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n"), "keys sorted, one-space indent, final newline");
        assertEquals(4, notebook.get("nbformat").asInt());
        assertEquals("python3", notebook.get("metadata").get("kernelspec").get("name").asText());
    }

    static List<JsonNode> cellsOfType(JsonNode notebook, String type) {
        List<JsonNode> cells = new ArrayList<>();
        notebook.get("cells").forEach(c -> {
            if (c.get("cell_type").asText().equals(type)) {
                cells.add(c);
            }
        });
        return cells;
    }

    static String source(JsonNode cell) {
        StringBuilder text = new StringBuilder();
        cell.get("source").forEach(line -> text.append(line.asText()));
        return text.toString();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
