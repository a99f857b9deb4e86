package io.quantbench.engine.kernel;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The vector activation quantizers against the scalar reference, value for value, at this JVM's width. */
class ActivationQuantizerTest {

    /** Inputs that probe the rounding: exact ties (x/d = k + 1/2), zeros, a zero block, huge and NaN values. */
    private static float[] inputs(int n, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (random.nextGaussian() * (random.nextInt(50) == 0 ? 1e4 : 1));
        }
        for (int i = 0; i < 32 && i < n; i++) {
            x[i] = i - 15.5f;                    // block 0: absmax 127 * d with d = 0.125: x/d hits halves
        }
        x[0] = 127 * 0.125f;
        for (int i = 32; i < 64 && i < n; i++) {
            x[i] = 0f;                           // block 1: all zero, d = 0
        }
        return x;
    }

    @Test
    void int8BlocksMatchTheReference() {
        for (int cols : new int[] {32, 96, 800, 6912}) {
            float[] x = inputs(cols, cols);
            short[] expected = new short[cols];
            short[] actual = new short[cols];
            float[] expectedScales = new float[cols / 32];
            float[] actualScales = new float[cols / 32];
            int[] expectedSums = new int[cols / 32];
            int[] actualSums = new int[cols / 32];
            ActivationQuantizer.int8Blocks(x, 0, cols, expected, 0, expectedScales, expectedSums, 0);
            VectorActivationQuantizer.int8Blocks(x, 0, cols, actual, 0, actualScales, actualSums, 0);
            assertArrayEquals(expected, actual, cols + " values");
            assertArrayEquals(expectedScales, actualScales, cols + " scales");
            assertArrayEquals(expectedSums, actualSums, cols + " sums");
        }
        // The ties of block 0 round to even: -15.5 / 0.125 = -124 exactly, 0.5 / 0.125 = 4; choose a real tie.
        float[] tie = new float[32];
        tie[0] = 127f;                           // d = 1
        tie[1] = 2.5f;
        tie[2] = -3.5f;
        short[] q = new short[32];
        VectorActivationQuantizer.int8Blocks(tie, 0, 32, q, 0, new float[1], new int[1], 0);
        assertEquals(2, q[1], "2.5 rounds to even");
        assertEquals(-4, q[2], "-3.5 rounds to even");
    }

    @Test
    void int8TokenMatchesTheReference() {
        for (int cols : new int[] {1, 17, 100, 2560, 6913}) {
            float[] x = inputs(cols, 7L * cols);
            short[] expected = new short[cols];
            short[] actual = new short[cols];
            int[] sums = new int[2];
            float s0 = ActivationQuantizer.int8Token(x, 0, cols, expected, 0, sums, 0);
            float s1 = VectorActivationQuantizer.int8Token(x, 0, cols, actual, 0, sums, 1);
            assertArrayEquals(expected, actual, cols + " values");
            assertEquals(s0, s1, cols + " scale");
            assertEquals(sums[0], sums[1], cols + " sum");
        }
    }

    @Test
    void nanInputGivesZerosAndANanScaleInBoth() {
        float[] x = inputs(64, 3);
        x[5] = Float.NaN;
        short[] expected = new short[64];
        short[] actual = new short[64];
        float[] scales = new float[4];
        ActivationQuantizer.int8Blocks(x, 0, 64, expected, 0, scales, new int[2], 0);
        VectorActivationQuantizer.int8Blocks(x, 0, 64, actual, 0, scales, new int[4], 2);
        assertArrayEquals(expected, actual);
        assertEquals(Float.NaN, scales[0]);
        assertEquals(Float.NaN, scales[2]);
        int[] sums = new int[2];
        float s0 = ActivationQuantizer.int8Token(x, 0, 64, expected, 0, sums, 0);
        float s1 = VectorActivationQuantizer.int8Token(x, 0, 64, actual, 0, sums, 1);
        assertArrayEquals(expected, actual);
        assertEquals(Float.NaN, s0);
        assertEquals(Float.NaN, s1);
    }
}
