package io.quantbench.engine.model;

import io.quantbench.engine.kernel.KernelPool;

/**
 * GPT-2 and DistilGPT-2 (reference/FORMATS.md §5): learned absolute positions added to the token embedding,
 * pre-LayerNorm blocks (weight and bias, biased variance), one fused query-key-value projection, biases on every
 * linear layer, and a plain MLP with tanh-approximated GELU:
 * <pre>
 *   h = wte[token] + wpe[position]
 *   h = h + Wo attention(split(Wqkv a + b)) + b             a = LayerNorm(h)
 *   h = h + Wdown gelu(Wup f + b) + b                        f = LayerNorm(h)
 * </pre>
 */
public final class Gpt2Model extends Transformer {

    private record Layer(float[] attnNorm, float[] attnNormBias, Linear qkv, Linear o,
                         float[] ffnNorm, float[] ffnNormBias, Linear up, Linear down) {
    }

    private final Layer[] layers;
    /** wpe: {@code contextLength x hidden}, float32. */
    private final float[] positions;
    private final float[] outputNormBias;

    Gpt2Model(WeightLoader w) {
        super(w);
        positions = w.vector("position_embd.weight", Math.multiplyExact(config.contextLength(), hidden));
        outputNormBias = w.vector("output_norm.bias", hidden);
        layers = new Layer[config.blockCount()];
        for (int l = 0; l < layers.length; l++) {
            String b = "blk." + l + ".";
            layers[l] = new Layer(
                    w.vector(b + "attn_norm.weight", hidden),
                    w.vector(b + "attn_norm.bias", hidden),
                    w.block(l, "attn_qkv", qDim + 2 * kvDim, hidden, true),
                    w.block(l, "attn_output", hidden, qDim, true),
                    w.vector(b + "ffn_norm.weight", hidden),
                    w.vector(b + "ffn_norm.bias", hidden),
                    w.block(l, "ffn_up", ffn, hidden, true),
                    w.block(l, "ffn_down", hidden, ffn, true));
        }
    }

    @Override
    boolean fusedQkv() {
        return true;
    }

    @Override
    protected void embed(RunState s, int[] tokens, int offset, int n, int pos) {
        super.embed(s, tokens, offset, n, pos);
        for (int t = 0; t < n; t++) {
            for (int i = 0; i < hidden; i++) {
                s.x[t * hidden + i] += positions[(pos + t) * hidden + i];
            }
        }
    }

    @Override
    protected void block(int layer, RunState s, int n, int pos, KernelPool pool) {
        Layer w = layers[layer];
        float eps = config.normEps();

        Ops.layerNorm(s.x, 0, w.attnNorm, w.attnNormBias, eps, n, hidden, s.xb);
        w.qkv.apply(s, pool, s.xb, n, s.qkv);
        splitQkv(s, n);
        attend(s, layer, n, pos, 0, pool);
        w.o.apply(s, pool, s.att, n, s.o);
        Ops.add(s.x, s.o, n * hidden);

        Ops.layerNorm(s.x, 0, w.ffnNorm, w.ffnNormBias, eps, n, hidden, s.xb);
        w.up.apply(s, pool, s.xb, n, s.up);
        Ops.gelu(s.up, n * ffn);
        w.down.apply(s, pool, s.up, n, s.o);
        Ops.add(s.x, s.o, n * hidden);
    }

    /** Copies each token's fused {@code [q | k | v]} into the state's separate query, key and value buffers. */
    private void splitQkv(RunState s, int n) {
        int width = qDim + 2 * kvDim;
        for (int t = 0; t < n; t++) {
            System.arraycopy(s.qkv, t * width, s.q, t * qDim, qDim);
            System.arraycopy(s.qkv, t * width + qDim, s.k, t * kvDim, kvDim);
            System.arraycopy(s.qkv, t * width + qDim + kvDim, s.v, t * kvDim, kvDim);
        }
    }

    @Override
    protected void finalNorm(RunState s, int at) {
        Ops.layerNorm(s.x, at, outputNorm, outputNormBias, config.normEps(), 1, hidden, s.xb);
    }

}
