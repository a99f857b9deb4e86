package io.quantbench.jmh.cli;

import io.quantbench.engine.Fixtures;
import io.quantbench.engine.io.GgmlType;
import io.quantbench.engine.io.GgufValue;
import io.quantbench.engine.io.GgufWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code inspect} on the fixture files and on files written here; expected values from PROVENANCE.md and FORMATS.md. */
class InspectCommandTest {

    @TempDir
    Path dir;

    /** Whether some line of {@code out} has these pieces in this order, separated by whitespace only. */
    private static void hasLine(CliRun run, String... pieces) {
        StringBuilder regex = new StringBuilder("(?m)^\\s*");
        for (int i = 0; i < pieces.length; i++) {
            regex.append(i == 0 ? "" : "\\s+").append(Pattern.quote(pieces[i]));
        }
        assertTrue(Pattern.compile(regex.toString()).matcher(run.out).find(), String.join(" ", pieces) + " in\n" + run);
    }

    @Test
    void gpt2VocabularyMetadata() {
        CliRun run = CliRun.run("inspect", Fixtures.require("llamacpp-vocab/ggml-vocab-gpt-2.gguf").toString());
        assertEquals(0, run.exitCode, run.toString());
        hasLine(run, "format", "GGUF v3,");
        hasLine(run, "model", "gpt2 (gpt2): 12 layers, embedding 768,");           // GPT-2 small, FORMATS.md §5
        hasLine(run, "metadata", "16 keys");
        hasLine(run, "general.architecture", "string", "\"gpt2\"");
        hasLine(run, "tokenizer.ggml.model", "string", "\"gpt2\"");
        hasLine(run, "tokenizer.ggml.pre", "string", "\"gpt-2\"");
        hasLine(run, "tokenizer.ggml.tokens", "string[50257]", "[\"!\", \"\\\"\", \"#\",");
        hasLine(run, "tokenizer.ggml.merges", "string[50000]", "[\"Ġ t\", \"Ġ a\",");
        hasLine(run, "tokenizer.ggml.bos_token_id", "u32", "50256");
        hasLine(run, "tokenizer.ggml.eos_token_id", "u32", "50256");
        hasLine(run, "tensors", "0, 0 bytes");
    }

    @Test
    void llamaSpmVocabularyMetadata() {
        CliRun run = CliRun.run("inspect", Fixtures.require("llamacpp-vocab/ggml-vocab-llama-spm.gguf").toString());
        assertEquals(0, run.exitCode, run.toString());
        hasLine(run, "tokenizer.ggml.model", "string", "\"llama\"");
        hasLine(run, "tokenizer.ggml.pre", "string", "\"default\"");
        hasLine(run, "tokenizer.ggml.tokens", "string[32000]", "[\"<unk>\", \"<s>\", \"</s>\", \"<0x00>\",");
        hasLine(run, "tokenizer.ggml.scores", "f32[32000]");
        hasLine(run, "tokenizer.ggml.token_type", "i32[32000]", "[2, 3, 3, 6, 6,");
        hasLine(run, "tokenizer.ggml.bos_token_id", "u32", "1");
        hasLine(run, "tokenizer.ggml.eos_token_id", "u32", "2");
        hasLine(run, "tokenizer.ggml.unknown_token_id", "u32", "0");
        hasLine(run, "tokenizer.ggml.add_bos_token", "bool", "true");
    }

    @Test
    void stories260KTensors() {
        CliRun run = CliRun.run("inspect", Fixtures.require("tinyllama-llama2c/stories260K.bin").toString());
        assertEquals(0, run.exitCode, run.toString());
        hasLine(run, "format", "llama2.c legacy checkpoint");
        hasLine(run, "model", "llama (llama2.c): 5 layers, embedding 64, feed-forward 172");
        hasLine(run, "llama2c.vocab_size", "i32", "512");
        hasLine(run, "tensors", "47,");
        hasLine(run, "token_embd.weight", "F32", "{64, 512}", "131072 bytes", "(token_embedding_table)");
        hasLine(run, "blk.4.ffn_down.weight", "F32", "{172, 64}", "44032 bytes", "(w2[4])");
    }

