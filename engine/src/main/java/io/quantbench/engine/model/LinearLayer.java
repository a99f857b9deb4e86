package io.quantbench.engine.model;

import io.quantbench.engine.format.WeightFormat;
import io.quantbench.engine.kernel.KernelPool;

/**
 * A read-only view of one linear layer of a loaded {@link Transformer}, for benchmarks that time the matrix
 * products of a decode step apart from everything else the step does.
 */
public final class LinearLayer {

    private final Linear linear;

    LinearLayer(Linear linear) {
        this.linear = linear;
    }

    /** llama.cpp's name without {@code .weight}: {@code blk.3.ffn_up}, {@code token_embd}, {@code output}. */
    public String name() {
        return linear.name;
    }

    public WeightFormat format() {
        return linear.format;
    }

    public int rows() {
        return linear.rows;
    }

    public int cols() {
        return linear.cols;
    }

    public long storageBytes() {
        return linear.storageBytes();
    }

    /**
     * {@code y = W x} for {@code n} tokens, exactly as the forward pass runs it (the state's activation buffers,
     * the layer's kernel and row parts, its bias).
     */
    public void apply(RunState s, KernelPool pool, float[] x, int n, float[] y) {
        linear.apply(s, pool, x, n, y);
    }

    @Override
    public String toString() {
        return linear.toString();
    }
}
