package io.quantbench.engine.model;

import io.quantbench.engine.io.ModelConfig;
import io.quantbench.engine.kernel.KernelPool;

/** The separate query, key, value and output projections of a Llama, BitNet or Gemma 3 block. */
record AttentionProjections(Linear q, Linear k, Linear v, Linear o, LinearGroup qkv) {

    static AttentionProjections load(WeightLoader w, int layer) {
        ModelConfig c = w.config();
        int hidden = c.embeddingLength();
        int qDim = c.headCount() * c.headDim();
        int kvDim = c.headCountKv() * c.headDim();
        Linear q = w.block(layer, "attn_q", qDim, hidden, false);
        Linear k = w.block(layer, "attn_k", kvDim, hidden, false);
        Linear v = w.block(layer, "attn_v", kvDim, hidden, false);
        return new AttentionProjections(q, k, v, w.block(layer, "attn_output", hidden, qDim, false), new LinearGroup(q, k, v));
    }

    /** {@link RunState#q}, {@link RunState#k} and {@link RunState#v} of {@code n} tokens from the normalized {@link RunState#xb}. */
    void queryKeyValue(RunState s, KernelPool pool, int n) {
        qkv.apply(s, pool, s.xb, n, s.q, s.k, s.v);
    }

    /** {@link RunState#o} from the attention output {@link RunState#att}. */
    void output(RunState s, KernelPool pool, int n) {
        o.apply(s, pool, s.att, n, s.o);
    }
}
