package io.quantbench.engine.model;

import io.quantbench.engine.io.ModelConfig;
import io.quantbench.engine.kernel.KernelPool;

/** A gated feed-forward network, {@code down(act(gate x) * up x)}: SwiGLU, ReLU² or GeGLU by the activation. */
record GatedFeedForward(Linear gate, Linear up, Linear down, LinearGroup gateUp) {

    static GatedFeedForward load(WeightLoader w, int layer) {
        ModelConfig c = w.config();
        int hidden = c.embeddingLength();
        int ffn = c.feedForwardLength();
        Linear gate = w.block(layer, "ffn_gate", ffn, hidden, false);
        Linear up = w.block(layer, "ffn_up", ffn, hidden, false);
        return new GatedFeedForward(gate, up, w.block(layer, "ffn_down", hidden, ffn, false), new LinearGroup(gate, up));
    }

    /** {@link RunState#gate} and {@link RunState#up} of {@code n} tokens from the normalized {@link RunState#xb}. */
    void gateAndUp(RunState s, KernelPool pool, int n) {
        gateUp.apply(s, pool, s.xb, n, s.gate, s.up, null);
    }

    /** {@link RunState#o} from the activated {@link RunState#gate}. */
    void down(RunState s, KernelPool pool, int n) {
        down.apply(s, pool, s.gate, n, s.o);
    }
}
