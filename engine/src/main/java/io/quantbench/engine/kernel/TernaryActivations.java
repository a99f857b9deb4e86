package io.quantbench.engine.kernel;

/**
 * Activations of the TERNARY kernels: each token quantized to int8 by its absmax
 * ({@link ActivationQuantizer#int8Token}), widened to shorts in the kernel's order, with the token's
 * scale {@code s} and the sum of its values.
 */
final class TernaryActivations extends Activations {

    /** Quantized values, {@link #stride} per token, in the kernel's order (row padding included, as zeros). */
    final short[] values;
    /** Shorts per token in {@link #values}. */
    final int stride;
    /** One token's values in natural order. */
    final short[] natural;
    /** Per token: {@code s = 127 / absmax}. */
    final float[] scales;
    /** Per token: the sum of the quantized values. */
    final int[] sums;

    TernaryActivations(int cols, int stride, int maxTokens) {
        super(cols, maxTokens);
        this.stride = stride;
        this.values = new short[Math.multiplyExact(stride, maxTokens)];
        this.natural = new short[cols];
        this.scales = new float[maxTokens];
        this.sums = new int[maxTokens];
    }

    /** Quantizes token {@code t} into {@link #natural}, its scale and sum. */
    void quantizeToken(float[] x, int t) {
        scales[t] = ActivationQuantizer.int8Token(x, t * cols, cols, natural, 0, sums, t);
    }
}
