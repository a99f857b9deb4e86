package io.quantbench.engine.synth;

import io.quantbench.engine.format.TernaryInterchange;
import io.quantbench.engine.io.Architecture;
import io.quantbench.engine.io.CheckpointTensor;
import io.quantbench.engine.io.GgmlType;
import io.quantbench.engine.io.GgufKeys;
import io.quantbench.engine.io.GgufValue;
import io.quantbench.engine.io.GgufWriter;
import io.quantbench.engine.io.ModelConfig;
import io.quantbench.engine.model.ModelSource;
import io.quantbench.engine.tokenizer.Tokenizer;
import io.quantbench.engine.tokenizer.Vocabulary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A checkpoint with the exact tensor names and shapes of a real model ({@link KnownModel}, or any
 * {@link ModelConfig} of the four families) and seeded, realistic values ({@link SyntheticTensor}), so that every
 * model runs, and every speed benchmark measures real shapes, without a download. The same seed gives the same
 * values, bit for bit.
 *
 * <p>Nothing is generated until a model loads a tensor, so a synthetic 4B-parameter model costs only what its
 * quantized weights cost. {@link #writeGguf} writes the checkpoint as a GGUF file (float32 tensors; BitNet's
 * linear layers as bitnet.cpp's I2_S, exactly ternary as the released model is; the {@link SyntheticVocabulary}
 * as its tokenizer) that {@code Checkpoint.open} reads back like any other.
 *
 * <p>The output head is tied to the token embedding in all five models, so there is no {@code output.weight}.
 */
public final class SyntheticCheckpoint implements ModelSource {

    /** The prefix of synthetic model names on the command line: {@code synthetic:bitnet-2b4t}. */
    public static final String PREFIX = "synthetic:";

    private final String name;
    private final ModelConfig config;
    private final long seed;
    private final Map<String, SyntheticTensor> tensors;

    private SyntheticCheckpoint(String name, ModelConfig config, long seed) {
        this.name = name;
        this.config = config;
        this.seed = seed;
        this.tensors = Collections.unmodifiableMap(tensors(config, seed));
    }

    /** The full-size synthetic {@code model}. */
    public static SyntheticCheckpoint of(KnownModel model, long seed) {
        return new SyntheticCheckpoint(PREFIX + model.id, model.config(), seed);
    }

    /** A synthetic checkpoint of any configuration of the four families (e.g. {@link KnownModel#miniature()}). */
    public static SyntheticCheckpoint of(ModelConfig config, long seed) {
        return new SyntheticCheckpoint(PREFIX + config.architectureName() + "-" + config.embeddingLength() + "x"
                + config.blockCount(), config, seed);
    }

    /** {@code synthetic:<id>} (the id of a {@link KnownModel}), or an error listing the valid names. */
    public static SyntheticCheckpoint parse(String model, long seed) {
        if (!model.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
            throw new IllegalArgumentException("'" + model + "' is not a synthetic model name (" + PREFIX + "<id>)");
        }
        return of(KnownModel.byId(model.substring(PREFIX.length())), seed);
    }

