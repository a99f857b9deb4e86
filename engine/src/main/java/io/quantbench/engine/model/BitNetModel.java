package io.quantbench.engine.model;

import io.quantbench.engine.io.ModelConfig;
import io.quantbench.engine.kernel.KernelPool;

/**
 * BitNet b1.58 2B4T (reference/FORMATS.md §1.2): Llama-shaped, with two extra RMSNorms (the "sub-norms") on the
 * inputs of the attention's output projection and of the FFN's down projection, and a ReLU² gate:
 * <pre>
 *   h = h + Wo SubNorm_attn(attention(rope(Wq a), rope(Wk a), Wv a))      a = RMSNorm(h)
 *   h = h + Wdown SubNorm_ffn(relu(Wgate f)^2 * Wup f)                    f = RMSNorm(h)
 * </pre>
 * Every linear layer is a BitLinear: in the TERNARY format, the kernels quantize each token's input to int8 by
 * its absmax and multiply by the ternary weights with their one scale (W1.58A8), which is exactly BitNet's
 * BitLinear; in other formats the same block runs with those formats' kernels. The head is tied to the
 * embedding and kept out of ternary quantization ({@code QuantizationPlan}'s head policy). Older BitNet models
 * ({@code bitnet} GGUF files that are not 2B4T) gate with SiLU instead, as the config says.
 */
public final class BitNetModel extends Transformer {

    private record Layer(float[] attnNorm, AttentionProjections attn, float[] attnSubNorm,
                         float[] ffnNorm, GatedFeedForward ffn, float[] ffnSubNorm) {
    }

    private final Layer[] layers;

    BitNetModel(WeightLoader w) {
        super(w);
        layers = new Layer[config.blockCount()];
        for (int l = 0; l < layers.length; l++) {
            String b = "blk." + l + ".";
            layers[l] = new Layer(w.vector(b + "attn_norm.weight", hidden), AttentionProjections.load(w, l),
                    w.vector(b + "attn_sub_norm.weight", qDim),
                    w.vector(b + "ffn_norm.weight", hidden), GatedFeedForward.load(w, l),
                    w.vector(b + "ffn_sub_norm.weight", ffn));
        }
    }

    @Override
    protected void block(int layer, RunState s, int n, int pos, KernelPool pool) {
        Layer w = layers[layer];
        float eps = config.normEps();

        normedRopeAttention(layer, s, w.attnNorm, w.attn, n, pos, pool);
        Ops.rmsNorm(s.att, w.attnSubNorm, eps, n, qDim, s.att);          // sub-norm before o_proj
        w.attn.output(s, pool, n);
        Ops.add(s.x, s.o, n * hidden);

        Ops.rmsNorm(s.x, w.ffnNorm, eps, n, hidden, s.xb);
        w.ffn.gateAndUp(s, pool, n);
        if (config.activation() == ModelConfig.Activation.SILU) {
            Ops.siluTimes(s.gate, s.up, n * ffn);
        } else {
            Ops.reluSquaredTimes(s.gate, s.up, n * ffn);
        }
        Ops.rmsNorm(s.gate, w.ffnSubNorm, eps, n, ffn, s.gate);          // sub-norm before down_proj
        w.ffn.down(s, pool, n);
        Ops.add(s.x, s.o, n * hidden);
    }
}
