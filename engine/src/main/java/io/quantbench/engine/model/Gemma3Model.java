package io.quantbench.engine.model;

import io.quantbench.engine.kernel.KernelPool;

/**
 * Gemma 3 text models, 1B and 4B (reference/FORMATS.md §4). The embedding is scaled by {@code sqrt(hidden)};
 * each block has four RMSNorms (before and after attention, before and after the FFN) and normalizes every
 * query and key head (QK-norm); the FFN is GeGLU with tanh-approximated GELU:
 * <pre>
 *   h = h + RMSNorm_post(Wo attention(rope(QKNorm(Wq a)), rope(QKNorm(Wk a)), Wv a))     a = RMSNorm(h)
 *   h = h + RMSNorm_post(Wdown (gelu(Wgate f) * Wup f))                                   f = RMSNorm(h)
 * </pre>
 * Five layers of six attend through a sliding window with RoPE theta 10000; every sixth ({@code (i + 1) % 6 == 0})
 * attends globally with theta 1e6, its positions divided by the linear scaling factor (8 in the 4B). Norm
 * weights come from GGUF files, where llama.cpp's converter has already added Gemma's {@code +1}. The embedding
 * scale is {@code sqrt(hidden)} in float32, as llama.cpp applies it (Hugging Face rounds it to bf16 first).
 */
public final class Gemma3Model extends Transformer {

    private record Layer(float[] attnNorm, AttentionProjections attn, float[] qNorm, float[] kNorm, float[] postAttnNorm,
                         float[] ffnNorm, GatedFeedForward ffn, float[] postFfnNorm) {
    }

    private final Layer[] layers;
    private final float embeddingScale;

    Gemma3Model(WeightLoader w) {
        super(w);
        embeddingScale = (float) Math.sqrt(hidden);
        layers = new Layer[config.blockCount()];
        for (int l = 0; l < layers.length; l++) {
            String b = "blk." + l + ".";
            layers[l] = new Layer(w.vector(b + "attn_norm.weight", hidden), AttentionProjections.load(w, l),
                    w.vector(b + "attn_q_norm.weight", config.headDim()),
                    w.vector(b + "attn_k_norm.weight", config.headDim()),
                    w.vector(b + "post_attention_norm.weight", hidden),
                    w.vector(b + "ffn_norm.weight", hidden), GatedFeedForward.load(w, l),
                    w.vector(b + "post_ffw_norm.weight", hidden));
        }
    }

    @Override
    protected void embed(RunState s, int[] tokens, int offset, int n, int pos) {
        super.embed(s, tokens, offset, n, pos);
        Ops.scale(s.x, embeddingScale, n * hidden);
    }

    @Override
    protected void block(int layer, RunState s, int n, int pos, KernelPool pool) {
        Layer w = layers[layer];
        float eps = config.normEps();
        boolean global = config.isGlobalLayer(layer);

        Ops.rmsNorm(s.x, w.attnNorm, eps, n, hidden, s.xb);
        w.attn.queryKeyValue(s, pool, n);
        Ops.rmsNormHeads(s.q, w.qNorm, eps, n, config.headCount(), config.headDim());
        Ops.rmsNormHeads(s.k, w.kNorm, eps, n, config.headCountKv(), config.headDim());
        rotateQueryKey(global ? s.ropeGlobal : s.ropeLocal, s, n, pos);
        attend(s, layer, n, pos, global ? 0 : config.slidingWindow(), pool);
        w.attn.output(s, pool, n);
        Ops.rmsNorm(s.o, w.postAttnNorm, eps, n, hidden, s.o);
        Ops.add(s.x, s.o, n * hidden);

        Ops.rmsNorm(s.x, w.ffnNorm, eps, n, hidden, s.xb);
        w.ffn.gateAndUp(s, pool, n);
        Ops.geluTimes(s.gate, s.up, n * ffn);
        w.ffn.down(s, pool, n);
        Ops.rmsNorm(s.o, w.postFfnNorm, eps, n, hidden, s.o);
        Ops.add(s.x, s.o, n * hidden);
    }
}
