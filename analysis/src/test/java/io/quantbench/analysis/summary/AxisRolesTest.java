package io.quantbench.analysis.summary;

import io.quantbench.analysis.SyntheticSweep;
import io.quantbench.analysis.TestResources;
import io.quantbench.analysis.input.JmhResultReader;
import io.quantbench.analysis.input.Measurement;
import io.quantbench.analysis.input.MetricUnit;
import io.quantbench.analysis.input.RunLoader;
import io.quantbench.engine.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AxisRolesTest {

    @Test
    void defaultSweepRoles(@TempDir Path dir) throws Exception {
        List<Measurement> ms = RunLoader.load(SyntheticSweep.defaultSweep().write(dir)).measurements();
        List<AxisRoles> groups = AxisRoles.groups(ms);
        assertEquals(List.of("MatVecBenchmark", "BandwidthBenchmark"), groups.stream().map(AxisRoles::name).toList());
        AxisRoles matvec = groups.get(0);
        assertEquals(64, matvec.members().size());
        assertEquals("format", matvec.series());
        assertEquals("shape", matvec.category());
        assertNull(matvec.sweep());                              // threads has two values only
        assertEquals(List.of("format", "shape", "threads", "cold"), matvec.varyingAxes());
        assertEquals(Map.of("jdk", "17.0.15+6-Debian-1deb12u1"), matvec.constantAxes());
        List<AxisRoles.Panel> panels = matvec.panels(AxisRoles.plotted("format", "shape"));
        assertEquals(List.of("threads=1, cold=true", "threads=1, cold=false", "threads=2, cold=true", "threads=2, cold=false"),
                panels.stream().map(AxisRoles.Panel::label).toList());
        assertEquals(16, panels.get(0).members().size());

        // Bandwidth: nothing named varies, so the two varying axes share one chart.
        AxisRoles bandwidth = groups.get(1);
        assertEquals("threads", bandwidth.category());
        assertEquals("streams", bandwidth.series());
        assertEquals(1, bandwidth.panels(AxisRoles.plotted("threads", "streams")).size());
    }

    @Test
    void sequenceLengthIsTheSweepAndJdkAPanel(@TempDir Path dir) throws Exception {
        List<Measurement> ms = RunLoader.load(SyntheticSweep.defaultSweep().shapes("768x3072").threads(1).twoJdks()
                .sequenceLengths().write(dir)).measurements();
        AxisRoles generate = AxisRoles.groups(ms).get(2);
        assertEquals("GenerateBenchmark", generate.name());
        assertEquals("seqLen", generate.sweep());
        assertEquals("seqLen", generate.category());
        assertEquals("format", generate.series());
        assertEquals(2, generate.panels(AxisRoles.plotted("format", "seqLen")).size());   // one per JDK
    }

    @Test
    void classesWithSeveralMethodsGetAMethodAxis() {
        List<Measurement> ms = JmhResultReader.read(Fixtures.require("jmh/json-bench.jmh-result.json"));
        List<AxisRoles> groups = AxisRoles.groups(ms);
        assertEquals(List.of("Case1", "Case2", "Case3", "Case4", "Case5"), groups.stream().map(AxisRoles::name).toList());
        AxisRoles case1 = groups.get(0);
        assertEquals(18, case1.members().size());
        assertEquals("method", case1.series());
        assertEquals("decodeArgonaut", case1.axesOf(case1.members().get(0)).get("method"));
        assertEquals(Map.of("depth", "10", "length", "10", "jdk", "11+28"), case1.constantAxes());
    }

    @Test
    void aClassInTwoUnitsIsTwoGroups() {
        // Example.sample is in sample mode (us/op); make a copy of it in throughput mode: two groups, named by kind.
        List<Measurement> ms = JmhResultReader.read(TestResources.path("jmh/known-numbers.json"));
        Measurement sample = ms.get(3);
        Measurement throughput = new Measurement(sample.benchmark(), "thrpt", MetricUnit.parse("ops/s"),
                sample.params(), sample.jvm(), sample.settings(), sample.forks(), 1, Double.NaN, sample.secondary(), "copy");
        List<String> names = AxisRoles.groups(List.of(sample, throughput)).stream().map(AxisRoles::name).toList();
        assertEquals(List.of("Example (sample, us/op)", "Example (thrpt, ops/s)"), names);
    }
}
