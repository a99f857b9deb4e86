package io.quantbench.engine.kernel;

import io.quantbench.engine.format.BlockGroups;

/**
 * Activations of the INT8 and INT4 kernels: each token quantized to int8 in blocks of 32
 * ({@link ActivationQuantizer#int8Blocks}), widened to shorts and laid out in the order the kernel
 * reads them ({@link #order}), with one float scale and one integer sum per block, plus per-thread
 * scratch.
 */
final class BlockActivations extends Activations {

    final int blocksPerRow;
    /** Quantized values, {@code cols} per token, in the kernel's order. */
    final short[] values;
    /** One token's values in natural order, before the kernel's reordering. */
    final short[] natural;
    /** Block scales, {@code blocksPerRow} per token. */
    final float[] scales;
    /** Block sums of the quantized values, {@code blocksPerRow} per token (INT4 subtracts 8 * sum). */
    final int[] sums;
    /** Per-thread float stripes ({@link Stripes}), {@link Stripes#THREAD_STRIDE} apart. */
    final float[] stripes;
    /** {@code values[t * cols + i]} is the token's value {@code order[i]} (natural order); null: natural order. */
    final int[] order;

    BlockActivations(int cols, int maxTokens, int threads, int[] order) {
        super(cols, maxTokens);
        if (cols % ActivationQuantizer.BLOCK != 0) {
            throw new IllegalArgumentException("block activations need a multiple of " + ActivationQuantizer.BLOCK
                    + " values per token, got " + cols);
        }
        this.blocksPerRow = cols / ActivationQuantizer.BLOCK;
        this.values = new short[Math.multiplyExact(cols, maxTokens)];
        this.natural = new short[cols];
        // Spare entries at the end: a narrow group's vector load may read past the last block (lanes discarded).
        this.scales = new float[blocksPerRow * maxTokens + BlockGroups.SLACK_SCALES];
        this.sums = new int[blocksPerRow * maxTokens + BlockGroups.SLACK_SCALES];
        this.stripes = new float[Stripes.arrayLength(threads)];
        if (order != null && order.length != cols) {
            throw new IllegalArgumentException("activation order of " + order.length + " values for " + cols + " columns");
        }
        this.order = order;
    }

    /** Puts token {@code t}'s quantized values, now in {@link #natural}, into {@link #values} in the kernel's order. */
    void arrange(int t) {
        int at = t * cols;
        if (order == null) {
            System.arraycopy(natural, 0, values, at, cols);
            return;
        }
        for (int i = 0; i < cols; i++) {
            values[at + i] = natural[order[i]];
        }
    }
}
