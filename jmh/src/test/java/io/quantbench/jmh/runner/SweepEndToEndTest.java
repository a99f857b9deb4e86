package io.quantbench.jmh.runner;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantbench.jmh.Main;
import io.quantbench.jmh.cli.CliRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real sweeps with tiny JMH settings (one fork, one iteration of milliseconds; ActivationQuantBenchmark at K = 768,
 * whose set-up is instant): the results layout, the analysis at the end, resuming after SIGKILL, flame graphs.
 */
class SweepEndToEndTest {

    /** Tiny but real: each step is one JMH fork. */
    private static final List<String> TINY = List.of("ActivationQuantBenchmark", "-p", "cols=768", "-p", "tokens=1",
            "-wi", "0", "-i", "1", "-r", "10ms");

    @BeforeAll
    static void ignoreOtherJmhRuns() {
        System.setProperty("jmh.ignoreLock", "true");
    }

    private static CliRun run(Path base, List<String> args) {
        List<String> all = new ArrayList<>(List.of("--base-dir", base.toString()));
        all.addAll(args);
        return CliRun.run("run", all.toArray(new String[0]));
    }

    private static List<String> tiny(String... more) {
        List<String> args = new ArrayList<>(TINY);
        args.addAll(List.of(more));
        return args;
    }

