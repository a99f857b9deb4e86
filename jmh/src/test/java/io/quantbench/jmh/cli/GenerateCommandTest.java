package io.quantbench.jmh.cli;

import io.quantbench.engine.Fixtures;
import io.quantbench.engine.io.GgufFile;
import io.quantbench.engine.io.GgufTensorInfo;
import io.quantbench.engine.synth.KnownModel;
import io.quantbench.engine.synth.SyntheticCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code generate}: the text, the figures, and the errors of DESIGN.md's contract. */
class GenerateCommandTest {

    @TempDir
    Path dir;

    private static String stories() {
        return Fixtures.require("tinyllama-llama2c/stories260K.bin").toString();
    }

    private static String tok512() {
        return Fixtures.require("tinyllama-llama2c/tok512.bin").toString();
    }

    /** The number after {@code label} on its line of the report, e.g. {@code decode ... , 45.2 tok/s}. */
    private static double figure(CliRun run, String regex) {
        Matcher m = Pattern.compile(regex).matcher(run.out);
        assertTrue(m.find(), regex + " in\n" + run);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void streamsTheGreedyStoryThenPrintsTheFigures() {
        CliRun run = CliRun.run("generate", "--model", stories(), "--tokenizer", tok512(), "--max-tokens", "60", "--threads", "2");
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.startsWith("Once upon a time, there was a little girl named Lily. She loved to play outside in the park."
                + " One day, she saw a big, red ball. She wanted to play with it, but it was too high\n\n"), run.out);
        assertEquals(1, figure(run, "prompt tokens\\s+(\\d+)"), "BOS alone");
        assertTrue(figure(run, "prefill\\s+[\\d.]+ s, ([\\d.]+) tok/s") > 0);
        assertEquals(59, figure(run, "decode\\s+(\\d+) steps"), "60 tokens: the first from the prefill, 59 decode steps");
        assertTrue(figure(run, "decode\\s+\\d+ steps in [\\d.]+ s, ([\\d.]+) tok/s") > 0);
        double cpu = figure(run, "CPU\\s+(\\d+) % while decoding");
        assertTrue(cpu > 0 && cpu <= 100 * Runtime.getRuntime().availableProcessors() + 50, run.out);
        assertTrue(figure(run, "CPU.*, ([\\d.]+) tok/s per 100 % CPU") > 0);
        if (!run.out.contains("peak memory      not available")) {
            double gb = figure(run, "peak memory\\s+([\\d.]+) GB resident");
            double share = figure(run, "peak memory.*resident, ([\\d.]+) % of");
            assertTrue(gb > 0.01 && share > 0 && share < 100, run.out);
        }
        // 263,128 float32 values of weights in the file, less the unused RoPE tables (512 x 4 x 2).
        assertTrue(run.out.contains("weights          F32 0.001 GB"), run.out);
        assertTrue(run.err.contains("loading") && run.err.contains("100 % of the weights"), run.err);
    }

