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

    /**
     * Distance between two threads' stripes in a shared scratch array: 256 bytes, of which a thread uses the first 128
     * (two rows of 16 stripes), so that no two threads ever write the same cache line, whatever the array's alignment.
     * With a stride of exactly 128 bytes they did (an array's data starts 16 bytes into its 64-byte line): at 3072x768,
     * where every row pair also adds its tail group to its stripes, an INT4 matvec took 94 µs on 1 thread and 101 on 2.
     */
    static final int THREAD_STRIDE = 64;

    /** Floats before the first thread's stripes, so that its writes share no cache line with the object before the array. */
    private static final int LEADING_PAD = 32;

    /** Where thread {@code thread}'s stripes start in the scratch array. */
    static int offset(int thread) {
        return LEADING_PAD + thread * THREAD_STRIDE;
    }

    /** Length of a scratch array for {@code threads} threads, with room after the last one too. */
    static int arrayLength(int threads) {
        return offset(threads);
    }

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
