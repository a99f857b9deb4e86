package io.quantbench.engine.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A GGUF file as a {@link Checkpoint}: the config from the {@code {arch}.*} keys (reference/FORMATS.md §2-§5),
 * the tensors as stored.
 */
public final class GgufCheckpoints {

    private GgufCheckpoints() {
    }

    static Checkpoint open(Path path) throws IOException {
        GgufFile gguf = GgufFile.open(path);
        try {
            return of(path, gguf);
        } catch (IOException | RuntimeException e) {
            gguf.close();
            throw e;
        }
    }

    /** The checkpoint in an open GGUF file, which the checkpoint then owns. */
    public static Checkpoint of(Path path, GgufFile gguf) throws FileFormatException {
        ModelConfig config = config(gguf);
        List<CheckpointTensor> tensors = new ArrayList<>();
        for (GgufTensorInfo info : gguf.tensors()) {
            tensors.add(gguf.tensorData(info));
        }
        TensorShapes.check(gguf.name(), config, tensors);
        return new Checkpoint(path, Checkpoint.Format.GGUF, config, gguf.metadata(), tensors, Checkpoint.resources(gguf), gguf);
    }

    /** The model config of a GGUF file's keys. */
    public static ModelConfig config(GgufFile gguf) throws FileFormatException {
        String arch = gguf.getString(GgufKeys.ARCHITECTURE);
        Architecture family;
        try {
            family = Architecture.fromGguf(arch);
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(gguf.name(), "metadata key " + GgufKeys.ARCHITECTURE, e.getMessage());
        }
        int embd = gguf.getInt(arch + GgufKeys.EMBEDDING_LENGTH);
        int blocks = gguf.getInt(arch + GgufKeys.BLOCK_COUNT);
        int heads = gguf.getInt(arch + GgufKeys.HEAD_COUNT);
        int headsKv = gguf.typed(arch + GgufKeys.HEAD_COUNT_KV, GgufValue::asInt, heads);
        int headDim = gguf.typed(arch + GgufKeys.KEY_LENGTH, GgufValue::asInt, heads > 0 ? embd / heads : 0);
        int valueDim = gguf.typed(arch + GgufKeys.VALUE_LENGTH, GgufValue::asInt, headDim);
        boolean gpt2 = family == Architecture.GPT2;
        float eps = gguf.getFloat(arch + (gpt2 ? GgufKeys.LAYER_NORM_EPS : GgufKeys.LAYER_NORM_RMS_EPS));
        float ropeBase = gguf.typed(arch + GgufKeys.ROPE_FREQ_BASE, GgufValue::asFloat, 10000f);
        String scaling = gguf.typed(arch + GgufKeys.ROPE_SCALING_TYPE, GgufValue::asString, "none");
        float factor = 1f;
        if (scaling.equals("linear")) {
            factor = gguf.getFloat(arch + GgufKeys.ROPE_SCALING_FACTOR);
        } else if (!scaling.equals("none")) {
            throw new FileFormatException(gguf.name(), "metadata key " + arch + GgufKeys.ROPE_SCALING_TYPE, "is '" + scaling
                    + "'; quantbench applies none or linear RoPE scaling");
        }
        int window = gguf.typed(arch + GgufKeys.SLIDING_WINDOW, GgufValue::asInt, 0);
        boolean gemma = family == Architecture.GEMMA3;
        try {
            return new ModelConfig(family, arch,
                    gguf.getInt(arch + GgufKeys.CONTEXT_LENGTH),
                    embd, blocks,
                    gguf.getInt(arch + GgufKeys.FEED_FORWARD_LENGTH),
                    heads, headsKv, headDim, valueDim, eps,
                    gpt2 ? ModelConfig.Norm.LAYER_NORM : ModelConfig.Norm.RMS_NORM,
                    activation(family, arch, blocks, embd),
                    ropeStyle(family),
                    gpt2 ? 0 : gguf.typed(arch + GgufKeys.ROPE_DIMENSION_COUNT, GgufValue::asInt, headDim),
                    ropeBase,
                    gemma ? 10000f : ropeBase,                      // Gemma 3's local theta is not stored (FORMATS.md §4.3)
                    factor,
                    window,
                    gemma && window > 0 ? 6 : 0,                     // nor is its 5 local : 1 global pattern
                    vocabSize(gguf, arch, embd),
                    gguf.tensors().stream().noneMatch(t -> t.name().equals("output.weight")),
                    gguf.typed(arch + GgufKeys.FINAL_LOGIT_SOFTCAPPING, GgufValue::asFloat, 0f));
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(gguf.name(), "model config", e.getMessage());
        }
    }

    /**
     * BitNet: bitnet.cpp's {@code bitnet-25} and {@code bitnet-b1.58} (2B4T) use ReLU²; mainline's {@code bitnet}
     * covers both the older SiLU models and 2B4T, which is recognised by its 30 layers of 2560 (FORMATS.md §2.1).
     */
    static ModelConfig.Activation activation(Architecture family, String arch, int blocks, int embd) {
        switch (family) {
            case BITNET:
                boolean is2b4t = blocks == 30 && embd == 2560;
                return arch.toLowerCase(Locale.ROOT).equals("bitnet") && !is2b4t
                        ? ModelConfig.Activation.SILU : ModelConfig.Activation.RELU_SQUARED;
            case GEMMA3:
            case GPT2:
                return ModelConfig.Activation.GELU_TANH;
            default:
                return ModelConfig.Activation.SILU;
        }
    }

    /** llama.cpp's RoPE types: NORM (interleaved) for llama, NEOX for BitNet and Gemma 3, none for GPT-2. */
    private static ModelConfig.RopeStyle ropeStyle(Architecture family) {
        switch (family) {
            case LLAMA:
                return ModelConfig.RopeStyle.INTERLEAVED;
            case GPT2:
                return ModelConfig.RopeStyle.NONE;
            default:
                return ModelConfig.RopeStyle.NEOX;
        }
    }

    /** {@code {arch}.vocab_size}, else the tokenizer's token count, else the embedding's rows, as llama.cpp decides. */
    private static int vocabSize(GgufFile gguf, String arch, int embd) throws FileFormatException {
        if (gguf.metadata().containsKey(arch + GgufKeys.VOCAB_SIZE)) {
            return gguf.getInt(arch + GgufKeys.VOCAB_SIZE);
        }
        if (gguf.metadata().containsKey(GgufKeys.TOKENS)) {
            return gguf.typed(GgufKeys.TOKENS, GgufValue::size);
        }
        GgufTensorInfo embedding = gguf.tensor("token_embd.weight").orElseThrow(() -> new FileFormatException(gguf.name(),
                "model config", "has no " + arch + GgufKeys.VOCAB_SIZE + ", no tokenizer and no token_embd.weight to take the vocabulary size from"));
        long[] ne = embedding.ne();
        if (ne.length != 2 || ne[1] > Integer.MAX_VALUE) {
            throw new FileFormatException(gguf.name(), "tensor token_embd.weight", "has shape " + GgufTensorInfo.shape(ne)
                    + "; expected {" + embd + ", vocabulary}");
        }
        return (int) ne[1];
    }
}
