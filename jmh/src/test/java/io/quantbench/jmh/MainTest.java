package io.quantbench.jmh;

import io.quantbench.jmh.cli.CliRun;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

    @org.junit.jupiter.api.BeforeAll
    static void ignoreOtherJmhRuns() {
        // JMH refuses to start while another JMH run on the machine holds /tmp/jmh.lock; these tests run
        // nothing, so they must not depend on what else the machine is doing.
        System.setProperty("jmh.ignoreLock", "true");
    }

    @Test
    void listsTheBenchmarks() {
        CliRun run = CliRun.capture(new byte[0], () -> Main.run(new String[] {"-l"}));
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("io.quantbench.jmh.MatVecBenchmark.matvec"), run.out);
        assertTrue(run.out.contains("io.quantbench.jmh.BandwidthBenchmark.readAll"), run.out);
    }

    @Test
    void badJmhOptionIsAUsageError() {
        CliRun run = CliRun.capture(new byte[0], () -> Main.run(new String[] {"-notAnOption"}));
        assertEquals(2, run.exitCode);
        assertTrue(run.err.contains("usage:"), run.err);
    }

    @Test
    void unknownBenchmarkIsAUsageError() {
        CliRun run = CliRun.capture(new byte[0], () -> Main.run(new String[] {"NoSuchBenchmark", "-rff", "target/never.json"}));
        assertEquals(2, run.exitCode);
        assertTrue(run.err.contains("no benchmark matches"), run.err);
    }
}
