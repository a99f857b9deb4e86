package io.quantbench.engine.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small model of each supported architecture, written by our GGUF writer with the keys and tensor names
 * llama.cpp uses (FORMATS.md §2-§5), loads back as a Checkpoint with the config those keys say and the tensors
 * as written; copying it through reader and writer again gives the same bytes.
 */
class GgufCheckpointTest {

    @TempDir
    Path dir;

    private static final int EMBD = 256;
    private static final int FFN = 512;
    private static final int HEADS = 4;
    private static final int KV_HEADS = 2;
    private static final int VOCAB = 32;
    private static final int CTX = 128;
    private static final int BLOCKS = 2;

    /** A model file in the making: keys, and tensors with random valid bytes of their type. */
    private static final class Model {
        final Map<String, GgufValue> keys = new LinkedHashMap<>();
        final List<Object[]> tensors = new ArrayList<>();

        Model key(String key, GgufValue value) {
            keys.put(key, value);
            return this;
        }

        Model tensor(String name, GgmlType type, long... ne) {
            long n = 1;
            for (long d : ne) {
                n *= d;
            }
            tensors.add(new Object[] {name, type, ne, GgmlTypeRoundTripTest.randomTensor(type, n, tensors.size())});
            return this;
        }

        Path write(Path file) throws IOException {
            GgufWriter w = new GgufWriter().putAll(keys);
            for (Object[] t : tensors) {
                w.addTensor((String) t[0], (GgmlType) t[1], (long[]) t[2], (byte[]) t[3]);
            }
            w.write(file);
            return file;
        }
    }

    /** The keys every architecture has, with its prefix. */
    private static Model common(String arch, int headDim, boolean layerNorm) {
        return new Model()
                .key("general.architecture", GgufValue.string(arch))
                .key("general.name", GgufValue.string("tiny " + arch))
                .key(arch + ".context_length", GgufValue.u32(CTX))
                .key(arch + ".embedding_length", GgufValue.u32(EMBD))
                .key(arch + ".block_count", GgufValue.u32(BLOCKS))
                .key(arch + ".feed_forward_length", GgufValue.u32(FFN))
                .key(arch + ".attention.head_count", GgufValue.u32(HEADS))
                .key(arch + ".attention.head_count_kv", GgufValue.u32(layerNorm ? HEADS : KV_HEADS))
                .key(arch + ".attention.key_length", GgufValue.u32(headDim))
                .key(arch + ".attention.value_length", GgufValue.u32(headDim))
                .key(arch + (layerNorm ? ".attention.layer_norm_epsilon" : ".attention.layer_norm_rms_epsilon"), GgufValue.f32(1e-6f))
                .key(arch + ".vocab_size", GgufValue.u32(VOCAB));
    }

    private static Model llama() {
        Model m = common("llama", EMBD / HEADS, false).key("llama.rope.freq_base", GgufValue.f32(500000f))
                .tensor("token_embd.weight", GgmlType.Q8_0, EMBD, VOCAB)
                .tensor("output_norm.weight", GgmlType.F32, EMBD)
                .tensor("output.weight", GgmlType.Q6_K, EMBD, VOCAB);
        for (int b = 0; b < BLOCKS; b++) {
            String p = "blk." + b + ".";
            m.tensor(p + "attn_norm.weight", GgmlType.F32, EMBD)
                    .tensor(p + "attn_q.weight", GgmlType.Q4_K, EMBD, EMBD)
                    .tensor(p + "attn_k.weight", GgmlType.Q5_0, EMBD, KV_HEADS * 64)
                    .tensor(p + "attn_v.weight", GgmlType.Q8_0, EMBD, KV_HEADS * 64)
                    .tensor(p + "attn_output.weight", GgmlType.Q4_0, EMBD, EMBD)
                    .tensor(p + "ffn_norm.weight", GgmlType.F32, EMBD)
                    .tensor(p + "ffn_gate.weight", GgmlType.Q5_K, EMBD, FFN)
                    .tensor(p + "ffn_up.weight", GgmlType.Q4_1, EMBD, FFN)
                    .tensor(p + "ffn_down.weight", GgmlType.BF16, FFN, EMBD);
        }
        return m;
    }

