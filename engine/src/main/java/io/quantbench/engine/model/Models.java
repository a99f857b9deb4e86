package io.quantbench.engine.model;

import io.quantbench.engine.io.Architecture;
import io.quantbench.engine.io.ModelConfig;
import io.quantbench.engine.plan.QuantizationPlan;

import java.util.List;

/** Loads a model of any of the four families from any {@link ModelSource}, through a quantization plan. */
public final class Models {

    private Models() {
    }

    /** The kinds of linear layer each block of {@code config}'s family has ({@link QuantizationPlan#KINDS}). */
    public static List<String> linearKinds(ModelConfig config) {
        return config.architecture() == Architecture.GPT2
                ? List.of("attn_qkv", "attn_output", "ffn_up", "ffn_down")
                : List.of("attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down");
    }

    /**
     * The model in {@code source}, every linear layer in the format {@code plan} gives it.
     *
     * @throws IllegalArgumentException naming what is wrong: a missing or misshapen tensor, a weight that is not
     *         finite, a plan rule that selects nothing, a configuration the engine cannot run
     */
    public static Transformer load(ModelSource source, QuantizationPlan plan, LoadOptions options) {
        ModelConfig c = source.config();
        if (c.valueDim() != c.headDim()) {
            throw new IllegalArgumentException(source.name() + ": value heads of " + c.valueDim() + " differ from key heads of "
                    + c.headDim() + "; the engine's KV cache needs them equal");
        }
        WeightLoader weights = new WeightLoader(source, plan, options);
        Transformer model;
        switch (c.architecture()) {
            case LLAMA:
                model = new LlamaModel(weights);
                break;
            case BITNET:
                model = new BitNetModel(weights);
                break;
            case GEMMA3:
                model = new Gemma3Model(weights);
                break;
            case GPT2:
                model = new Gpt2Model(weights);
                break;
            default:
                throw new IllegalArgumentException(source.name() + ": no forward pass for " + c.architecture());
        }
        model.load(weights);
        return model;
    }
}
