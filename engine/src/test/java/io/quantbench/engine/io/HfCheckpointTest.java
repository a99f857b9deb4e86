package io.quantbench.engine.io;

import io.quantbench.engine.format.TernaryMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hugging Face checkpoints: GPT-2's names and Conv1D transposition, BitNet's packed ternary weights, bad files. */
class HfCheckpointTest {

    @TempDir
    Path dir;

    private static final int E = 64;

    private Path gpt2(Path folder, String prefix) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"gpt2\", \"n_embd\": 64, \"n_layer\": 1, \"n_head\": 4,"
                + " \"n_positions\": 32, \"vocab_size\": 50, \"layer_norm_epsilon\": 1e-05, \"n_inner\": null,"
                + " \"activation_function\": \"gelu_new\"}");
        String p = prefix;
        return new SafetensorsBuilder()
                .f32(p + "wte.weight", 0, 50, E).f32(p + "wpe.weight", 0, 32, E)
                .f32(p + "h.0.ln_1.weight", 0, E).f32(p + "h.0.ln_1.bias", 0, E)
                .f32(p + "h.0.attn.bias", 0, 1, 1, 32, 32)
                .f32(p + "h.0.attn.c_attn.weight", 1000, E, 3 * E).f32(p + "h.0.attn.c_attn.bias", 0, 3 * E)
                .f32(p + "h.0.attn.c_proj.weight", 2000, E, E).f32(p + "h.0.attn.c_proj.bias", 0, E)
                .f32(p + "h.0.ln_2.weight", 0, E).f32(p + "h.0.ln_2.bias", 0, E)
                .f32(p + "h.0.mlp.c_fc.weight", 3000, E, 4 * E).f32(p + "h.0.mlp.c_fc.bias", 0, 4 * E)
                .f32(p + "h.0.mlp.c_proj.weight", 4000, 4 * E, E).f32(p + "h.0.mlp.c_proj.bias", 0, E)
                .f32(p + "ln_f.weight", 0, E).f32(p + "ln_f.bias", 0, E)
                .write(folder.resolve("model.safetensors"));
    }

    @Test
    void gpt2NamesAndTransposedConv1D() throws IOException {
        gpt2(dir.resolve("distilgpt2"), "transformer.");
        try (Checkpoint c = Checkpoint.open(dir.resolve("distilgpt2"))) {
            assertEquals(Checkpoint.Format.SAFETENSORS, c.format());
            ModelConfig m = c.config();
            assertEquals(Architecture.GPT2, m.architecture());
            assertEquals(E, m.embeddingLength());
            assertEquals(4 * E, m.feedForwardLength(), "n_inner null means 4 * n_embd");
            assertEquals(32, m.contextLength());
            assertEquals(50, m.vocabSize());
            assertEquals(ModelConfig.Norm.LAYER_NORM, m.norm());
            assertTrue(m.tiedEmbeddings());
            assertFalse(c.tensor("blk.0.attn.bias").isPresent(), "the causal-mask buffer is not a weight");
            assertEquals(16, c.tensors().size());

            // c_attn is stored [in 64, out 192] with value 1000 + in * 192 + out; the view is [out, in].
            CheckpointTensor qkv = c.require("blk.0.attn_qkv.weight");
            assertArrayEquals(new long[] {E, 3 * E}, qkv.ne());
            assertEquals("transformer.h.0.attn.c_attn.weight", qkv.sourceName());
            float[] row = qkv.dequantizeRow(100);
            for (int in = 0; in < E; in++) {
                assertEquals(1000 + in * 3 * E + 100, row[in]);
            }
            float[] all = c.require("blk.0.ffn_down.weight").dequantize();      // c_proj [256, 64] -> view [64, 256]
            assertEquals(4000 + 200 * E + 3, all[3 * 4 * E + 200]);
            assertArrayEquals(new long[] {E, 50}, c.require("token_embd.weight").ne());
            assertArrayEquals(new long[] {3 * E}, c.require("blk.0.attn_qkv.bias").ne());
        }
    }

    @Test
    void gpt2WithoutThePrefixAndOpenedByFile() throws IOException {
        Path file = gpt2(dir.resolve("plain"), "");
        try (Checkpoint c = Checkpoint.open(file)) {
            assertTrue(c.tensor("blk.0.ffn_up.weight").isPresent());
            assertEquals("h.0.mlp.c_fc.weight", c.require("blk.0.ffn_up.weight").sourceName());
        }
    }

    /** HF packed layout (FORMATS.md §1.3): bits 2i of packed[r, c] hold code (t + 1) of row i * rows/4 + r. */
    private static byte[] packHf(int[] t, int rows, int cols) {
        int band = rows / 4;
        byte[] packed = new byte[band * cols];
        for (int row = 0; row < rows; row++) {
            for (int c = 0; c < cols; c++) {
                packed[(row % band) * cols + c] |= (byte) ((t[row * cols + c] + 1) << (2 * (row / band)));
            }
        }
        return packed;
    }

    private static int[] ternary(int n, long seed) {
        Random r = new Random(seed);
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = r.nextInt(3) - 1;
        }
        return t;
    }

    private static float[] ones(int n) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1f);
        return v;
    }

    @Test
    void bitnetPackedWeightsBecomeTernaryTensors() throws IOException {
        Path folder = dir.resolve("bitnet");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("config.json"), "{\"architectures\": [\"BitNetForCausalLM\"], \"model_type\": \"bitnet\","
                + " \"hidden_size\": 128, \"num_hidden_layers\": 1, \"num_attention_heads\": 4, \"num_key_value_heads\": 2,"
                + " \"intermediate_size\": 256, \"vocab_size\": 16, \"max_position_embeddings\": 64, \"rms_norm_eps\": 1e-05,"
                + " \"rope_theta\": 500000.0, \"hidden_act\": \"relu2\", \"tie_word_embeddings\": true,"
                + " \"quantization_config\": {\"quant_method\": \"bitnet\", \"quantization_mode\": \"offline\"}}");
        SafetensorsBuilder b = new SafetensorsBuilder()
                .bf16("model.embed_tokens.weight", ones(16 * 128), 16, 128)
                .bf16("model.norm.weight", ones(128), 128)
                .bf16("model.layers.0.input_layernorm.weight", ones(128), 128)
                .bf16("model.layers.0.post_attention_layernorm.weight", ones(128), 128)
                .bf16("model.layers.0.self_attn.attn_sub_norm.weight", ones(128), 128)
                .bf16("model.layers.0.mlp.ffn_sub_norm.weight", ones(256), 256);
        String[][] linears = {{"self_attn.q_proj", "128", "128"}, {"self_attn.k_proj", "64", "128"}, {"self_attn.v_proj", "64", "128"},
            {"self_attn.o_proj", "128", "128"}, {"mlp.gate_proj", "256", "128"}, {"mlp.up_proj", "256", "128"}, {"mlp.down_proj", "128", "256"}};
        int[][] values = new int[linears.length][];
        for (int i = 0; i < linears.length; i++) {
            int out = Integer.parseInt(linears[i][1]);
            int in = Integer.parseInt(linears[i][2]);
            values[i] = ternary(out * in, i);
            String name = "model.layers.0." + linears[i][0] + ".weight";
            b.tensor(name, "U8", new long[] {out / 4, in}, packHf(values[i], out, in));
            b.bf16(name + "_scale", new float[] {4f * (i + 1)}, 1);      // a divisor: W = t / weight_scale
        }
        b.write(folder.resolve("model.safetensors"));

        try (Checkpoint c = Checkpoint.open(folder)) {
            ModelConfig m = c.config();
            assertEquals(Architecture.BITNET, m.architecture());
            assertEquals(ModelConfig.Activation.RELU_SQUARED, m.activation());
            assertEquals(ModelConfig.RopeStyle.NEOX, m.ropeStyle());
            assertEquals(500000f, m.ropeFreqBase());
            assertEquals(2, m.headCountKv());
            assertTrue(m.tiedEmbeddings());
            assertEquals(6 + linears.length, c.tensors().size(), "the weight_scale tensors are folded into their weights");
            String[] gguf = {"attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down"};
            for (int i = 0; i < linears.length; i++) {
                CheckpointTensor t = c.require("blk.0." + gguf[i] + ".weight");
                int out = Integer.parseInt(linears[i][1]);
                int in = Integer.parseInt(linears[i][2]);
                assertArrayEquals(new long[] {in, out}, t.ne());
                assertTrue(t.isTernary());
                TernaryMatrix tm = t.ternary();
                assertEquals(1f / (4f * (i + 1)), tm.scale());
                float[] dq = t.dequantize();
                for (int e = 0; e < out * in; e++) {
                    assertEquals(values[i][e], tm.value(e / in, e % in), gguf[i] + " element " + e);
                    assertEquals(values[i][e] * (1f / (4f * (i + 1))), dq[e], 0f);
                }
            }
        }
    }

    @Test
    void readsShardsListedInTheIndex() throws IOException {
        Path folder = gpt2(dir.resolve("sharded"), "").getParent();
        Files.move(folder.resolve("model.safetensors"), folder.resolve("model-00001-of-00002.safetensors"));
        new SafetensorsBuilder().f32("lm_head.weight", 7, 50, E).write(folder.resolve("model-00002-of-00002.safetensors"));
        Files.writeString(folder.resolve("model.safetensors.index.json"), "{\"metadata\": {}, \"weight_map\": {"
                + "\"wte.weight\": \"model-00001-of-00002.safetensors\", \"lm_head.weight\": \"model-00002-of-00002.safetensors\"}}");
        try (Checkpoint c = Checkpoint.open(folder)) {
            assertFalse(c.config().tiedEmbeddings());
            assertEquals(7f, c.require("output.weight").dequantizeRow(0)[0]);
            assertTrue(c.tensor("token_embd.weight").isPresent());
        }
    }

    private FileFormatException rejects(byte[] safetensors, String... phrases) throws IOException {
        Path file = dir.resolve("bad.safetensors");
        Files.write(file, safetensors);
        FileFormatException e = assertThrows(FileFormatException.class, () -> SafetensorsFile.open(file).close());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        for (String p : phrases) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' in " + e.getMessage());
        }
        return e;
    }

    @Test
    void rejectsBadSafetensors() throws IOException {
        byte[] good = new SafetensorsBuilder().f32("a", 0, 4).f32("b", 0, 2, 2).bytes();
        rejects(java.util.Arrays.copyOf(good, good.length - 1), "tensor b", "outside the data section", "truncated?");
        byte[] huge = good.clone();
        huge[7] = 0x7F;
        rejects(huge, "header length is");
        rejects(new SafetensorsBuilder().raw("\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]").bytes(), "invalid JSON");
        rejects(new SafetensorsBuilder().raw("\"a\": 1").raw("\"a\": 2").bytes(), "invalid JSON", "Duplicate field 'a'");
        rejects(new SafetensorsBuilder().tensor("a", "F12", new long[] {1}, new byte[4]).bytes(), "tensor a", "dtype \"F12\"");
        rejects(new SafetensorsBuilder().tensor("a", "F32", new long[] {3}, new byte[8]).bytes(), "[3] = 12 bytes, but its data_offsets span 8");
        rejects(new SafetensorsBuilder().tensor("a", "F32", new long[] {-1}, new byte[4]).bytes(), "positive integer");
        rejects(new SafetensorsBuilder().tensor("a", "U8", new long[] {4}, new byte[4]).tensor("c", "U8", new long[] {4}, new byte[4])
                .raw("\"b\": {\"dtype\": \"U8\", \"shape\": [4], \"data_offsets\": [2, 6]}").bytes(), "overlaps tensor a");
        byte[] badUtf8 = new SafetensorsBuilder().tensor("a\u00e9", "U8", new long[] {1}, new byte[1]).bytes();
        for (int i = 8; i < badUtf8.length - 1; i++) {
            if ((badUtf8[i] & 0xFF) == 0xC3) {
                badUtf8[i + 1] = 0x28;                                   // a broken two-byte sequence
            }
        }
        rejects(badUtf8, "invalid JSON");
    }

    @Test
    void rejectsCheckpointsWithoutAUsableConfig() throws IOException {
        Path folder = dir.resolve("noconfig");
        new SafetensorsBuilder().f32("a", 0, 4).write(folder.resolve("model.safetensors"));
        FileFormatException e = assertThrows(FileFormatException.class, () -> Checkpoint.open(folder).close());
        assertTrue(e.getMessage().contains("config.json: is missing"), e.getMessage());
        Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"qwen2\"}");
        e = assertThrows(FileFormatException.class, () -> Checkpoint.open(folder).close());
        assertTrue(e.getMessage().contains("model_type: is 'qwen2'"), e.getMessage());
        Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"gpt2\", \"n_embd\": \"wide\"}");
        e = assertThrows(FileFormatException.class, () -> Checkpoint.open(folder).close());
        assertTrue(e.getMessage().contains("n_embd: is \"wide\", expected an integer"), e.getMessage());
    }
}
