package io.quantbench.analysis.report;

import io.quantbench.analysis.AnalysisOptions;
import io.quantbench.analysis.Analyzer;
import io.quantbench.analysis.SyntheticSweep;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report of a default-sweep-shaped run, checked for structure (never for bytes). */
class RunReportTest {

    @TempDir
    static Path dir;
    static Path report;
    static String html;

    @BeforeAll
    static void analyse() throws Exception {
        Path run = SyntheticSweep.defaultSweep().write(dir.resolve("results").resolve("synthetic-20260101T000000Z"));
        report = dir.resolve("report");
        Analyzer.Result result = Analyzer.analyze(List.of(run), AnalysisOptions.defaults().withResamples(300), false, report);
        assertEquals(report.resolve("index.html"), result.index());
        html = Files.readString(result.index());
    }

    @Test
    void verdictsComeFirstAndEverySpeedupHasAnIntervalAndAVerdict() {
        int verdicts = html.indexOf("id=\"verdicts\"");
        int firstFigure = html.indexOf("<figure>");
        assertTrue(verdicts > 0 && verdicts < firstFigure, "verdicts before the plots");
        // The verdict matrix of MatVecBenchmark: 4 shapes × 2 thread counts × cold/hot rows, and for each of
        // INT8, INT4, TERNARY an interval cell and a verdict badge.
        String matrix = section(html, "id=\"table-verdicts-matvecbenchmark\"", "</table>");
        List<String> rows = rows(matrix);
        assertEquals(16, rows.size());
        Pattern interval = Pattern.compile("<td class=\"num\">\\d+\\.\\d+ \\[\\d+\\.\\d+, \\d+\\.\\d+\\]</td>");
        Pattern badge = Pattern.compile("<span class=\"verdict verdict-(faster|slower|equivalent|inconclusive)\">");
        for (String row : rows) {
            assertEquals(3, count(interval, row), row);
            assertEquals(3, count(badge, row), row);
        }
        // The full table: one row per speedup, 48, each with interval, verdict and both Holm-corrected p-values.
        List<String> full = rows(section(html, "id=\"table-speedups-matvecbenchmark\"", "</table>"));
        assertEquals(48, full.size());
        for (String row : full) {
            assertEquals(1, count(interval, row), row);
            assertEquals(1, count(badge, row), row);
        }
    }

    @Test
    void everyPlotIsEmbeddedAndDrawn() throws Exception {
        List<Path> pngs;
        try (Stream<Path> files = Files.list(report.resolve("plots"))) {
            pngs = files.filter(p -> p.toString().endsWith(".png")).toList();
        }
        // Per panel (threads × cold = 4): speedup, effective bandwidth, roofline, strip, run sequence;
        // plus read bandwidth, and BandwidthBenchmark's strip and run sequence.
        assertEquals(4 * 5 + 1 + 2, pngs.size(), pngs.toString());
        Matcher images = Pattern.compile("<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int embedded = 0;
        while (images.find()) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(images.group(1))));
            assertEquals(1920, image.getWidth());
            embedded++;
        }
        assertEquals(pngs.size(), embedded);
        for (Path png : pngs) {
            String svg = png.getFileName().toString().replace(".png", ".svg");
            assertTrue(Files.exists(png.resolveSibling(svg)), svg);
            assertTrue(html.contains("href=\"plots/" + svg + "\""), svg);
        }
    }

    @Test
    void sectionsTablesAndEnvironment() throws Exception {
        for (String id : List.of("verdicts", "speedup", "bandwidth", "roof", "configurations", "forks", "environment",
                "flamegraphs", "methods", "files")) {
            assertTrue(html.contains("id=\"" + id + "\""), id);
        }
        assertFalse(html.contains("id=\"jdk\""), "one JDK: no JDK section");
        assertFalse(html.contains("id=\"sweep\""), "no numeric sweep in the default sweep");
        assertTrue(html.contains("<dt>cpu.model</dt><dd>Synthetic Zen 4</dd>"), "env.json shown");
        assertTrue(html.contains("Median intraclass correlation of forks ρ = "), "what the ICC means for this run");
        assertTrue(html.contains("understates the standard error"), "and for its worst configuration");
        // Every table's three files exist and are linked.
        Matcher tables = Pattern.compile("href=\"(tables/[a-z0-9-]+)\\.md\"").matcher(html);
        int n = 0;
        while (tables.find()) {
            for (String ext : List.of(".md", ".csv", ".tex")) {
                assertTrue(Files.exists(report.resolve(tables.group(1) + ext)), tables.group(1) + ext);
            }
            n++;
        }
        assertTrue(n >= 5, "verdicts, speedups, derived, roofs, summaries: " + n);
        List<String> csv = Files.readAllLines(report.resolve("tables/speedups-matvecbenchmark.csv"));
        assertEquals(49, csv.size());
        int columns = csvFields(csv.get(0));
        csv.forEach(line -> assertEquals(columns, csvFields(line), line));
    }

    @Test
    void wellFormedAndComplete() throws Exception {
        for (String tag : List.of("table", "figure", "h2", "main", "dl", "details")) {
            assertEquals(count(Pattern.compile("<" + tag + "[ >]"), html), count(Pattern.compile("</" + tag + ">"), html), tag);
        }
        assertFalse(html.contains("{{"), "every template tag filled");
        assertFalse(html.contains("could not be drawn"), "every plot drawn");
        String text = html.replaceAll("base64,[A-Za-z0-9+/=]+", "");
        assertFalse(text.contains("NaN"), "no raw NaN shown");
        assertFalse(html.contains("<script"), "a static page");
        try (Stream<Path> files = Files.walk(report)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary files left");
        }
    }

    /** Fields of a CSV line: commas outside double quotes separate them. */
    private static int csvFields(String line) {
        return line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1).length;
    }

    private static String section(String text, String start, String end) {
        int from = text.indexOf(start);
        assertTrue(from >= 0, start);
        return text.substring(from, text.indexOf(end, from));
    }

    private static List<String> rows(String table) {
        List<String> rows = new ArrayList<>();
        Matcher m = Pattern.compile("<tr><td.*?</tr>", Pattern.DOTALL).matcher(table);
        while (m.find()) {
            rows.add(m.group());
        }
        return rows;
    }

    private static int count(Pattern p, String text) {
        Matcher m = p.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