    private static Model bitnet(String arch, GgmlType linear) {
        Model m = common(arch, EMBD / HEADS, false)
                .tensor("token_embd.weight", GgmlType.F16, EMBD, VOCAB)
                .tensor("output_norm.weight", GgmlType.F32, EMBD);
        for (int b = 0; b < BLOCKS; b++) {
            String p = "blk." + b + ".";
            m.tensor(p + "attn_norm.weight", GgmlType.F32, EMBD)
                    .tensor(p + "attn_q.weight", linear, EMBD, EMBD)
                    .tensor(p + "attn_k.weight", linear, EMBD, KV_HEADS * 64)
                    .tensor(p + "attn_v.weight", linear, EMBD, KV_HEADS * 64)
                    .tensor(p + "attn_output.weight", linear, EMBD, EMBD)
                    .tensor(p + "attn_sub_norm.weight", GgmlType.F32, EMBD)
                    .tensor(p + "ffn_norm.weight", GgmlType.F32, EMBD)
                    .tensor(p + "ffn_gate.weight", linear, EMBD, FFN)
                    .tensor(p + "ffn_up.weight", linear, EMBD, FFN)
                    .tensor(p + "ffn_down.weight", linear, FFN, EMBD)
                    .tensor(p + "ffn_sub_norm.weight", GgmlType.F32, FFN);
        }
        return m;
    }

    private static Model gemma3() {
        int headDim = 128;                                          // heads * headDim = 512 != embedding 256, as in Gemma 3
        Model m = common("gemma3", headDim, false)
                .key("gemma3.attention.sliding_window", GgufValue.u32(16))
                .key("gemma3.rope.freq_base", GgufValue.f32(1e6f))
                .key("gemma3.rope.scaling.type", GgufValue.string("linear"))
                .key("gemma3.rope.scaling.factor", GgufValue.f32(8f))
                .tensor("token_embd.weight", GgmlType.Q8_0, EMBD, VOCAB)
                .tensor("output_norm.weight", GgmlType.F32, EMBD);
        for (int b = 0; b < BLOCKS; b++) {
            String p = "blk." + b + ".";
            m.tensor(p + "attn_norm.weight", GgmlType.F32, EMBD)
                    .tensor(p + "attn_q.weight", GgmlType.Q4_K, EMBD, HEADS * headDim)
                    .tensor(p + "attn_k.weight", GgmlType.Q4_K, EMBD, KV_HEADS * headDim)
                    .tensor(p + "attn_v.weight", GgmlType.Q6_K, EMBD, KV_HEADS * headDim)
                    .tensor(p + "attn_output.weight", GgmlType.Q4_K, HEADS * headDim, EMBD)
                    .tensor(p + "attn_q_norm.weight", GgmlType.F32, headDim)
                    .tensor(p + "attn_k_norm.weight", GgmlType.F32, headDim)
                    .tensor(p + "post_attention_norm.weight", GgmlType.F32, EMBD)
                    .tensor(p + "ffn_norm.weight", GgmlType.F32, EMBD)
                    .tensor(p + "ffn_gate.weight", GgmlType.Q4_K, EMBD, FFN)
                    .tensor(p + "ffn_up.weight", GgmlType.Q4_K, EMBD, FFN)
                    .tensor(p + "ffn_down.weight", GgmlType.Q6_K, FFN, EMBD)
                    .tensor(p + "post_ffw_norm.weight", GgmlType.F32, EMBD);
        }
        return m;
    }

    private static Model gpt2() {
        Model m = common("gpt2", EMBD / HEADS, true)
                .tensor("token_embd.weight", GgmlType.F16, EMBD, VOCAB)
                .tensor("position_embd.weight", GgmlType.F32, EMBD, CTX)
                .tensor("output_norm.weight", GgmlType.F32, EMBD)
                .tensor("output_norm.bias", GgmlType.F32, EMBD);
        for (int b = 0; b < BLOCKS; b++) {
            String p = "blk." + b + ".";
            m.tensor(p + "attn_norm.weight", GgmlType.F32, EMBD).tensor(p + "attn_norm.bias", GgmlType.F32, EMBD)
                    .tensor(p + "attn_qkv.weight", GgmlType.F16, EMBD, 3 * EMBD).tensor(p + "attn_qkv.bias", GgmlType.F32, 3 * EMBD)
                    .tensor(p + "attn_output.weight", GgmlType.F16, EMBD, EMBD).tensor(p + "attn_output.bias", GgmlType.F32, EMBD)
                    .tensor(p + "ffn_norm.weight", GgmlType.F32, EMBD).tensor(p + "ffn_norm.bias", GgmlType.F32, EMBD)
                    .tensor(p + "ffn_up.weight", GgmlType.F16, EMBD, FFN).tensor(p + "ffn_up.bias", GgmlType.F32, FFN)
                    .tensor(p + "ffn_down.weight", GgmlType.F16, FFN, EMBD).tensor(p + "ffn_down.bias", GgmlType.F32, EMBD);
        }
        return m;
    }

