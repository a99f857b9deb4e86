package io.quantbench.engine.synth;

import io.quantbench.engine.io.Architecture;
import io.quantbench.engine.io.ModelConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The real models quantbench measures, with their dimensions (reference/FORMATS.md §1, §4, §5; Llama 3.2
 * 1B from its published config). One table: the benchmarks take their matrix shapes from it and the
 * synthetic checkpoints their architecture, so a shape in a result always names the model and the
 * layer it comes from.
 */
public enum KnownModel {
    //          id             display name         family                 layers hidden heads kv head  ffn    vocab   context
    //                                              norm eps  rope theta (global, local, linear scaling)  sliding window
    /** DistilGPT-2: 6 GPT-2 blocks, fused QKV projection, learned positions, tied head. */
    DISTILGPT2("distilgpt2", "DistilGPT-2", Architecture.GPT2, 6, 768, 12, 12, 64, 3072, 50257, 1024,
            1e-5f, 0f, 0f, 1f, 0),
    /** BitNet b1.58 2B4T: Llama-shaped, ternary linear layers, ReLU² FFN, tied head. */
    BITNET_2B4T("bitnet-2b4t", "BitNet b1.58 2B4T", Architecture.BITNET, 30, 2560, 20, 5, 128, 6912, 128256, 4096,
            1e-5f, 500000f, 500000f, 1f, 0),
    /** Gemma 3 1B (text): MQA, head size 256, GeGLU, 5:1 sliding-window layers. */
    GEMMA3_1B("gemma3-1b", "Gemma 3 1B", Architecture.GEMMA3, 26, 1152, 4, 1, 256, 6912, 262144, 32768,
            1e-6f, 1000000f, 10000f, 1f, 512),
    /** Gemma 3 4B (text part): global layers scale RoPE positions linearly by 8. */
    GEMMA3_4B("gemma3-4b", "Gemma 3 4B", Architecture.GEMMA3, 34, 2560, 8, 4, 256, 10240, 262144, 131072,
            1e-6f, 1000000f, 10000f, 8f, 1024),
    /** Llama 3.2 1B: GQA 32/8, head size 64, SwiGLU, tied head. */
    LLAMA32_1B("llama3.2-1b", "Llama 3.2 1B", Architecture.LLAMA, 16, 2048, 32, 8, 64, 8192, 128256, 131072,
            1e-5f, 500000f, 500000f, 1f, 0);

    /** Gemma 3: every 6th layer attends globally, the other five through the sliding window (FORMATS.md §4.1). */
    public static final int GEMMA3_GLOBAL_EVERY = 6;

    /** The id used on the command line and in {@code synthetic:<id>}. */
    public final String id;
    public final String displayName;
    public final int layers;
    public final int hidden;
    public final int heads;
    public final int kvHeads;
    public final int headDim;
    public final int ffn;
    public final int vocab;
    public final int maxPositions;
    public final Architecture architecture;
    public final float normEps;
    /** RoPE theta of global layers (0 for GPT-2, which has learned positions). */
    public final float ropeTheta;
    /** RoPE theta of sliding-window layers (Gemma 3: 10000; otherwise the same as {@link #ropeTheta}). */
    public final float ropeThetaLocal;
    /** Linear RoPE scaling of global layers (Gemma 3 4B: 8); 1 when none. */
    public final float ropeScaling;
    /** Sliding-window size of local layers; 0 when every layer is global. */
    public final int slidingWindow;

    KnownModel(String id, String displayName, Architecture architecture, int layers, int hidden, int heads, int kvHeads,
               int headDim, int ffn, int vocab, int maxPositions, float normEps, float ropeTheta, float ropeThetaLocal,
               float ropeScaling, int slidingWindow) {
        this.id = id;
        this.displayName = displayName;
        this.architecture = architecture;
        this.normEps = normEps;
        this.ropeTheta = ropeTheta;
        this.ropeThetaLocal = ropeThetaLocal;
        this.ropeScaling = ropeScaling;
        this.slidingWindow = slidingWindow;
        this.layers = layers;
        this.hidden = hidden;
        this.heads = heads;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.ffn = ffn;
        this.vocab = vocab;
        this.maxPositions = maxPositions;
    }

    /** One linear layer of a block: its name (llama.cpp's GGUF name) and shape {@code rows x cols} (out x in). */
    public static final class Linear {
        public final KnownModel model;
        public final String layer;
        public final int rows;
        public final int cols;

        Linear(KnownModel model, String layer, int rows, int cols) {
            this.model = model;
            this.layer = layer;
            this.rows = rows;
            this.cols = cols;
        }

        /** {@code "2560x6912"}: the form of the benchmarks' {@code shape} parameter. */
        public String shape() {
            return rows + "x" + cols;
        }

        @Override
        public String toString() {
            return model.id + " " + layer + " " + shape();
        }
    }

