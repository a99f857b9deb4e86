package io.quantbench.jmh.runner;

import io.quantbench.jmh.cli.Subcommands.UsageException;
import io.quantbench.jmh.runner.SweepPlan.Step;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a profile and the command line become steps; no benchmark runs here. */
class SweepPlanTest {

    private static final BenchmarkCatalog CATALOG = BenchmarkCatalog.load();

    /** A profile of one MatMulBenchmark entry and one of BandwidthBenchmark. */
    private static Profile profile() {
        return new Profile("test", "", new Settings(2, 1, TimeValue.milliseconds(100), 2, TimeValue.milliseconds(200)), List.of(
                new Profile.Entry("MatMulBenchmark", "", Map.of("shape", List.of("768x3072"), "tokens", List.of("1"),
                        "threads", List.of("1"), "cold", List.of("true", "false"), "format", List.of("F32", "INT8")),
                        new Settings(3, null, null, null, null)),
                new Profile.Entry("BandwidthBenchmark", "", Map.of("threads", List.of("1"), "streams", List.of("4")),
                        Settings.NONE)));
    }

    private static SweepPlan plan(Profile profile, List<String> jvms, String... jmhArgs) throws CommandLineOptionException {
        return SweepPlan.build(profile, JmhArgs.parse(List.of(jmhArgs)), jvms, false, CATALOG);
    }

    @Test
    void expandsEntriesWithTheLastParamInnermost() throws Exception {
        // Map.of has no order: use the real loop order of an ordered entry instead.
        Profile ordered = new Profile("test", "", Settings.NONE, List.of(new Profile.Entry("MatMulBenchmark", "",
                orderedParams(), Settings.NONE)));
        List<Step> steps = plan(ordered, List.of()).steps();
        assertEquals(4, steps.size());
        assertEquals(List.of("true/F32", "true/INT8", "false/F32", "false/INT8"),
                steps.stream().map(s -> s.params().get("cold") + "/" + s.params().get("format")).collect(Collectors.toList()),
                "formats run back to back, the last param varying fastest");
        assertEquals("0001-MatMulBenchmark.multiply-shape=768x3072-tokens=1-threads=1-cold=true-format=F32-kernel=vector",
                steps.get(0).name(), "params the entry does not set follow, with their annotation values");
        assertTrue(steps.get(0).label().contains("shape=768x3072 (distilgpt2 ffn_down)"), "progress names the layer");
    }

    private static Map<String, List<String>> orderedParams() {
        Map<String, List<String>> params = new java.util.LinkedHashMap<>();
        params.put("shape", List.of("768x3072"));
        params.put("tokens", List.of("1"));
        params.put("threads", List.of("1"));
        params.put("cold", List.of("true", "false"));
        params.put("format", List.of("F32", "INT8"));
        return params;
    }

    @Test
    void commandLineParamsAndSettingsWinOverTheProfile() throws Exception {
        SweepPlan plan = plan(profile(), List.of(), "MatMulBenchmark", "-p", "format=TERNARY", "-f", "1", "-r", "50ms");
        List<Step> steps = plan.steps();
        assertEquals(2, steps.size(), "a regex selects MatMulBenchmark only; cold stays the profile's two values");
        assertTrue(steps.stream().allMatch(s -> s.params().get("format").equals("TERNARY")));
        Settings s = steps.get(0).settings();
        assertEquals(1, s.forks(), "-f beats the entry's 3");
        assertEquals(TimeValue.milliseconds(50), s.measurementTime(), "-r beats the profile's 200ms");
        assertEquals(TimeValue.milliseconds(100), s.warmupTime(), "what the command line leaves out comes from the profile");
    }

    @Test
    void entrySettingsBeatTheProfileAndAnnotationsFillTheRest() throws Exception {
        SweepPlan plan = plan(profile(), List.of());
        Step matmul = plan.steps().get(0);
        Step bandwidth = plan.steps().get(plan.steps().size() - 1);
        assertEquals(3, matmul.settings().forks(), "the entry's forks");
        assertEquals(2, bandwidth.settings().forks(), "the profile's forks");
        assertEquals("io.quantbench.jmh.BandwidthBenchmark.readAll", bandwidth.benchmark());
    }

