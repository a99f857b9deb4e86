package io.quantbench.engine.kernel;

/**
 * Activations of the TERNARY kernels: each token quantized to int8 by its absmax
 * ({@link ActivationQuantizer#int8Token}), widened to shorts in the kernel's order ({@link #order}),
 * with the token's scale {@code s} and the sum of its values.
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

    /** {@code values[t * stride + i]} is the value of column {@code order[i]}, or 0 where that is -1; null: natural order. */
    final int[] order;

    TernaryActivations(int cols, int maxTokens, int[] order) {
        super(cols, maxTokens);
        this.order = order;
        this.stride = order == null ? cols : order.length;
        this.values = new short[Math.multiplyExact(stride, maxTokens)];
        this.natural = new short[cols];
        this.scales = new float[maxTokens];
        this.sums = new int[maxTokens];
    }

    /** Puts token {@code t}'s quantized values, now in {@link #natural}, into {@link #values} in the kernel's order. */
    void arrange(int t) {
        int at = t * stride;
        if (order == null) {
            System.arraycopy(natural, 0, values, at, cols);
            return;
        }
        for (int i = 0; i < stride; i++) {
            int column = order[i];
            values[at + i] = column < 0 ? 0 : natural[column];
        }
    }
}
