package io.quantbench.engine.kernel;

import io.quantbench.engine.format.WeightFormat;

/** What the F32 kernels share: they read the caller's floats directly, so preparing records only which array. */
abstract class F32Kernel implements MatMulKernel {

    @Override
    public final WeightFormat format() {
        return WeightFormat.F32;
    }

    @Override
    public final Activations newActivations(int cols, int maxTokens, int threads) {
        return new F32Activations(cols, maxTokens);
    }

    @Override
    public final void prepare(float[] x, int n, Activations activations) {
        ((F32Activations) activations).set(x, n);
    }
}