    @Test
    void aRegexOutsideTheProfileRunsWithTheAnnotationParams() throws Exception {
        List<Step> steps = plan(profile(), List.of(), "AttentionBenchmark.decode", "-p", "model=gemma3-1b", "-p", "threads=1").steps();
        assertEquals(7, steps.size(), "AttentionBenchmark.decode's seven annotated context lengths");
        assertEquals(2, steps.get(0).settings().forks(), "profile-level settings still apply");
    }

    @Test
    void eachConfigurationRunsUnderEveryJvmInTurn() throws Exception {
        List<Step> steps = plan(profile(), List.of("/a/java", "/b/java"), "BandwidthBenchmark").steps();
        assertEquals(2, steps.size());
        assertEquals(List.of(0, 1), steps.stream().map(Step::jvm).collect(Collectors.toList()));
        assertTrue(steps.get(0).name().endsWith("-jvm1") && steps.get(1).name().endsWith("-jvm2"), steps.toString());
    }

    @Test
    void coresMeansThisMachinesCoreCount() {
        String cores = String.valueOf(Runtime.getRuntime().availableProcessors());
        assertEquals(cores.equals("1") ? List.of("1") : List.of("1", cores),
                ParamDomains.expand("threads", List.of("1", "cores", "1")));
    }

    @Test
    void identicalConfigurationsOfTwoEntriesRunOnce() throws Exception {
        Profile twice = new Profile("test", "", Settings.NONE, List.of(
                new Profile.Entry("BandwidthBenchmark", "", Map.of("threads", List.of("1"), "streams", List.of("1", "4")), Settings.NONE),
                new Profile.Entry("BandwidthBenchmark", "", Map.of("threads", List.of("1"), "streams", List.of("4")), Settings.NONE)));
        assertEquals(2, plan(twice, List.of()).steps().size());
        // The default profile's decode and prefill entries list MatMulBenchmark's params in different orders.
        assertEquals(1, SweepPlan.build(Profile.named("default"), JmhArgs.parse(List.of("MatMulBenchmark", "-p", "format=INT8",
                "-p", "shape=2560x6912", "-p", "tokens=1", "-p", "threads=1", "-p", "cold=true")), List.of(), false, CATALOG)
                .steps().size());
    }

    @Test
    void wrongValuesAndNamesAreUsageErrorsListingTheValidOnes() {
        UsageException format = assertThrows(UsageException.class, () -> plan(profile(), List.of(), "-p", "format=INT3"));
        assertTrue(format.getMessage().contains("F32, INT8, INT4, TERNARY"), format.getMessage());
        UsageException shape = assertThrows(UsageException.class, () -> plan(profile(), List.of(), "-p", "shape=100x100"));
        assertTrue(shape.getMessage().contains("2560x6912") && shape.getMessage().contains("2048x8192"), shape.getMessage());
        UsageException name = assertThrows(UsageException.class, () -> plan(profile(), List.of(), "-p", "formats=INT8"));
        assertTrue(name.getMessage().contains("'formats'") && name.getMessage().contains("format"), name.getMessage());
        UsageException threads = assertThrows(UsageException.class, () -> plan(profile(), List.of(), "-p", "threads=0"));
        assertTrue(threads.getMessage().contains("positive integer"), threads.getMessage());
        UsageException kernel = assertThrows(UsageException.class, () -> plan(profile(), List.of(), "MatMul", "-p", "kernel=turbo"));
        assertTrue(kernel.getMessage().contains("scalar, vector"), kernel.getMessage());
        UsageException regex = assertThrows(UsageException.class, () -> plan(profile(), List.of(), "NoSuchBenchmark"));
        assertTrue(regex.getMessage().contains("MatMulBenchmark.multiply"), "lists the benchmarks: " + regex.getMessage());
    }

    @Test
    void survivesSweepJson() throws Exception {
        SweepPlan plan = plan(profile(), List.of("/a/java", "/b/java"), "-p", "format=INT4", "-r", "50ms");
        SweepPlan back = SweepPlan.fromJson(ResultsFolder.JSON.readTree(ResultsFolder.JSON.writeValueAsString(plan.toJson())));
        assertEquals(plan, back);
    }
}