    @Test
    void syntheticModelsRunWithTheirOwnVocabularyAndReportEveryFormat() {
        CliRun run = CliRun.run("generate", "--model", "synthetic:distilgpt2", "--format", "INT4,attn=INT8", "--prompt", "the rain",
                "--max-tokens", "4", "--temperature", "0.8", "--seed", "3", "--threads", "2");
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.startsWith("the rain"), run.out);
        assertTrue(run.out.contains("plan INT4,attn=INT8,head=INT8"), run.out);
        // DistilGPT-2: attention 6 x (2304 + 768) x 768 in INT8 (34 bytes per 32 weights), the MLP 6 x 2 x 3072 x 768 in
        // INT4 (18 bytes per 32), the 50257 x 768 head in INT8.
        double int8 = (6.0 * (2304 + 768) * 768 + 50257.0 * 768) * 34 / 32 / 1e9;
        double int4 = 6.0 * 2 * 3072 * 768 * 18 / 32 / 1e9;
        assertEquals(int8, figure(run, "weights .*INT8 ([\\d.]+) GB"), 0.0005, run.out);
        assertEquals(int4, figure(run, "weights .*INT4 ([\\d.]+) GB"), 0.0005, run.out);
        CliRun again = CliRun.run("generate", "--model", "synthetic:distilgpt2", "--format", "INT4,attn=INT8", "--prompt", "the rain",
                "--max-tokens", "4", "--temperature", "0.8", "--seed", "3", "--threads", "1");
        assertEquals(run.out.split("\n\n")[0], again.out.split("\n\n")[0], "the seed fixes the text, whatever the threads");
    }

    @Test
    void aGgufFileCarriesItsTokenizer() throws IOException {
        Path file = dir.resolve("gemma.gguf");
        SyntheticCheckpoint.of(KnownModel.GEMMA3_1B.miniature(), 1).writeGguf(file);
        CliRun run = CliRun.run("generate", "--model", file.toString(), "--format", "TERNARY", "--prompt", "the sun",
                "--max-tokens", "12", "--threads", "2");
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.startsWith("the sun")
                && (run.out.contains("generated        12 tokens") || run.out.contains("stopped: stop token")), run.out);
    }

    @Test
    void badUsageExitsWithTwoAndSaysWhatIsValid() {
        CliRun format = CliRun.run("generate", "--model", "synthetic:distilgpt2", "--format", "INT3");
        assertEquals(2, format.exitCode, format.toString());
        assertTrue(format.err.contains("unknown weight format 'INT3'; valid formats: F32, INT8, INT4, TERNARY"), format.err);

        CliRun rule = CliRun.run("generate", "--model", "synthetic:distilgpt2", "--format", "INT8,attn_q=F32");
        assertEquals(2, rule.exitCode, rule.toString());
        assertTrue(rule.err.contains("attn_q=F32 selects no linear layer"), rule.err);

        CliRun name = CliRun.run("generate", "--model", "synthetic:gpt-5");
        assertEquals(2, name.exitCode);
        assertTrue(name.err.contains("unknown model 'gpt-5'; valid models: distilgpt2, bitnet-2b4t, gemma3-1b, gemma3-4b, llama3.2-1b"),
                name.err);

        CliRun missing = CliRun.run("generate", "--model", dir.resolve("none.gguf").toString());
        assertEquals(2, missing.exitCode);
        assertTrue(missing.err.contains("none.gguf: no such file or folder"), missing.err);

        CliRun noTokenizer = CliRun.run("generate", "--model", stories());
        assertEquals(2, noTokenizer.exitCode);
        assertTrue(noTokenizer.err.contains("holds no tokenizer: pass --tokenizer"), noTokenizer.err);

        assertEquals(2, CliRun.run("generate", "--model", stories(), "--tokenizer", tok512(), "--max-tokens", "0").exitCode);
        assertEquals(2, CliRun.run("generate", "--model", stories(), "--tokenizer", tok512(), "--temperature", "-1").exitCode);
        assertEquals(2, CliRun.run("generate").exitCode, "--model is required");
    }

    @Test
    void aNaNWeightFailsNamingTheTensor() throws IOException {
        Path file = dir.resolve("nan.gguf");
        SyntheticCheckpoint.of(KnownModel.LLAMA32_1B.miniature(), 1).writeGguf(file);
        long at;
        try (GgufFile gguf = GgufFile.open(file)) {
            GgufTensorInfo info = gguf.tensor("blk.1.ffn_down.weight").orElseThrow();
            at = gguf.absoluteOffset(info) + 4L * (2 * 256 + 9);                 // row 2, column 9 (256 inputs a row)
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at);
            raf.write(new byte[] {0, 0, (byte) 0xC0, 0x7F});                      // float NaN, little-endian
        }
        CliRun run = CliRun.run("generate", "--model", file.toString(), "--format", "INT8");
        assertEquals(1, run.exitCode, run.toString());
        assertTrue(run.err.contains("blk.1.ffn_down.weight") && run.err.contains("row 2, column 9 is NaN"), run.err);
    }
}
