package io.quantbench.engine.model;

import io.quantbench.engine.io.ModelConfig;
import io.quantbench.engine.kernel.KernelPool;

/** A gated feed-forward network, {@code down(act(gate x) * up x)}: SwiGLU, ReLU² or GeGLU by the activation. */
record GatedFeedForward(Linear gate, Linear up, Linear down) {

    static GatedFeedForward load(WeightLoader w, int layer) {
        ModelConfig c = w.config();
        int hidden = c.embeddingLength();
        int ffn = c.feedForwardLength();
        return new GatedFeedForward(
                w.block(layer, "ffn_gate", ffn, hidden, false),
                w.block(layer, "ffn_up", ffn, hidden, false),
                w.block(layer, "ffn_down", hidden, ffn, false));
    }

    /** {@link State#gate} and {@link State#up} of {@code n} tokens from the normalized {@link State#xb}. */
    void gateAndUp(State s, KernelPool pool, int n) {
        gate.apply(s, pool, s.xb, n, s.gate);
        up.apply(s, pool, s.xb, n, s.up);
    }

    /** {@link State#o} from the activated {@link State#gate}. */
    void down(State s, KernelPool pool, int n) {
        down.apply(s, pool, s.gate, n, s.o);
    }
}
