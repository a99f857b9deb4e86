package io.quantbench.jmh;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

    @org.junit.jupiter.api.BeforeAll
    static void ignoreOtherJmhRuns() {
        // JMH refuses to start while another JMH run on the machine holds /tmp/jmh.lock; these tests run
        // nothing, so they must not depend on what else the machine is doing.
        System.setProperty("jmh.ignoreLock", "true");
    }

    private static String[] captured(Runnable r) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new String[] {o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void listsTheBenchmarks() {
        int[] code = new int[1];
        String[] output = captured(() -> code[0] = Main.run(new String[] {"-l"}));
        assertEquals(0, code[0], output[1]);
        assertTrue(output[0].contains("io.quantbench.jmh.MatVecBenchmark.matvec"), output[0]);
        assertTrue(output[0].contains("io.quantbench.jmh.BandwidthBenchmark.readAll"), output[0]);
    }

    @Test
    void badJmhOptionIsAUsageError() {
        int[] code = new int[1];
        String[] output = captured(() -> code[0] = Main.run(new String[] {"-notAnOption"}));
        assertEquals(2, code[0]);
        assertTrue(output[1].contains("unknown option -notAnOption"), output[1]);
        assertTrue(output[1].toLowerCase(java.util.Locale.ROOT).contains("usage:"), output[1]);
    }

    @Test
    void unknownBenchmarkIsAUsageError() {
        int[] code = new int[1];
        String[] output = captured(() -> code[0] = Main.run(new String[] {"NoSuchBenchmark", "-rff", "target/never.json"}));
        assertEquals(2, code[0]);
        assertTrue(output[1].contains("no benchmark matches"), output[1]);
    }
}