    /** The linear layers of one block, in the order the forward pass uses them. */
    public List<Linear> blockLinears() {
        int q = heads * headDim;
        int kv = kvHeads * headDim;
        List<Linear> out = new ArrayList<>();
        if (this == DISTILGPT2) {
            out.add(new Linear(this, "attn_qkv", 3 * hidden, hidden));
            out.add(new Linear(this, "attn_output", hidden, hidden));
            out.add(new Linear(this, "ffn_up", ffn, hidden));
            out.add(new Linear(this, "ffn_down", hidden, ffn));
            return Collections.unmodifiableList(out);
        }
        out.add(new Linear(this, "attn_q", q, hidden));
        out.add(new Linear(this, "attn_k", kv, hidden));
        out.add(new Linear(this, "attn_v", kv, hidden));
        out.add(new Linear(this, "attn_output", hidden, q));
        out.add(new Linear(this, "ffn_gate", ffn, hidden));
        out.add(new Linear(this, "ffn_up", ffn, hidden));
        out.add(new Linear(this, "ffn_down", hidden, ffn));
        return Collections.unmodifiableList(out);
    }

    /** The output head (tied to the token embedding in all five models): {@code vocab x hidden}. */
    public Linear head() {
        return new Linear(this, "output", vocab, hidden);
    }

    /** Weights of the block linears over all layers (the part the weight formats quantize). */
    public long blockLinearWeights() {
        long perBlock = 0;
        for (Linear l : blockLinears()) {
            perBlock += (long) l.rows * l.cols;
        }
        return perBlock * layers;
    }

    /**
     * Every distinct block linear shape of every model, each with the first (model, layer) that has it;
     * {@link #layersWithShape} lists all of them.
     */
    public static Map<String, Linear> distinctShapes() {
        Map<String, Linear> shapes = new LinkedHashMap<>();
        for (KnownModel m : values()) {
            for (Linear l : m.blockLinears()) {
                shapes.putIfAbsent(l.shape(), l);
            }
        }
        return Collections.unmodifiableMap(shapes);
    }

    /** Every (model, layer) whose block linear has this {@code MxK} shape, e.g. for a report's legend. */
    public static List<Linear> layersWithShape(String shape) {
        List<Linear> out = new ArrayList<>();
        for (KnownModel m : values()) {
            for (Linear l : m.blockLinears()) {
                if (l.shape().equals(shape)) {
                    out.add(l);
                }
            }
        }
        return out;
    }

    /** The model's configuration at full size, as its GGUF file would give it. */
    public ModelConfig config() {
        return config(layers, hidden, heads, kvHeads, headDim, ffn, vocab, maxPositions, slidingWindow);
    }

    /**
     * A miniature of the model for tests: the same architecture, norms, activation, RoPE and head grouping
     * (query heads per key-value head), but 128 wide with 4 query heads of 32 (Gemma 3: of 64, so that the query
     * width differs from the hidden size as in the real model), FFN 256, 2 layers (Gemma 3: 7, so that layer 5
     * is global and the others slide), a 320-token vocabulary, 64 positions, and a sliding window of 8 so that
     * short tests reach past it. Widths are multiples of 128 so that ternary tensors can be written as I2_S.
     */
    public ModelConfig miniature() {
        int miniHeads = 4;
        int miniKvHeads = miniHeads / (heads / kvHeads);
        boolean gemma = architecture == Architecture.GEMMA3;
        return config(gemma ? GEMMA3_GLOBAL_EVERY + 1 : 2, 128, miniHeads, miniKvHeads, gemma ? 64 : 32, 256, 320, 64,
                slidingWindow > 0 ? 8 : 0);
    }

    /** This model's architecture with other dimensions. */
    public ModelConfig config(int layers, int hidden, int heads, int kvHeads, int headDim, int ffn, int vocab,
                              int context, int window) {
        boolean gpt2 = architecture == Architecture.GPT2;
        ModelConfig.Activation activation;
        switch (architecture) {
            case BITNET:
                activation = ModelConfig.Activation.RELU_SQUARED;
                break;
            case GEMMA3:
            case GPT2:
                activation = ModelConfig.Activation.GELU_TANH;
                break;
            default:
                activation = ModelConfig.Activation.SILU;
        }
        // Llama GGUF files hold Q and K permuted for llama.cpp's interleaved ("NORM") RoPE; BitNet and Gemma 3 use NEOX.
        ModelConfig.RopeStyle rope = gpt2 ? ModelConfig.RopeStyle.NONE
                : architecture == Architecture.LLAMA ? ModelConfig.RopeStyle.INTERLEAVED : ModelConfig.RopeStyle.NEOX;
        return new ModelConfig(architecture, architecture.ggufName(), context, hidden, layers, ffn, heads, kvHeads,
                headDim, headDim, normEps, gpt2 ? ModelConfig.Norm.LAYER_NORM : ModelConfig.Norm.RMS_NORM, activation,
                rope, gpt2 ? 0 : headDim, gpt2 ? 10000f : ropeTheta, gpt2 ? 10000f : ropeThetaLocal, ropeScaling, window,
                window > 0 ? GEMMA3_GLOBAL_EVERY : 0, vocab, true, 0f);
    }

    /** The model with this id (case-insensitive), or an error that lists the valid ids. */
    public static KnownModel byId(String id) {
        for (KnownModel m : values()) {
            if (m.id.equalsIgnoreCase(id.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown model '" + id + "'; valid models: "
                + Arrays.stream(values()).map(m -> m.id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
