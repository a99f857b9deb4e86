package io.quantbench.engine.model;

import io.quantbench.engine.kernel.KernelPool;

/**
 * The Llama family: llama2.c's TinyStories models, Llama 2 and Llama 3 (reference/FORMATS.md §7). Pre-norm blocks
 * of RMSNorm, grouped-query attention with rotary positions (interleaved pairs for llama2.c and GGUF files,
 * NEOX halves for Hugging Face checkpoints, as the config says), and a SwiGLU feed-forward:
 * <pre>
 *   h = h + Wo attention(rope(Wq a), rope(Wk a), Wv a)      a = RMSNorm(h)
 *   h = h + Wdown (silu(Wgate f) * Wup f)                    f = RMSNorm(h)
 * </pre>
 */
public final class LlamaModel extends Transformer {

    private record Layer(float[] attnNorm, AttentionProjections attn, float[] ffnNorm, GatedFeedForward ffn) {
    }

    private final Layer[] layers;

    LlamaModel(WeightLoader w) {
        super(w);
        layers = new Layer[config.blockCount()];
        for (int l = 0; l < layers.length; l++) {
            String b = "blk." + l + ".";
            layers[l] = new Layer(w.vector(b + "attn_norm.weight", hidden), AttentionProjections.load(w, l),
                    w.vector(b + "ffn_norm.weight", hidden), GatedFeedForward.load(w, l));
        }
    }

    @Override
    protected void block(int layer, RunState s, int n, int pos, KernelPool pool) {
        Layer w = layers[layer];
        float eps = config.normEps();

        normedRopeAttention(layer, s, w.attnNorm, w.attn, n, pos, pool);
        w.attn.output(s, pool, n);
        Ops.add(s.x, s.o, n * hidden);

        Ops.rmsNorm(s.x, w.ffnNorm, eps, n, hidden, s.xb);
        w.ffn.gateAndUp(s, pool, n);
        Ops.siluTimes(s.gate, s.up, n * ffn);
        w.ffn.down(s, pool, n);
        Ops.add(s.x, s.o, n * hidden);
    }
}
