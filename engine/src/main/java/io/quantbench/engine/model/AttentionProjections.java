package io.quantbench.engine.model;

import io.quantbench.engine.io.ModelConfig;
import io.quantbench.engine.kernel.KernelPool;

/** The separate query, key, value and output projections of a Llama, BitNet or Gemma 3 block. */
record AttentionProjections(Linear q, Linear k, Linear v, Linear o) {

    static AttentionProjections load(WeightLoader w, int layer) {
        ModelConfig c = w.config();
        int hidden = c.embeddingLength();
        int qDim = c.headCount() * c.headDim();
        int kvDim = c.headCountKv() * c.headDim();
        return new AttentionProjections(
                w.block(layer, "attn_q", qDim, hidden, false),
                w.block(layer, "attn_k", kvDim, hidden, false),
                w.block(layer, "attn_v", kvDim, hidden, false),
                w.block(layer, "attn_output", hidden, qDim, false));
    }

    /** {@link State#q}, {@link State#k} and {@link State#v} of {@code n} tokens from the normalized {@link State#xb}. */
    void queryKeyValue(State s, KernelPool pool, int n) {
        q.apply(s, pool, s.xb, n, s.q);
        k.apply(s, pool, s.xb, n, s.k);
        v.apply(s, pool, s.xb, n, s.v);
    }

    /** {@link State#o} from the attention output {@link State#att}. */
    void output(State s, KernelPool pool, int n) {
        o.apply(s, pool, s.att, n, s.o);
    }
}
