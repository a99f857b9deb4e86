package io.quantbench.engine.io;

import io.quantbench.engine.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** llama2.c legacy checkpoints: the real stories260K.bin, a separate classifier, and bad headers. */
class Llama2cCheckpointTest {

    @TempDir
    Path dir;

    /** Float {@code index} of the file's body (after the 28-byte header), read directly. */
    private static float bodyFloat(byte[] file, long index) {
        return ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getFloat((int) (28 + 4 * index));
    }

    @Test
    void loadsStories260K() throws IOException {
        Path path = Fixtures.require("tinyllama-llama2c/stories260K.bin");
        byte[] raw = Files.readAllBytes(path);
        try (Checkpoint c = Checkpoint.open(path)) {
            assertEquals(Checkpoint.Format.LLAMA2C, c.format());
            ModelConfig m = c.config();
            // PROVENANCE.md §1: dim=64, hidden_dim=172, n_layers=5, n_heads=8, n_kv_heads=4, vocab_size=512, seq_len=512.
            assertEquals(Architecture.LLAMA, m.architecture());
            assertEquals(64, m.embeddingLength());
            assertEquals(172, m.feedForwardLength());
            assertEquals(5, m.blockCount());
            assertEquals(8, m.headCount());
            assertEquals(4, m.headCountKv());
            assertEquals(8, m.headDim());
            assertEquals(512, m.vocabSize());
            assertEquals(512, m.contextLength());
            assertEquals(1e-5f, m.normEps());
            assertEquals(ModelConfig.RopeStyle.INTERLEAVED, m.ropeStyle());
            assertTrue(m.tiedEmbeddings());
            assertFalse(c.tensor("output.weight").isPresent());
            assertEquals(1 + 5 * 9 + 1, c.tensors().size());

            // Layout from PROVENANCE.md §1: token_embedding [512, 64] first, then rms_att [5, 64], wq [5, 64, 64], ...
            CheckpointTensor embd = c.tensor("token_embd.weight").orElseThrow();
            assertArrayEquals(new long[] {64, 512}, embd.ne());
            float[] row7 = embd.dequantizeRow(7);
            for (int i = 0; i < 64; i++) {
                assertEquals(bodyFloat(raw, 7 * 64 + i), row7[i]);
            }
            long rmsAtt = 512 * 64;
            assertEquals(bodyFloat(raw, rmsAtt + 2 * 64 + 5), c.tensor("blk.2.attn_norm.weight").orElseThrow().dequantize()[5]);
            long wq = rmsAtt + 5 * 64;
            assertEquals(bodyFloat(raw, wq + 3 * 64 * 64 + 10 * 64 + 1), c.tensor("blk.3.attn_q.weight").orElseThrow().dequantizeRow(10)[1]);
            long w1 = wq + 5 * (64 * 64 + 32 * 64 + 32 * 64 + 64 * 64) + 5 * 64;
            CheckpointTensor gate = c.tensor("blk.0.ffn_gate.weight").orElseThrow();
            assertArrayEquals(new long[] {64, 172}, gate.ne());
            assertEquals(bodyFloat(raw, w1 + 171 * 64 + 63), gate.dequantizeRow(171)[63]);
            long rmsFinal = w1 + 3 * 5 * 172 * 64;
            float[] finalNorm = c.tensor("output_norm.weight").orElseThrow().dequantize();
            for (int i = 0; i < 64; i++) {
                assertEquals(bodyFloat(raw, rmsFinal + i), finalNorm[i]);
            }
            assertEquals("wq[3]", c.tensor("blk.3.attn_q.weight").orElseThrow().sourceName());
        }
    }

    /** A llama2.c file with the given header and a body of {@code floats} floats counting up. */
    private Path file(int[] header, long floats) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) (28 + 4 * floats)).order(ByteOrder.LITTLE_ENDIAN);
        for (int h : header) {
            b.putInt(h);
        }
        for (int i = 0; i < floats; i++) {
            b.putFloat(i);
        }
        Path p = dir.resolve("model.bin");
        Files.write(p, b.array());
        return p;
    }

    @Test
    void readsASeparateClassifier() throws IOException {
        // dim 8, hidden 16, 1 layer, 2 heads, 2 kv heads, vocab -10 (separate), seq 4; head size 4.
        long body = 10 * 8 + (8 + 4 * 64 + 8 + 3 * 128) + 8 + 4 * 4 + 10 * 8;
        try (Checkpoint c = Checkpoint.open(file(new int[] {8, 16, 1, 2, 2, -10, 4}, body))) {
            assertFalse(c.config().tiedEmbeddings());
            CheckpointTensor out = c.tensor("output.weight").orElseThrow();
            assertArrayEquals(new long[] {8, 10}, out.ne());
            float[] v = out.dequantize();
            assertEquals(body - 80, v[0], "wcls is the last 80 floats");
            assertEquals(body - 1, v[79]);
        }
    }

    private void rejects(int[] header, long floats, String... phrases) throws IOException {
        Path p = file(header, floats);
        FileFormatException e = assertThrows(FileFormatException.class, () -> Checkpoint.open(p).close());
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        for (String phrase : phrases) {
            assertTrue(e.getMessage().contains(phrase), "'" + phrase + "' in " + e.getMessage());
        }
    }

    @Test
    void rejectsBadHeadersAndWrongLengths() throws IOException {
        long body = 10 * 8 + (8 + 4 * 64 + 8 + 3 * 128) + 8 + 4 * 4;
        rejects(new int[] {8, 16, 1, 2, 2, 10, 4}, body - 1, "truncated?");
        rejects(new int[] {8, 16, 1, 2, 2, 10, 4}, body + 1, "extra bytes");
        rejects(new int[] {8, 16, 1, 2, 2, -10, 4}, body, "separate classifier", "truncated?");
        rejects(new int[] {0, 16, 1, 2, 2, 10, 4}, body, "dim is 0");
        rejects(new int[] {8, -16, 1, 2, 2, 10, 4}, body, "hidden_dim is -16");
        rejects(new int[] {8, 16, 1, 3, 3, 10, 4}, body, "multiple of n_heads");
        rejects(new int[] {8, 16, 1, 2, 2, 10, Integer.MAX_VALUE}, body, "implies");
        rejects(new int[] {1 << 30, Integer.MAX_VALUE, Integer.MAX_VALUE, 1, 1, Integer.MAX_VALUE, 2}, 0, "more than 2^63");
        rejects(new int[] {0x616b3432, 1, 0, 0, 0, 0, 0}, 0, "versioned llama2.c export");
        Path tiny = dir.resolve("tiny.bin");
        Files.write(tiny, new byte[] {1, 2, 3});
        FileFormatException e = assertThrows(FileFormatException.class, () -> Checkpoint.open(tiny).close());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
}