    private static Model model(String which) {
        switch (which) {
            case "llama":
                return llama();
            case "bitnet-b1.58":
                return bitnet("bitnet-b1.58", GgmlType.I2_S);
            case "bitnet":
                return bitnet("bitnet", GgmlType.TQ2_0);
            case "bitnet-25":
                return bitnet("bitnet-25", GgmlType.TQ1_0);
            case "gemma3":
                return gemma3();
            default:
                return gpt2();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama", "bitnet-b1.58", "bitnet", "bitnet-25", "gemma3", "gpt2"})
    void eachArchitectureLoadsBackIdentical(String arch) throws IOException {
        Model model = model(arch);
        Path file = model.write(dir.resolve(arch + ".gguf"));
        try (Checkpoint c = Checkpoint.open(file)) {
            assertEquals(Checkpoint.Format.GGUF, c.format());
            assertEquals(model.keys, c.metadata());
            assertEquals(model.tensors.size(), c.tensors().size());
            GgufFile gguf = c.gguf().orElseThrow();
            for (Object[] t : model.tensors) {
                CheckpointTensor tensor = c.tensor((String) t[0]).orElseThrow();
                assertEquals(t[1], tensor.ggmlType().orElseThrow(), (String) t[0]);
                assertArrayEquals((long[]) t[2], tensor.ne(), (String) t[0]);
                byte[] bytes = (byte[]) t[3];
                assertEquals(bytes.length, tensor.byteSize());
                GgufTensorInfo info = gguf.tensor((String) t[0]).orElseThrow();
                byte[] back = new byte[bytes.length];
                gguf.source().slice(gguf.absoluteOffset(info), bytes.length).get(0, back);
                assertArrayEquals(bytes, back, (String) t[0]);
            }
            checkConfig(arch, c.config());

            Path copy = dir.resolve(arch + ".copy.gguf");
            GgufWriter w = new GgufWriter().putAll(gguf.metadata());
            for (GgufTensorInfo info : gguf.tensors()) {
                w.addTensor(info.name(), info.type(), info.ne(), info.byteSize(), gguf.bytesOf(info));
            }
            w.write(copy);
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(copy), "read and written again: the same bytes");
        }
    }

    private static void checkConfig(String arch, ModelConfig m) {
        assertEquals(arch, m.architectureName());
        assertEquals(EMBD, m.embeddingLength());
        assertEquals(BLOCKS, m.blockCount());
        assertEquals(FFN, m.feedForwardLength());
        assertEquals(VOCAB, m.vocabSize());
        assertEquals(CTX, m.contextLength());
        assertEquals(1e-6f, m.normEps());
        switch (arch) {
            case "llama":
                assertEquals(Architecture.LLAMA, m.architecture());
                assertEquals(KV_HEADS, m.headCountKv());
                assertEquals(500000f, m.ropeFreqBase());
                assertEquals(ModelConfig.RopeStyle.INTERLEAVED, m.ropeStyle());
                assertEquals(ModelConfig.Activation.SILU, m.activation());
                assertFalse(m.tiedEmbeddings());
                break;
            case "gemma3":
                assertEquals(Architecture.GEMMA3, m.architecture());
                assertEquals(128, m.headDim());
                assertEquals(16, m.slidingWindow());
                assertEquals(6, m.slidingWindowPattern());
                assertEquals(1e6f, m.ropeFreqBase());
                assertEquals(10000f, m.ropeFreqBaseLocal());
                assertEquals(8f, m.ropeScalingFactor());
                assertEquals(ModelConfig.RopeStyle.NEOX, m.ropeStyle());
                assertEquals(ModelConfig.Activation.GELU_TANH, m.activation());
                assertTrue(m.tiedEmbeddings());
                assertFalse(m.isGlobalLayer(0));
                assertTrue(m.isGlobalLayer(5));
                break;
            case "gpt2":
                assertEquals(Architecture.GPT2, m.architecture());
                assertEquals(ModelConfig.Norm.LAYER_NORM, m.norm());
                assertEquals(ModelConfig.RopeStyle.NONE, m.ropeStyle());
                assertEquals(HEADS, m.headCountKv());
                assertTrue(m.tiedEmbeddings());
                break;
            default:                                                  // the three BitNet names
                assertEquals(Architecture.BITNET, m.architecture());
                assertEquals(ModelConfig.RopeStyle.NEOX, m.ropeStyle());
                assertEquals(arch.equals("bitnet") ? ModelConfig.Activation.SILU : ModelConfig.Activation.RELU_SQUARED,
                        m.activation(), "mainline 'bitnet' is ReLU² only for 2B4T's 30 x 2560");
                assertTrue(m.tiedEmbeddings());
        }
    }

    @Test
    void bitnetLinearsConvertToTernary() throws IOException {
        Model model = bitnet("bitnet-b1.58", GgmlType.I2_S);
        for (Object[] t : model.tensors) {
            if (t[1] == GgmlType.I2_S) {                              // random codes include the unused 3: make them 2
                byte[] bytes = (byte[]) t[3];
                for (int i = 0; i < bytes.length - 32; i++) {
                    for (int shift = 0; shift < 8; shift += 2) {
                        if (((bytes[i] >> shift) & 3) == 3) {
                            bytes[i] &= (byte) ~(1 << shift);
                        }
                    }
                }
            }
        }
        Path file = model.write(dir.resolve("b.gguf"));
        try (Checkpoint c = Checkpoint.open(file)) {
            CheckpointTensor q = c.require("blk.1.attn_q.weight");
            assertTrue(q.isTernary());
            float[] values = q.dequantize();
            io.quantbench.engine.format.TernaryMatrix m = q.ternary();
            for (int r = 0; r < EMBD; r += 37) {
                for (int col = 0; col < EMBD; col += 11) {
                    assertEquals(values[r * EMBD + col], m.value(r, col) * m.scale(), 0f);
                }
            }
        }
    }

    @Test
    void rejectsTensorsWhoseShapesDisagreeWithTheConfig() throws IOException {
        Model bad = common("llama", EMBD / HEADS, false).tensor("blk.0.attn_k.weight", GgmlType.F32, EMBD, EMBD);
        Path file = bad.write(dir.resolve("bad.gguf"));
        FileFormatException e = assertThrows(FileFormatException.class, () -> Checkpoint.open(file).close());
        assertTrue(e.getMessage().contains("tensor blk.0.attn_k.weight") && e.getMessage().contains("implies {256, 128}"), e.getMessage());

        Path beyond = common("llama", EMBD / HEADS, false).tensor("blk.7.attn_norm.weight", GgmlType.F32, EMBD).write(dir.resolve("b.gguf"));
        e = assertThrows(FileFormatException.class, () -> Checkpoint.open(beyond).close());
        assertTrue(e.getMessage().contains("past the model's 2 layers"), e.getMessage());
    }

    @Test
    void rejectsArchitecturesAndKeysItCannotRun() throws IOException {
        Path qwen = new Model().key("general.architecture", GgufValue.string("qwen2")).write(dir.resolve("q.gguf"));
        FileFormatException e = assertThrows(FileFormatException.class, () -> Checkpoint.open(qwen).close());
        assertTrue(e.getMessage().contains("'qwen2' is not one quantbench runs"), e.getMessage());

        Model noHeads = common("llama", 64, false);
        noHeads.keys.remove("llama.attention.head_count");
        Path missing = noHeads.write(dir.resolve("m.gguf"));
        e = assertThrows(FileFormatException.class, () -> Checkpoint.open(missing).close());
        assertTrue(e.getMessage().contains("metadata key llama.attention.head_count: is missing"), e.getMessage());

        Path wrongType = common("llama", 64, false).key("llama.block_count", GgufValue.string("two")).write(dir.resolve("w.gguf"));
        e = assertThrows(FileFormatException.class, () -> Checkpoint.open(wrongType).close());
        assertTrue(e.getMessage().contains("llama.block_count: is string, expected an integer"), e.getMessage());
    }
}