    @Test
    void dequantizesOneTensorToLittleEndianFloat32() throws IOException {
        Path model = Fixtures.require("tinyllama-llama2c/stories260K.bin");
        Path out = dir.resolve("embd.f32");
        CliRun run = CliRun.run("inspect", model.toString(), "--tensor", "token_embd.weight", "--dequantize", out.toString());
        assertEquals(0, run.exitCode, run.toString());
        // The token embedding is the first array after the 28-byte header (PROVENANCE.md §1): the same bytes.
        byte[] raw = Files.readAllBytes(model);
        assertArrayEquals(Arrays.copyOfRange(raw, 28, 28 + 512 * 64 * 4), Files.readAllBytes(out));

        Path byFileName = dir.resolve("w2.f32");
        assertEquals(0, CliRun.run("inspect", model.toString(), "--tensor", "w2[0]", "--dequantize", byFileName.toString()).exitCode);
        assertEquals(172 * 64 * 4, Files.size(byFileName));
    }

    @Test
    void dequantizesAQuantizedTensor() throws IOException {
        // One Q8_0 block (FORMATS.md §3): d = 0.5 (float16 0x3800), then 32 int8; y = d * q.
        byte[] block = new byte[34];
        block[0] = 0x00;
        block[1] = 0x38;
        for (int i = 0; i < 32; i++) {
            block[2 + i] = (byte) (i - 16);
        }
        Path gguf = dir.resolve("q.gguf");
        new GgufWriter().put("general.architecture", GgufValue.string("llama")).addTensor("w", GgmlType.Q8_0, new long[] {32}, block).write(gguf);
        Path out = dir.resolve("w.f32");
        CliRun run = CliRun.run("inspect", gguf.toString(), "--tensor", "w", "--dequantize", out.toString());
        assertEquals(0, run.exitCode, run.toString());
        assertTrue(run.out.contains("wrote 32 float32 values of w (Q8_0 {32})"), run.toString());
        ByteBuffer values = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 32; i++) {
            assertEquals(0.5f * (i - 16), values.getFloat());
        }
        hasLine(CliRun.run("inspect", gguf.toString()), "model", "not loadable:");     // llama keys are missing, the file still lists
    }

    @Test
    void usageErrorsExitWith2AndFailuresWith1() throws IOException {
        String model = Fixtures.require("tinyllama-llama2c/stories260K.bin").toString();
        CliRun alone = CliRun.run("inspect", model, "--tensor", "token_embd.weight");
        assertEquals(2, alone.exitCode, alone.toString());
        assertTrue(alone.err.contains("--tensor and --dequantize go together"), alone.err);

        CliRun unknown = CliRun.run("inspect", model, "--tensor", "nope", "--dequantize", dir.resolve("x").toString());
        assertEquals(2, unknown.exitCode, unknown.toString());
        assertTrue(unknown.err.contains("no tensor 'nope'") && unknown.err.contains("token_embd.weight"), unknown.err);
        assertFalse(Files.exists(dir.resolve("x")));

        assertEquals(2, CliRun.run("inspect").exitCode);

        CliRun missing = CliRun.run("inspect", dir.resolve("absent.gguf").toString());
        assertEquals(1, missing.exitCode);
        assertTrue(missing.err.contains("absent.gguf: no such file"), missing.err);

        Path truncated = dir.resolve("cut.gguf");
        byte[] vocab = Files.readAllBytes(Fixtures.require("llamacpp-vocab/ggml-vocab-gpt-2.gguf"));
        Files.write(truncated, Arrays.copyOf(vocab, 100_000));
        CliRun cut = CliRun.run("inspect", truncated.toString());
        assertEquals(1, cut.exitCode, cut.toString());
        assertTrue(cut.err.startsWith("error: " + truncated + ": at byte offset ") && cut.err.contains("truncated"), cut.err);
    }
}
