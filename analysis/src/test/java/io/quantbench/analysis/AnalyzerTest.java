package io.quantbench.analysis;

import io.quantbench.analysis.summary.BenchmarkSummary;
import io.quantbench.analysis.summary.RunAnalysis;
import io.quantbench.engine.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnalyzerTest {

    private static final AnalysisOptions FAST = AnalysisOptions.defaults().withResamples(300);

    @Test
    void jsonBenchFixtureAnalyses(@TempDir Path dir) throws Exception {
        // JMH 1.21, thrpt, two forks, no format parameter: no speedups, everything else.
        Analyzer.Result result = Analyzer.analyze(List.of(Fixtures.require("jmh/json-bench.jmh-result.json")), FAST, false, dir);
        RunAnalysis a = result.analyses().get(0);
        assertEquals(90, a.summaries().size());
        assertTrue(a.speedups().isEmpty());
        assertTrue(a.summaries().stream().allMatch(s -> s.replication() == BenchmarkSummary.Replication.FORKS));
        String html = Files.readString(result.index());
        assertTrue(html.contains("No speedups"), "says why there are no verdicts");
        assertTrue(html.contains("No env.json in this run"), "falls back to JMH's record of the JVM");
        assertTrue(html.contains("<dt>JMH</dt><dd>1.21</dd>"));
        assertTrue(html.contains("id=\"table-summary-case1\""));
        assertTrue(html.contains("<img src=\"data:image/png;base64,"), "strip and run-sequence plots");
    }

    @Test
    void scalaBlake3FixtureAnalyses(@TempDir Path dir) throws Exception {
        // JMH 1.32, one fork, -prof gc secondary metrics with the U+00B7 prefix and "NaN" strings.
        Analyzer.Result result = Analyzer.analyze(List.of(Fixtures.require("jmh/scala-blake3.jmh-result.intel.json")), FAST, false, dir);
        RunAnalysis a = result.analyses().get(0);
        assertEquals(24, a.summaries().size());
        String html = Files.readString(result.index());
        assertTrue(html.contains("one fork: the intervals treat its iterations as independent"), "the pseudo-replication warning");
        assertTrue(html.contains("(24 configurations: "), "said once for all 24");
        assertTrue(html.contains("id=\"secondary\"") && html.contains("gc.alloc.rate.norm"), "secondary metrics table");
        assertTrue(html.contains("id=\"sweep\""), "time against hashLen, a numeric parameter with several values");
    }

    @Test
    void jdkAgainstJdkAndSequenceLengths(@TempDir Path dir) throws Exception {
        Path run = SyntheticSweep.defaultSweep().shapes("768x3072").threads(1).twoJdks().sequenceLengths().withoutEnvironment()
                .write(dir.resolve("run"));
        Analyzer.Result result = Analyzer.analyze(List.of(run), FAST, false, dir.resolve("report"));
        RunAnalysis a = result.analyses().get(0);
        // MatVec 4 formats × cold/hot, Bandwidth 2 stream counts, Generate 4 formats × 7 lengths: under the second JDK.
        assertEquals(4 * 2 + 2 + 4 * 7, a.jdkComparisons().size());
        assertTrue(a.jdkComparisons().stream().allMatch(c -> c.candidateValue().equals("25.0.1+8-LTS")));
        String html = Files.readString(result.index());
        assertTrue(html.contains("id=\"jdk\"") && html.contains("id=\"sweep\""));
        assertTrue(html.contains("id=\"table-jdk-matvecbenchmark\""));
    }

    @Test
    void badInputsAreClearErrors(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("no-such-run");
        AnalysisException e = assertThrows(AnalysisException.class, () -> Analyzer.analyze(List.of(missing), null, dir.resolve("out")));
        assertEquals(missing + ": no such file or folder", e.getMessage());

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "[{\"benchmark\": ");
        e = assertThrows(AnalysisException.class, () -> Analyzer.analyze(List.of(broken), null, dir.resolve("out")));
        assertTrue(e.getMessage().startsWith(broken + ": malformed JSON"), e.getMessage());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        e = assertThrows(AnalysisException.class, () -> Analyzer.analyze(List.of(empty), null, dir.resolve("out")));
        assertTrue(e.getMessage().contains("no JMH results here"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("out")), "nothing written for bad input");
    }

    @Test
    void baselineMustNameSomething(@TempDir Path dir) throws Exception {
        Path known = TestResources.path("jmh/known-numbers.json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Analyzer.analyze(List.of(known), "F16", dir));
        assertEquals("baseline F16: no configuration has format = F16; valid values: F32, INT8", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Analyzer.analyze(List.of(known), "model=llama", dir));
        assertTrue(e.getMessage().contains("no input has a parameter 'model'"), e.getMessage());
        assertTrue(e.getMessage().contains("format, shape, threads, cold, jdk"), e.getMessage());
        // The default baseline is simply not applicable to files without formats: no error.
        assertTrue(Files.exists(Analyzer.analyze(List.of(known), null, dir.resolve("ok")).index()));
    }

    @Test
    void flameGraphsAreLinkedRelativeToTheReport(@TempDir Path project) throws Exception {
        Path run = Files.createDirectories(project.resolve("results/host-20260101T000000Z"));
        Files.copy(TestResources.path("jmh/known-numbers.json"), run.resolve("jmh.json"));
        Path flame = project.resolve("profiles/host-20260101T000000Z/MatVecBenchmark.matvec-F32/flame-cpu-forward.html");
        Files.createDirectories(flame.getParent());
        Files.writeString(flame, "<html></html>");
        Path report = project.resolve("reports/host-20260101T000000Z");
        String html = Files.readString(Analyzer.analyze(List.of(run), FAST, false, report).index());
        String href = "../../profiles/host-20260101T000000Z/MatVecBenchmark.matvec-F32/flame-cpu-forward.html";
        assertTrue(html.contains("<a href=\"" + href + "\">MatVecBenchmark.matvec-F32/flame-cpu-forward.html</a>"), html);
        assertTrue(Files.exists(report.resolve(href).normalize()));
    }

    @Test
    void sameInputsSameTables(@TempDir Path dir) throws Exception {
        Path known = TestResources.path("jmh/known-numbers.json");
        Analyzer.analyze(List.of(known), FAST, false, dir.resolve("a"));
        Analyzer.analyze(List.of(known), FAST, false, dir.resolve("b"));
        for (String table : List.of("summary-matvecbenchmark.csv", "speedups-matvecbenchmark.csv", "derived-matvecbenchmark.csv")) {
            assertEquals(Files.readString(dir.resolve("a/tables/" + table)), Files.readString(dir.resolve("b/tables/" + table)), table);
        }
    }

    @Test
    void defaultOutputFolders() {
        assertEquals(Paths.get("reports", "host-20260101T000000Z"), Analyzer.defaultOut(List.of(
                new io.quantbench.analysis.input.Run("host-20260101T000000Z", Paths.get("x"), List.of(), List.of(),
                        io.quantbench.analysis.input.Environment.absent(), List.of()))));
    }
}
