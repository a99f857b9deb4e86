package io.quantbench.jmh.cli;

import io.quantbench.analysis.summary.Roofline;
import io.quantbench.jmh.BandwidthBenchmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnalyzeCommandTest {

    private static CliRun analyze(String... args) {
        return CliRun.run("analyze", args);
    }

    /** A results folder with F32 and INT8 at one shape, three forks of two iterations each. */
    private static Path results(Path dir) throws IOException {
        Path run = dir.resolve("results").resolve("host-20260101T000000Z");
        Files.createDirectories(run);
        StringBuilder json = new StringBuilder("[");
        String[] formats = {"F32", "INT8"};
        for (int i = 0; i < formats.length; i++) {
            double t = i == 0 ? 400 : 100;
            json.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"jmhVersion\": \"1.37\", \"benchmark\":"
                    + " \"io.quantbench.jmh.MatVecBenchmark.matvec\", \"mode\": \"avgt\", \"threads\": 1, \"forks\": 3,"
                    + " \"jdkVersion\": \"17.0.15\", \"vmVersion\": \"17.0.15+6\", \"params\": {\"format\": \"%s\", \"shape\":"
                    + " \"768x3072\", \"threads\": \"1\", \"cold\": \"true\"}, \"primaryMetric\": {\"score\": %s,"
                    + " \"scoreError\": \"NaN\", \"scoreUnit\": \"us/op\", \"rawData\": [[%s, %s], [%s, %s], [%s, %s]]},"
                    + " \"secondaryMetrics\": {}}", formats[i], t, t, t * 1.01, t * 1.02, t * 1.01, t * 0.98, t * 0.99));
        }
        Files.writeString(run.resolve("jmh.json"), json.append("]").toString());
        return run;
    }

    @Test
    void writesTheReport(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("report");
        CliRun o = analyze(results(dir).toString(), "--out", out.toString(), "--resamples", "200");
        assertEquals(0, o.exitCode, o.err);
        assertTrue(o.out.contains("report: " + out.resolve("index.html").toAbsolutePath()), o.out);
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("verdict verdict-faster"), "INT8 is 4× faster than F32");
        assertTrue(Files.exists(out.resolve("tables/speedups-matvecbenchmark.csv")));
    }

    @Test
    void fiellerAndAnotherBaselineAreSelectable(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("report");
        CliRun o = analyze(results(dir).toString(), "--out", out.toString(), "--resamples", "200", "--ratio-ci", "fieller",
                "--baseline", "INT8", "--margin", "0.1");
        assertEquals(0, o.exitCode, o.err);
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("Baseline INT8; speedup intervals by fieller"), "the subtitle states the choices");
        assertTrue(html.contains("verdict verdict-slower"), "F32 is 4× slower than INT8");
    }

    @Test
    void missingInputIsAUsageError(@TempDir Path dir) {
        CliRun o = analyze(dir.resolve("nope").toString());
        assertEquals(2, o.exitCode);
        assertTrue(o.err.contains("nope: no such file or folder"), o.err);
        assertTrue(o.err.contains("Usage: analyze"), "usage follows the message");
    }

    @Test
    void unknownBaselineListsTheValidOnes(@TempDir Path dir) throws IOException {
        CliRun o = analyze(results(dir).toString(), "--out", dir.resolve("r").toString(), "--baseline", "INT3");
        assertEquals(2, o.exitCode);
        assertTrue(o.err.contains("valid values: F32, INT8"), o.err);
    }

    @Test
    void badOptionValuesAreUsageErrors(@TempDir Path dir) throws IOException {
        Path run = results(dir);
        CliRun method = analyze(run.toString(), "--ratio-ci", "delta");
        assertEquals(2, method.exitCode);
        assertTrue(method.err.contains("valid: log-welch, fieller, bootstrap"), method.err);
        assertEquals(2, analyze(run.toString(), "--margin", "1.5").exitCode);
        assertEquals(2, analyze(run.toString(), "--confidence", "abc").exitCode);
        assertEquals(2, analyze().exitCode, "no input at all");
    }

    @Test
    void malformedResultsAreAFailureNamingTheFile(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("jmh.json");
        Files.writeString(bad, "[{\"benchmark\": \"x\", ");
        CliRun o = analyze(bad.toString(), "--out", dir.resolve("r").toString());
        assertEquals(1, o.exitCode);
        assertTrue(o.err.contains(bad + ": malformed JSON"), o.err);
    }

    @Test
    void helpListsTheOptions() {
        CliRun o = analyze("--help");
        assertEquals(0, o.exitCode);
        assertTrue(o.out.contains("--baseline") && o.out.contains("--out") && o.out.contains("--ratio-ci"), o.out);
    }

    @Test
    void analysisKnowsHowManyBytesTheBandwidthBenchmarkReads() {
        // The analysis cannot depend on this module, so it keeps its own copy of the constant.
        assertEquals(BandwidthBenchmark.BYTES, Roofline.BANDWIDTH_BYTES_PER_OP);
    }
}
