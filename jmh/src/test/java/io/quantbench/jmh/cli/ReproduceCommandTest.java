package io.quantbench.jmh.cli;

import io.quantbench.engine.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReproduceCommandTest {

    @Test
    void badOptionsAreUsageErrorsThatSayWhatIsValid() {
        assertUsage("unknown study 'D'; valid: A, B, C, all", "D");
        assertUsage("--forks must be at least 1, got 0", "A", "--forks", "0");
        assertUsage("--time 'soon' is not a duration", "B", "--time", "soon");
        assertUsage("--b-model: unknown model 'gpt5'; valid models: distilgpt2", "B", "--b-model", "gpt5");
        assertUsage("--random-orders must be 0 or more, got -1", "A", "--random-orders", "-1");
        assertUsage("--model nowhere.gguf: no such file or folder", "C", "--model", "nowhere.gguf");
        assertUsage("--data nowhere: no such folder", "all", "--data", "nowhere");
    }

    @Test
    void helpListsTheStudies() {
        CliRun r = CliRun.run("reproduce", "--help");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.out.contains("A|B|C|all") && r.out.contains("--random-orders"), r.out);
    }

    /**
     * Study A without JMH on stories260K, with 3 random orders: every section is written, published numbers beside
     * ours, the ablation's verdict stated.
     */
    @Test
    void studyAWithoutBenchmarksWritesItsReport(@TempDir Path dir) throws Exception {
        Path data = Fixtures.require("tinyllama-llama2c/stories260K.bin").getParent().getParent();
        CliRun r = CliRun.run("reproduce", "a", "--skip-benchmarks", "--random-orders", "3", "--threads", "2",
                "--data", data.toString(), "--out", dir.toString());
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.out.contains("[A] importance of every linear layer") && r.out.contains("[A] ablation:"), r.out);
        String md = Files.readString(dir.resolve("reproduce.md"), StandardCharsets.UTF_8);
        for (String expected : new String[] {"## Study A", "Speed not measured: --skip-benchmarks", "| 6.2204 | 1.00 | poor (repetition) |",
                "Quality on stories260K.bin", "| INT4 |", "Continuations side by side", "blk.4.ffn_down",
                "Ablation arms on stories260K.bin", "random 3", "Importance order against random order", "Verdict: "}) {
            assertTrue(md.contains(expected), "missing '" + expected + "' in\n" + md);
        }
        String html = Files.readString(dir.resolve("reproduce.html"), StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("<table>") && html.endsWith("</html>\n"));
    }

    /** B and C without JMH and without real checkpoints: the published figures, and what was not measured and why. */
    @Test
    void studiesBAndCWithoutBenchmarksSayWhatWasNotMeasured(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.run("reproduce", "B", "--skip-benchmarks", "--out", dir.resolve("b").toString());
        assertEquals(0, r.exitCode, r.toString());
        String b = Files.readString(dir.resolve("b").resolve("reproduce.md"), StandardCharsets.UTF_8);
        assertTrue(b.contains("## Study B") && b.contains("2-5 x faster") && b.contains("Not measured: --skip-benchmarks"), b);
        r = CliRun.run("reproduce", "c", "--skip-benchmarks", "--out", dir.resolve("c").toString());
        assertEquals(0, r.exitCode, r.toString());
        String c = Files.readString(dir.resolve("c").resolve("reproduce.md"), StandardCharsets.UTF_8);
        for (String expected : new String[] {"## Study C", "Speed not measured", "| BitNet b1.58 2B (published) | 100 | 0.0024 | 0.0614 | 0.0177 |",
                "0.7680", "QA metrics need trained checkpoints"}) {
            assertTrue(c.contains(expected), "missing '" + expected + "' in\n" + c);
        }
    }

    private static void assertUsage(String message, String... args) {
        CliRun r = CliRun.run("reproduce", args);
        assertEquals(2, r.exitCode, r.toString());
        assertTrue(r.err.contains(message), "expected '" + message + "' in\n" + r.err);
    }
}
