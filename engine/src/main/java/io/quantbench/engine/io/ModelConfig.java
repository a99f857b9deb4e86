package io.quantbench.engine.io;

/**
 * What the inference engine needs to know about a model besides its tensors: the family, the dimensions and
 * the details that differ between families (norm, activation, RoPE). Read from GGUF keys
 * ({@link GgufCheckpoints}), a Hugging Face {@code config.json} ({@link HfCheckpoints}), or a llama2.c header
 * ({@link Llama2cCheckpoints}); reference/FORMATS.md gives every value's source.
 *
 * @param architecture the family
 * @param architectureName the name the file gives ({@code bitnet-b1.58}, {@code gemma3}, HF's {@code bitnet}, ...)
 * @param contextLength the longest sequence the model was trained for
 * @param embeddingLength the residual width ({@code dim}, {@code hidden_size}, {@code n_embd})
 * @param blockCount transformer layers
 * @param feedForwardLength the FFN's inner width
 * @param headCount query heads
 * @param headCountKv key/value heads (GQA when fewer than {@code headCount})
 * @param headDim the width of one query/key head (Gemma 3: 256, so {@code headCount * headDim} may differ from
 *        {@code embeddingLength})
 * @param valueDim the width of one value head
 * @param normEps epsilon of every norm
 * @param norm RMSNorm or LayerNorm (GPT-2)
 * @param activation the FFN non-linearity
 * @param ropeStyle how rotary positions pair the values of a head
 * @param ropeDimensions how many values of each head are rotated
 * @param ropeFreqBase theta of global-attention layers
 * @param ropeFreqBaseLocal theta of sliding-window layers (Gemma 3: 10000; otherwise {@code ropeFreqBase})
 * @param ropeScalingFactor linear RoPE scaling of global layers (positions / factor); 1 when none
 * @param slidingWindow the sliding-window size; 0 when every layer attends globally
 * @param slidingWindowPattern every {@code n}-th layer is global, the others slide (Gemma 3: 6); 0 when none
 * @param vocabSize rows of the token embedding
 * @param tiedEmbeddings whether the output head is the token embedding (no {@code output.weight} tensor)
 * @param finalLogitSoftcap tanh soft-capping of the logits; 0 when none
 */
public record ModelConfig(
        Architecture architecture,
        String architectureName,
        int contextLength,
        int embeddingLength,
        int blockCount,
        int feedForwardLength,
        int headCount,
        int headCountKv,
        int headDim,
        int valueDim,
        float normEps,
        Norm norm,
        Activation activation,
        RopeStyle ropeStyle,
        int ropeDimensions,
        float ropeFreqBase,
        float ropeFreqBaseLocal,
        float ropeScalingFactor,
        int slidingWindow,
        int slidingWindowPattern,
        int vocabSize,
        boolean tiedEmbeddings,
        float finalLogitSoftcap) {

    /** The normalization layers. */
    public enum Norm {
        /** {@code x * rsqrt(mean(x^2) + eps) * w} (Gemma's GGUF weights already include its +1). */
        RMS_NORM,
        /** {@code (x - mean) / sqrt(var + eps) * w + b}, biased variance (GPT-2). */
        LAYER_NORM
    }

    /** The FFN non-linearities. */
    public enum Activation {
        /** SwiGLU: {@code down(silu(gate x) * up x)} (Llama). */
        SILU,
        /** {@code down(relu(gate x)^2 * up x)} (BitNet b1.58 2B4T). */
        RELU_SQUARED,
        /** GeGLU with tanh-approximated GELU (Gemma 3); plain tanh-GELU MLP for GPT-2. */
        GELU_TANH
    }

    /** How RoPE pairs the values of a head. */
    public enum RopeStyle {
        /** No rotary positions (GPT-2: learned absolute positions). */
        NONE,
        /** Pairs (2i, 2i+1): llama2.c and llama.cpp's "NORM" for {@code llama} GGUF files. */
        INTERLEAVED,
        /** Pairs (i, i + d/2): HF's rotate_half; BitNet, Gemma 3, and any HF Llama-layout checkpoint. */
        NEOX
    }

    public ModelConfig {
        check(embeddingLength > 0 && blockCount > 0 && feedForwardLength > 0 && headCount > 0 && headCountKv > 0
                && headDim > 0 && valueDim > 0 && vocabSize > 0 && contextLength > 0,
                "dimensions must be positive");
        check(headCount % headCountKv == 0, "query heads " + headCount + " must be a multiple of key/value heads " + headCountKv);
        check(ropeDimensions >= 0 && ropeDimensions <= headDim && ropeDimensions % 2 == 0,
                "RoPE dimensions " + ropeDimensions + " must be even and at most the head width " + headDim);
        check(normEps > 0 && Float.isFinite(normEps), "norm epsilon " + normEps + " must be positive");
        check(slidingWindow >= 0 && slidingWindowPattern >= 0, "sliding window values must not be negative");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Whether layer {@code layer} attends globally (always, unless a sliding-window pattern is set). */
    public boolean isGlobalLayer(int layer) {
        return slidingWindowPattern == 0 || (layer + 1) % slidingWindowPattern == 0;
    }

    /** One line for {@code inspect}. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append(architecture.name().toLowerCase(java.util.Locale.ROOT)).append(" (").append(architectureName).append("): ")
                .append(blockCount).append(" layers, embedding ").append(embeddingLength)
                .append(", feed-forward ").append(feedForwardLength).append(' ').append(activation)
                .append(", heads ").append(headCount).append('/').append(headCountKv).append(" x ").append(headDim)
                .append(", context ").append(contextLength).append(", vocabulary ").append(vocabSize)
                .append(", ").append(norm).append(" eps ").append(normEps)
                .append(", rope ").append(ropeStyle);
        if (ropeStyle != RopeStyle.NONE) {
            b.append(" theta ").append(ropeFreqBase);
            if (ropeFreqBaseLocal != ropeFreqBase) {
                b.append(" (local ").append(ropeFreqBaseLocal).append(')');
            }
            if (ropeScalingFactor != 1f) {
                b.append(" linear scaling ").append(ropeScalingFactor);
            }
        }
        if (slidingWindow > 0) {
            b.append(", sliding window ").append(slidingWindow);
            if (slidingWindowPattern > 0) {
                b.append(" (every ").append(slidingWindowPattern).append("th layer global)");
            }
        }
        b.append(tiedEmbeddings ? ", tied output" : ", separate output");
        if (finalLogitSoftcap > 0) {
            b.append(", logit softcap ").append(finalLogitSoftcap);
        }
        return b.toString();
    }
}
