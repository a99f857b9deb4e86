package io.quantbench.engine.kernel;

import io.quantbench.engine.format.BlockGroups;

/**
 * The fixed order in which the INT8 and INT4 kernels add up their float terms, so that scalar and
 * vector kernels of any width give the same bits.
 *
 * <p>Each block contributes {@code (float) dot * (weightScale * activationScale)}. Block {@code j} of
 * its group ({@link BlockGroups}) adds that term to stripe {@code j} of 16, in row order; a vector
 * kernel keeps the stripes in lanes. At the end of the row the 16 stripes are folded in halves
 * (stripe {@code j} += stripe {@code j + w} for w = 8, 4, 2, 1), an order that 4-, 8- and 16-lane
 * vectors all reproduce.
 */
final class Stripes {

    /** Stripes per row: one per block position in a full group. */
    static final int COUNT = BlockGroups.MAX_GROUP;

    /** Distance between two threads' stripes in a shared scratch array: 128 bytes, so they never share a cache line. */
    static final int THREAD_STRIDE = 32;

    private Stripes() {
    }

    /** Folds {@code s[offset .. offset + 16)} into one sum in the fixed order, and zeroes the stripes for the next row. */
    static float foldAndClear(float[] s, int offset) {
        for (int width = COUNT / 2; width >= 1; width /= 2) {
            for (int j = 0; j < width; j++) {
                s[offset + j] += s[offset + j + width];
            }
        }
        float sum = s[offset];
        java.util.Arrays.fill(s, offset, offset + COUNT, 0f);
        return sum;
    }
}
