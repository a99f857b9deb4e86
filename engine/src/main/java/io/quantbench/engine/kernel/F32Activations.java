package io.quantbench.engine.kernel;

/** F32 kernels read the caller's floats directly: preparing only records which array and how many tokens. */
final class F32Activations extends Activations {

    float[] x;

    F32Activations(int cols, int maxTokens) {
        super(cols, maxTokens);
    }

    void set(float[] x, int n) {
        begin(x, n);
        this.x = x;
    }
}