    public static boolean isSyntheticName(String model) {
        return model.toLowerCase(Locale.ROOT).startsWith(PREFIX);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    public long seed() {
        return seed;
    }

    @Override
    public Optional<CheckpointTensor> tensor(String tensorName) {
        return Optional.ofNullable(tensors.get(tensorName));
    }

    /** Every tensor, in the order a GGUF file of the model lists them. */
    public List<CheckpointTensor> tensors() {
        return new ArrayList<>(tensors.values());
    }

    /** The tokenizer of the synthetic vocabulary, sized to the model's vocabulary. */
    public Tokenizer tokenizer() {
        return SyntheticVocabulary.tokenizer(config.vocabSize());
    }

    /** Writes the checkpoint as a GGUF file (through a temporary file, renamed into place). */
    public void writeGguf(Path path) throws IOException {
        GgufWriter writer = new GgufWriter();
        String arch = config.architectureName();
        boolean gpt2 = config.architecture() == Architecture.GPT2;
        writer.put(GgufKeys.ARCHITECTURE, GgufValue.string(arch))
                .put(GgufKeys.NAME, GgufValue.string(name + " (seed " + seed + ")"))
                .put(arch + GgufKeys.CONTEXT_LENGTH, GgufValue.u32(config.contextLength()))
                .put(arch + GgufKeys.EMBEDDING_LENGTH, GgufValue.u32(config.embeddingLength()))
                .put(arch + GgufKeys.BLOCK_COUNT, GgufValue.u32(config.blockCount()))
                .put(arch + GgufKeys.FEED_FORWARD_LENGTH, GgufValue.u32(config.feedForwardLength()))
                .put(arch + GgufKeys.HEAD_COUNT, GgufValue.u32(config.headCount()))
                .put(arch + GgufKeys.HEAD_COUNT_KV, GgufValue.u32(config.headCountKv()))
                .put(arch + GgufKeys.KEY_LENGTH, GgufValue.u32(config.headDim()))
                .put(arch + GgufKeys.VALUE_LENGTH, GgufValue.u32(config.valueDim()))
                .put(arch + (gpt2 ? GgufKeys.LAYER_NORM_EPS : GgufKeys.LAYER_NORM_RMS_EPS), GgufValue.f32(config.normEps()))
                .put(arch + GgufKeys.VOCAB_SIZE, GgufValue.u32(config.vocabSize()));
        if (!gpt2) {
            writer.put(arch + GgufKeys.ROPE_FREQ_BASE, GgufValue.f32(config.ropeFreqBase()))
                    .put(arch + GgufKeys.ROPE_DIMENSION_COUNT, GgufValue.u32(config.ropeDimensions()));
        }
        if (config.ropeScalingFactor() != 1f) {
            writer.put(arch + GgufKeys.ROPE_SCALING_TYPE, GgufValue.string("linear"))
                    .put(arch + GgufKeys.ROPE_SCALING_FACTOR, GgufValue.f32(config.ropeScalingFactor()));
        }
        if (config.slidingWindow() > 0) {
            writer.put(arch + GgufKeys.SLIDING_WINDOW, GgufValue.u32(config.slidingWindow()));
        }
        putVocabulary(writer, SyntheticVocabulary.of(config.vocabSize()));
        for (SyntheticTensor t : tensors.values()) {
            if (t.isTernary()) {
                writer.addTensor(t.name(), GgmlType.I2_S, t.ne(), TernaryInterchange.toI2S(t.ternary()));
            } else {
                writer.addTensor(t.name(), GgmlType.F32, t.ne(), 4 * t.elements(), out -> writeFloats(t, out));
            }
        }
        writer.write(path);
    }

    private static void putVocabulary(GgufWriter writer, Vocabulary v) {
        String[] tokens = new String[v.size()];
        float[] scores = new float[v.size()];
        int[] types = new int[v.size()];
        for (int i = 0; i < v.size(); i++) {
            tokens[i] = v.token(i);
            scores[i] = v.score(i);
            types[i] = v.type(i).ordinal();                  // GGUF's token type ids are the enum's order
        }
        writer.put(GgufKeys.TOKENIZER_MODEL, GgufValue.string("llama"))
                .put(GgufKeys.TOKENS, GgufValue.strings(tokens))
                .put(GgufKeys.SCORES, GgufValue.float32s(scores))
                .put(GgufKeys.TOKEN_TYPE, GgufValue.int32s(types))
                .put(GgufKeys.BOS_ID, GgufValue.u32(v.bos()))
                .put(GgufKeys.EOS_ID, GgufValue.u32(v.eos()))
                .put(GgufKeys.UNKNOWN_ID, GgufValue.u32(v.unknown()))
                .put(GgufKeys.ADD_BOS, GgufValue.bool(v.addBos()))
                .put(GgufKeys.ADD_SPACE_PREFIX, GgufValue.bool(true));
    }

    /** A float tensor's values as little-endian float32, a few rows at a time. */
    private static void writeFloats(SyntheticTensor t, java.nio.channels.WritableByteChannel out) throws IOException {
        int cols = t.rowLength();
        int rowsPerChunk = Math.max(1, (1 << 20) / cols);
        float[] values = new float[rowsPerChunk * cols];
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (long r = 0; r < t.rows(); r += rowsPerChunk) {
            int n = (int) Math.min(rowsPerChunk, t.rows() - r);
            t.dequantizeRows(r, n, values, 0);
            bytes.clear();
            bytes.asFloatBuffer().put(values, 0, n * cols);
            bytes.limit(n * cols * 4);
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        }
    }

    // ------------------------------------------------------------------ the tensors of each family

    private static Map<String, SyntheticTensor> tensors(ModelConfig c, long seed) {
        Tensors t = new Tensors(c, seed);
        int hidden = c.embeddingLength();
        int ffn = c.feedForwardLength();
        int q = c.headCount() * c.headDim();
        int kv = c.headCountKv() * c.headDim();
        t.matrix("token_embd.weight", c.vocabSize(), hidden, SyntheticTensor.Kind.EMBEDDING);
        if (c.architecture() == Architecture.GPT2) {
            t.matrix("position_embd.weight", c.contextLength(), hidden, SyntheticTensor.Kind.POSITIONS);
        }
        t.vector("output_norm.weight", hidden, SyntheticTensor.Kind.NORM_GAIN);
        if (c.norm() == ModelConfig.Norm.LAYER_NORM) {
            t.vector("output_norm.bias", hidden, SyntheticTensor.Kind.BIAS);
        }
        if (c.architecture() == Architecture.LLAMA) {
            t.computed("rope_freqs.weight", llama3RopeFactors(c.ropeDimensions(), c.ropeFreqBase()));
        }
        SyntheticTensor.Kind linear = c.architecture() == Architecture.BITNET
                ? SyntheticTensor.Kind.TERNARY_LINEAR : SyntheticTensor.Kind.LINEAR;
        for (int layer = 0; layer < c.blockCount(); layer++) {
            String b = "blk." + layer + ".";
            switch (c.architecture()) {
                case GPT2:
                    t.normWithBias(b + "attn_norm", hidden);
                    t.linearWithBias(b + "attn_qkv", q + 2 * kv, hidden);
                    t.linearWithBias(b + "attn_output", hidden, q);
                    t.normWithBias(b + "ffn_norm", hidden);
                    t.linearWithBias(b + "ffn_up", ffn, hidden);
                    t.linearWithBias(b + "ffn_down", hidden, ffn);
                    break;
                case GEMMA3:
                    t.vector(b + "attn_norm.weight", hidden, SyntheticTensor.Kind.NORM_GAIN);
                    t.matrix(b + "attn_q.weight", q, hidden, linear);
                    t.matrix(b + "attn_k.weight", kv, hidden, linear);
                    t.matrix(b + "attn_v.weight", kv, hidden, linear);
                    t.vector(b + "attn_q_norm.weight", c.headDim(), SyntheticTensor.Kind.NORM_GAIN);
                    t.vector(b + "attn_k_norm.weight", c.headDim(), SyntheticTensor.Kind.NORM_GAIN);
                    t.matrix(b + "attn_output.weight", hidden, q, linear);
                    t.vector(b + "post_attention_norm.weight", hidden, SyntheticTensor.Kind.NORM_GAIN);
                    t.vector(b + "ffn_norm.weight", hidden, SyntheticTensor.Kind.NORM_GAIN);
                    t.matrix(b + "ffn_gate.weight", ffn, hidden, linear);
                    t.matrix(b + "ffn_up.weight", ffn, hidden, linear);
                    t.matrix(b + "ffn_down.weight", hidden, ffn, linear);
                    t.vector(b + "post_ffw_norm.weight", hidden, SyntheticTensor.Kind.NORM_GAIN);
                    break;
                default:                                            // LLAMA and BITNET
                    boolean bitnet = c.architecture() == Architecture.BITNET;
                    t.vector(b + "attn_norm.weight", hidden, SyntheticTensor.Kind.NORM_GAIN);
                    t.matrix(b + "attn_q.weight", q, hidden, linear);
                    t.matrix(b + "attn_k.weight", kv, hidden, linear);
                    t.matrix(b + "attn_v.weight", kv, hidden, linear);
                    if (bitnet) {
                        t.vector(b + "attn_sub_norm.weight", q, SyntheticTensor.Kind.NORM_GAIN);
                    }
                    t.matrix(b + "attn_output.weight", hidden, q, linear);
                    t.vector(b + "ffn_norm.weight", hidden, SyntheticTensor.Kind.NORM_GAIN);
                    t.matrix(b + "ffn_gate.weight", ffn, hidden, linear);
                    t.matrix(b + "ffn_up.weight", ffn, hidden, linear);
                    if (bitnet) {
                        t.vector(b + "ffn_sub_norm.weight", ffn, SyntheticTensor.Kind.NORM_GAIN);
                    }
                    t.matrix(b + "ffn_down.weight", hidden, ffn, linear);
                    break;
            }
        }
        return t.byName;
    }

    /**
     * Llama 3's RoPE frequency factors as llama.cpp's converter writes them to {@code rope_freqs.weight} (Llama 3.1
     * and 3.2 "llama3" scaling: factor 32, low- and high-frequency factors 1 and 4, original context 8192): 1 for
     * wavelengths under 2048 positions, 32 over 8192, and a smooth blend between.
     */
    static float[] llama3RopeFactors(int ropeDimensions, float theta) {
        double factor = 32;
        double low = 1;
        double high = 4;
        double originalContext = 8192;
        float[] factors = new float[ropeDimensions / 2];
        for (int i = 0; i < factors.length; i++) {
            double frequency = Math.pow(theta, -2.0 * i / ropeDimensions);
            double wavelength = 2 * Math.PI / frequency;
            if (wavelength < originalContext / high) {
                factors[i] = 1f;
            } else if (wavelength > originalContext / low) {
                factors[i] = (float) factor;
            } else {
                double smooth = (originalContext / wavelength - low) / (high - low);
                factors[i] = (float) (1 / ((1 - smooth) / factor + smooth));
            }
        }
        return factors;
    }

    /** Collects the tensors of one checkpoint in order. */
    private static final class Tensors {
        final Map<String, SyntheticTensor> byName = new LinkedHashMap<>();
        final long seed;
        final SyntheticTensor.OutlierChannels outliers;

        Tensors(ModelConfig c, long seed) {
            this.seed = seed;
            this.outliers = new SyntheticTensor.OutlierChannels(seed, c.embeddingLength());
        }

        void matrix(String name, int rows, int cols, SyntheticTensor.Kind kind) {
            byName.put(name, new SyntheticTensor(name, new long[] {cols, rows}, kind, seed, outliers, null));
        }

        void vector(String name, int length, SyntheticTensor.Kind kind) {
            byName.put(name, new SyntheticTensor(name, new long[] {length}, kind, seed, outliers, null));
        }

        void computed(String name, float[] values) {
            byName.put(name, new SyntheticTensor(name, new long[] {values.length}, SyntheticTensor.Kind.ROPE_FACTORS,
                    seed, outliers, values));
        }

        void normWithBias(String prefix, int length) {
            vector(prefix + ".weight", length, SyntheticTensor.Kind.NORM_GAIN);
            vector(prefix + ".bias", length, SyntheticTensor.Kind.BIAS);
        }

        void linearWithBias(String prefix, int rows, int cols) {
            matrix(prefix + ".weight", rows, cols, SyntheticTensor.Kind.LINEAR);
            vector(prefix + ".bias", rows, SyntheticTensor.Kind.BIAS);
        }
    }
}
