package io.quantbench.analysis.input;

import io.quantbench.analysis.AnalysisException;
import io.quantbench.analysis.TestResources;
import io.quantbench.engine.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JmhResultReaderTest {

    static Path resource(String name) {
        return TestResources.path("jmh/" + name);
    }

    @Test
    void readsOurOwnFixture() {
        List<Measurement> ms = JmhResultReader.read(resource("known-numbers.json"));
        assertEquals(5, ms.size());
        Measurement f32 = ms.get(0);
        assertEquals("MatVecBenchmark.matvec", f32.shortName());
        assertEquals(Map.of("format", "F32", "shape", "768x3072", "threads", "1", "cold", "true"), f32.params());
        assertEquals(List.of("format", "shape", "threads", "cold", "jdk"), List.copyOf(f32.axes().keySet()));
        assertEquals("17.0.15+6-Debian-1deb12u1", f32.axes().get("jdk"));
        assertEquals(MetricUnit.Kind.TIME_PER_OP, f32.unit().kind());
        assertArrayEquals(new double[] {400, 404, 396}, f32.forkMeans(), 1e-9);
        assertTrue(Double.isNaN(f32.jmhScoreError()), "\"NaN\" string read as NaN");
        assertEquals(1, f32.settings().warmupIterations());
    }

    @Test
    void sampleModeHistogramsBecomeIterationMeans() {
        // Fork 0: [[10,3],[20,1]] -> (30 + 20)/4 = 12.5; [[12,2],[14,2]] -> 13. Fork 1: [[11,1]] -> 11; [[15,1],[13,1]] -> 14.
        Measurement sample = JmhResultReader.read(resource("known-numbers.json")).get(3);
        assertEquals("sample", sample.mode());
        assertTrue(sample.params().isEmpty());
        assertArrayEquals(new double[] {12.5, 13}, sample.forks()[0], 1e-12);
        assertArrayEquals(new double[] {11, 14}, sample.forks()[1], 1e-12);
    }

    @Test
    void secondaryMetricsLoseTheMiddleDot() {
        Measurement noParams = JmhResultReader.read(resource("known-numbers.json")).get(4);
        assertTrue(noParams.secondary().containsKey("gc.alloc.rate.norm"), noParams.secondary().keySet().toString());
        assertEquals("B/op", noParams.secondary().get("gc.alloc.rate.norm").unit());
        assertTrue(Double.isNaN(noParams.secondary().get("gc.count").score()));
        assertEquals(0, noParams.secondary().get("gc.count").forks().length);
    }

    @Test
    void jsonBenchFixtureParses() {
        // JMH 1.21, thrpt, 90 entries, 2 forks of 10 iterations, params depth and length (PROVENANCE.md §7).
        List<Measurement> ms = JmhResultReader.read(Fixtures.require("jmh/json-bench.jmh-result.json"));
        assertEquals(90, ms.size());
        Measurement first = ms.get(0);
        assertEquals("bench.Case1.decodeArgonaut", first.benchmark());
        assertEquals(MetricUnit.Kind.OPS_PER_TIME, first.unit().kind());
        assertFalse(first.unit().lowerIsBetter());
        assertEquals(2, first.forkCount());
        assertEquals(10, first.forks()[0].length);
        assertEquals(10163.443194261832, first.forks()[0][0], 0);
        assertEquals(Map.of("depth", "10", "length", "10"), first.params());
        assertEquals("11", first.jvm().jdkVersion());
    }

    @Test
    void scalaBlake3FixtureParses() {
        // JMH 1.32, avgt, 24 entries, 1 fork of 5 iterations, -prof gc metrics with the U+00B7 prefix and
        // "NaN" strings (PROVENANCE.md §7).
        List<Measurement> ms = JmhResultReader.read(Fixtures.require("jmh/scala-blake3.jmh-result.intel.json"));
        assertEquals(24, ms.size());
        Measurement first = ms.get(0);
        assertEquals(1, first.forkCount());
        assertEquals(5, first.forks()[0].length);
        assertEquals(32.747823097961216, first.forks()[0][0], 0);
        assertTrue(first.secondary().keySet().containsAll(List.of("gc.alloc.rate", "gc.alloc.rate.norm", "gc.count", "gc.time")),
                first.secondary().keySet().toString());
        assertEquals("MB/sec", first.secondary().get("gc.alloc.rate").unit());
        assertTrue(ms.stream().allMatch(m -> m.secondary().keySet().stream().noneMatch(k -> k.startsWith("\u00b7"))));
    }

    @Test
    void malformedJsonNamesFileAndPlace(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "[\n  {\"benchmark\": \"x\",\n   \"mode\": }\n]");
        AnalysisException e = assertThrows(AnalysisException.class, () -> JmhResultReader.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("malformed JSON at line 3"), e.getMessage());
    }

    @Test
    void wrongShapesAreNamed(@TempDir Path dir) throws IOException {
        Path object = dir.resolve("object.json");
        Files.writeString(object, "{\"benchmark\": \"x\"}");
        assertTrue(assertThrows(AnalysisException.class, () -> JmhResultReader.read(object)).getMessage()
                .contains("expected a JSON array of benchmark entries"));

        Path empty = dir.resolve("empty.json");
        Files.writeString(empty, "");
        assertTrue(assertThrows(AnalysisException.class, () -> JmhResultReader.read(empty)).getMessage().contains("empty"));

        Path noUnit = dir.resolve("nounit.json");
        Files.writeString(noUnit, "[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\", \"primaryMetric\": {\"score\": 1}}]");
        String message = assertThrows(AnalysisException.class, () -> JmhResultReader.read(noUnit)).getMessage();
        assertTrue(message.contains("entry 0 (a.B.c), scoreUnit: missing"), message);

        Path badNumber = dir.resolve("badnumber.json");
        Files.writeString(badNumber, "[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\", \"primaryMetric\": {\"score\": 1,"
                + " \"scoreUnit\": \"us/op\", \"rawData\": [[1.0, \"fast\"]]}}]");
        message = assertThrows(AnalysisException.class, () -> JmhResultReader.read(badNumber)).getMessage();
        assertTrue(message.contains("primaryMetric.rawData[0][1]: expected a number, found the string \"fast\""), message);
    }

    @Test
    void missingRawDataIsAllowed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("noraw.json");
        Files.writeString(file, "[{\"benchmark\": \"a.B.c\", \"mode\": \"thrpt\", \"primaryMetric\": {\"score\": 7.5,"
                + " \"scoreError\": \"NaN\", \"scoreUnit\": \"ops/ms\"}}]");
        Measurement m = JmhResultReader.read(file).get(0);
        assertFalse(m.hasRawData());
        assertEquals(7.5, m.jmhScore());
        assertEquals("unknown", m.jvm().label());
    }
}