    /** The one sweep under {@code base/results/}. */
    private static Path sweep(Path base) throws IOException {
        try (Stream<Path> runs = Files.list(base.resolve("results"))) {
            List<Path> all = runs.collect(Collectors.toList());
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    private static List<Path> resultFiles(Path sweep) throws IOException {
        try (Stream<Path> files = Files.list(sweep)) {
            return files.filter(p -> p.getFileName().toString().matches("jmh-.*\\.json")).sorted().collect(Collectors.toList());
        }
    }

    /** Every configuration in the result files, as {@code benchmark {params}}; fails on a file that is not whole JSON. */
    private static Set<String> configurations(Path sweep) throws IOException {
        Set<String> configs = new TreeSet<>();
        for (Path f : resultFiles(sweep)) {
            for (JsonNode result : ResultsFolder.JSON.readTree(f.toFile())) {
                Map<String, String> params = new TreeMap<>();
                result.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
                configs.add(result.path("benchmark").asText() + " " + params);
            }
        }
        return configs;
    }

    private static Set<String> planned(Path sweep) throws IOException {
        SweepPlan plan = SweepPlan.fromJson(ResultsFolder.JSON.readTree(sweep.resolve("sweep.json").toFile()).get("plan"));
        return plan.steps().stream().map(s -> s.benchmark() + " " + new TreeMap<>(s.params()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void writesTheResultsFolderAndTheReport(@TempDir Path base) throws IOException {
        Path csv = base.resolve("all.csv");
        CliRun r = run(base, tiny("-p", "format=INT8,TERNARY", "-f", "1", "-rf", "csv", "-rff", csv.toString()));
        assertEquals(0, r.exitCode, r.toString());
        Path sweep = sweep(base);
        assertTrue(sweep.getFileName().toString().matches(".+-\\d{8}T\\d{6}Z"), "results/<host>-<UTC time>: " + sweep);
        try (Stream<Path> files = Files.list(sweep)) {
            assertEquals(Set.of("sweep.json", "env.json", "run.log",
                            "jmh-0001-ActivationQuantBenchmark.quantize-cols=768-tokens=1-format=INT8-kernel=vector.json",
                            "jmh-0002-ActivationQuantBenchmark.quantize-cols=768-tokens=1-format=TERNARY-kernel=vector.json"),
                    files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()), "and no .partial/ left");
        }
        for (Path f : resultFiles(sweep)) {
            JsonNode results = ResultsFolder.JSON.readTree(f.toFile());
            assertEquals(1, results.size());
            JsonNode raw = results.get(0).path("primaryMetric").path("rawData");
            assertEquals(1, raw.size(), "one fork");
            assertEquals(1, raw.get(0).size(), "of one iteration: JMH's full rawData");
        }
        assertEquals(planned(sweep), configurations(sweep));

        JsonNode env = ResultsFolder.JSON.readTree(sweep.resolve("env.json").toFile());
        assertFalse(env.path("cpu").path("model").asText().isEmpty());
        assertTrue(env.path("jvms").get(0).path("vectorBits").asInt() >= 128);
        JsonNode session = env.path("sessions").get(0);
        assertEquals(2, session.path("stepsRun").asInt());
        assertEquals(0, session.path("stepsFailed").asInt());
        assertTrue(session.has("ended") && session.has("thermalAtEnd"));

        String log = Files.readString(sweep.resolve("run.log"));
        assertTrue(log.contains("=== quantbench [1/2, 0% done] ActivationQuantBenchmark.quantize") && log.contains("ETA"), log);
        assertTrue(log.contains("# Benchmark: io.quantbench.jmh.ActivationQuantBenchmark.quantize"), "JMH's own output too");

        assertTrue(Files.isRegularFile(base.resolve("reports").resolve(sweep.getFileName()).resolve("index.html")),
                "the analysis ran at the end");
        List<String> rows = Files.readAllLines(csv);
        assertEquals(3, rows.size(), "-rf csv -rff: a header and the two results: " + rows);
    }

    @Test
    void aSweepKilledWithSigkillResumesToTheSameResults(@TempDir Path base) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-Djmh.ignoreLock=true",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", "--base-dir", base.toString(), "--no-analyze"));
        command.addAll(TINY.subList(0, TINY.size() - 2));
        command.addAll(List.of("-r", "400ms", "-f", "1", "-p", "format=INT8,INT4,TERNARY"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(base.resolve("killed-session.txt").toFile()).start();
        List<ProcessHandle> forks = new ArrayList<>();
        try {
            // Kill it once the first step's results are in, while the second step runs.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(Files.isDirectory(base.resolve("results")) && !resultFiles(sweep(base)).isEmpty())) {
                assertTrue(child.isAlive(), "the runner ended before it was killed: " + Files.readString(base.resolve("killed-session.txt")));
                assertTrue(System.nanoTime() < deadline, "no step finished within a minute");
                Thread.sleep(50);
            }
            child.descendants().forEach(forks::add);
            child.destroyForcibly();                        // SIGKILL: no shutdown hook, no clean-up
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
            forks.forEach(ProcessHandle::destroyForcibly);  // the benchmark fork it left behind
        }
        Path sweep = sweep(base);
        Set<String> survived = configurations(sweep);       // parses every jmh-*.json: none is half-written
        assertTrue(survived.size() >= 1 && survived.size() < 3, "killed half-way: " + survived);

        CliRun resumed = CliRun.run("run", "--resume", sweep.toString(), "--no-analyze");
        assertEquals(0, resumed.exitCode, resumed.toString());
        assertTrue(resumed.out.contains((3 - survived.size()) + " of 3 steps to run"), resumed.out);
        assertEquals(planned(sweep), configurations(sweep), "the same results as a sweep that was never killed");
        assertEquals(3, resultFiles(sweep).size());
        assertEquals(2, ResultsFolder.JSON.readTree(sweep.resolve("env.json").toFile()).path("sessions").size());
        assertFalse(Files.exists(sweep.resolve(".partial")));

        CliRun again = CliRun.run("run", "--resume", sweep.toString(), "--no-analyze");
        assertEquals(0, again.exitCode, again.toString());
        assertTrue(again.out.contains("0 of 3 steps to run"), "a finished sweep has nothing to resume: " + again.out);
    }

    @Test
    void severalJvmsRunEveryConfigurationInTurn(@TempDir Path base) throws IOException {
        // Two paths to this JDK (its folder, and a link to it) stand for two JDKs: the mechanism is the same.
        Path home = Path.of(System.getProperty("java.home"));
        Path other = Files.createSymbolicLink(base.resolve("other-jdk"), home);
        CliRun r = run(base, tiny("--no-analyze", "--jvm", home.toString(), "--jvm", other.toString(), "-f", "1",
                "-p", "format=INT8,TERNARY"));
        assertEquals(0, r.exitCode, r.toString());
        Path sweep = sweep(base);
        List<String> jvmOfEachStep = new ArrayList<>();
        for (Path f : resultFiles(sweep)) {
            jvmOfEachStep.add(ResultsFolder.JSON.readTree(f.toFile()).get(0).path("jvm").asText());
        }
        String a = home.resolve("bin/java").toString();
        String b = other.resolve("bin/java").toString();
        assertEquals(List.of(a, b, a, b), jvmOfEachStep, "INT8 under both JVMs, then TERNARY under both");
        JsonNode jvms = ResultsFolder.JSON.readTree(sweep.resolve("env.json").toFile()).path("jvms");
        assertEquals(2, jvms.size());
        assertEquals(b, jvms.get(1).path("path").asText());
        assertEquals(System.getProperty("java.vm.version"), jvms.get(1).path("vmVersion").asText());
    }

    @Test
    void flamegraphsOfEveryForkAndTheEngineThatRan(@TempDir Path base) throws IOException {
        CliRun r = run(base, List.of("--flamegraph", "--no-analyze", "ActivationQuantBenchmark", "-p", "cols=6912",
                "-p", "tokens=32", "-p", "format=INT8", "-f", "2", "-wi", "0", "-i", "1", "-r", "300ms"));
        assertEquals(0, r.exitCode, r.toString());
        Path sweep = sweep(base);
        Path step = base.resolve("profiles").resolve(sweep.getFileName())
                .resolve("0001-ActivationQuantBenchmark.quantize-cols=6912-tokens=32-format=INT8-kernel=vector");
        for (String fork : List.of("fork-1", "fork-2")) {
            Path html = step.resolve(fork).resolve("flame-cpu-forward.html");
            assertTrue(Files.isRegularFile(html), html + " (JMH alone would have overwritten fork-1's)");
            assertTrue(Files.readString(html).contains("ActivationQuantBenchmark"), "the benchmark's frames are in it");
            assertTrue(Files.isRegularFile(step.resolve(fork).resolve(ForkProfiles.ENGINE_FILE)));
        }
        JsonNode profiler = ResultsFolder.JSON.readTree(sweep.resolve("env.json").toFile()).path("profiler");
        int forks = 0;
        for (JsonNode n : profiler.path("engines")) {
            forks += n.asInt();
        }
        assertEquals(2, forks, "one engine recorded per fork: " + profiler);
        assertTrue(profiler.path("options").asText().contains("event=cpu"), profiler.toString());
        assertTrue(profiler.path("library").asText().endsWith("libasyncProfiler.so"));
    }
}
