package io.quantbench.jmh.runner;

import io.quantbench.engine.format.WeightFormat;
import io.quantbench.engine.synth.KnownModel;
import io.quantbench.jmh.cli.Subcommands.UsageException;
import io.quantbench.jmh.runner.SweepPlan.Step;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** profiles.json against the benchmarks of this jar: what each profile promises, it plans. */
class ProfilesTest {

    private static final BenchmarkCatalog CATALOG = BenchmarkCatalog.load();

    private static SweepPlan plan(String profile) throws Exception {
        return SweepPlan.build(Profile.named(profile), JmhArgs.parse(List.of()), List.of(), false, CATALOG);
    }

    private static Set<String> values(SweepPlan plan, String benchmarkClass, String param) {
        return plan.steps().stream().filter(s -> s.shortName().startsWith(benchmarkClass + "."))
                .map(s -> s.params().get(param)).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theThreeProfilesExistInOrder() {
        assertEquals(List.of("quick", "default", "full"), List.copyOf(Profile.all().keySet()));
        UsageException e = assertThrows(UsageException.class, () -> Profile.named("fast"));
        assertTrue(e.getMessage().contains("quick, default, full"), e.getMessage());
    }

    @Test
    void everyProfilePlansAgainstTheBenchmarksOfThisJar() throws Exception {
        for (String name : Profile.all().keySet()) {
            SweepPlan plan = plan(name);
            assertFalse(plan.steps().isEmpty(), name);
            for (Step s : plan.steps()) {
                assertTrue(s.settings().forks() >= 1 && s.settings().measurementIterations() >= 1, name + ": " + s);
            }
        }
    }

    @Test
    void defaultCoversEveryFormatDecodeAndPrefillAttentionAndTheRoof() throws Exception {
        SweepPlan plan = plan(Profile.DEFAULT);
        Set<String> formats = Arrays.stream(WeightFormat.values()).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(formats, values(plan, "MatMulBenchmark", "format"));
        assertEquals(Set.of("1", "8", "32", "128"), values(plan, "MatMulBenchmark", "tokens"));
        assertEquals(Set.of("768x3072", "2560x2560", "2560x6912", "6912x2560"), values(plan, "MatMulBenchmark", "shape"),
                "the shapes reference/ANCHORS.md measured llama.cpp and bitnet.cpp on");
        assertEquals(Set.of("10", "20", "50", "100", "200", "500", "1000"), values(plan, "AttentionBenchmark", "seqLen"));
        assertTrue(plan.steps().stream().anyMatch(s -> s.shortName().equals("AttentionBenchmark.prefill")));
        assertEquals(Set.of("INT8", "TERNARY"), values(plan, "ActivationQuantBenchmark", "format"));
        assertEquals(values(plan, "MatMulBenchmark", "threads"), values(plan, "BandwidthBenchmark", "threads"),
                "the roof at the decode headline's thread counts");
        assertTrue(plan.steps().stream().allMatch(s -> s.settings().forks() >= 3),
                "the report's intervals are over forks: two would leave one degree of freedom");
        assertTrue(plan.steps().stream().filter(s -> s.shortName().startsWith("MatMulBenchmark."))
                        .allMatch(s -> s.settings().warmupIterations() >= 3),
                "the matmuls' first call runs before C2 has compiled the kernel: two warm-up iterations were too few");
    }

    @Test
    void fullCoversEveryLayerShapeOfTheFiveModels() throws Exception {
        SweepPlan plan = plan("full");
        assertEquals(new TreeSet<>(KnownModel.distinctShapes().keySet()), values(plan, "MatMulBenchmark", "shape"));
        assertEquals(Set.of("true", "false"), values(plan, "MatMulBenchmark", "cold"));
        assertEquals(Arrays.stream(KnownModel.values()).map(m -> m.id).collect(Collectors.toCollection(TreeSet::new)),
                values(plan, "AttentionBenchmark", "model"));
    }
}
