package io.quantbench.engine.format;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeightFormatTest {

    private static float[] gaussian(int n, long seed, double sigma) {
        Random random = new Random(seed);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (random.nextGaussian() * sigma);
        }
        return w;
    }

    @Test
    void f32IsExact() {
        float[] w = gaussian(3 * 37, 1, 1);
        assertEquals(java.util.Arrays.toString(w), java.util.Arrays.toString(WeightFormat.F32.quantize(w, 3, 37).dequantize()));
    }

    /** INT8 error per block: at most absmax * (1/254 + 2^-11), as Int8Matrix states. */
    @Test
    void int8ErrorWithinItsBound() {
        int rows = 7;
        int cols = 800;
        float[] w = gaussian(rows * cols, 2, 0.05);
        w[123] = 40f;                                              // one huge outlier in its block
        float[] back = WeightFormat.INT8.quantize(w, rows, cols).dequantize();
        double worstRatio = 0;
        for (int b = 0; b < rows * cols / 32; b++) {
            float absmax = 0;
            for (int i = 0; i < 32; i++) {
                absmax = Math.max(absmax, Math.abs(w[b * 32 + i]));
            }
            for (int i = 0; i < 32; i++) {
                double error = Math.abs(w[b * 32 + i] - back[b * 32 + i]);
                worstRatio = Math.max(worstRatio, error / absmax);
                assertTrue(error <= absmax * (1.0 / 254 + 0x1p-11), "block " + b + " value " + i + ": error " + error);
            }
        }
        assertTrue(worstRatio > 1.0 / 300, "the bound should be nearly reached on random data, worst " + worstRatio);
    }

    /** INT4 error per block: at most absmax * (1/8 + 2^-10); the extreme value itself is kept (to float16 precision). */
    @Test
    void int4ErrorWithinItsBound() {
        int rows = 5;
        int cols = 96;
        float[] w = gaussian(rows * cols, 3, 1);
        float[] back = WeightFormat.INT4.quantize(w, rows, cols).dequantize();
        for (int b = 0; b < rows * cols / 32; b++) {
            float absmax = 0;
            int extreme = 0;
            for (int i = 0; i < 32; i++) {
                if (Math.abs(w[b * 32 + i]) > absmax) {
                    absmax = Math.abs(w[b * 32 + i]);
                    extreme = i;
                }
            }
            for (int i = 0; i < 32; i++) {
                double error = Math.abs(w[b * 32 + i] - back[b * 32 + i]);
                assertTrue(error <= absmax * (1.0 / 8 + 0x1p-10), "block " + b + " value " + i + ": error " + error);
            }
            assertEquals(w[b * 32 + extreme], back[b * 32 + extreme], absmax * 0x1p-10, "block " + b + " extreme");
        }
    }

    @Test
    void int4UsesTheWholeSignedRange() {
        float[] w = new float[32];
        for (int i = 0; i < 32; i++) {
            w[i] = -8 + i * 15f / 31;                               // -8 .. 7
        }
        Int4Matrix m = (Int4Matrix) WeightFormat.INT4.quantize(w, 1, 32);
        assertEquals(1f, Float16.toFloat(m.scales()[0]));          // d = -8 / -8
        for (int i = 0; i < 32; i++) {
            assertEquals(Math.max(-8, Math.min(7, Math.round(w[i]))), m.value(0, 0, i), "value " + i);
        }
    }

    /** TERNARY: BitNet's absmean rule written out again: t = clamp(rint(w / mean|w|), -1, 1). */
    @Test
    void ternaryFollowsBitNetAbsmean() {
        int rows = 6;
        int cols = 300;                                             // not a multiple of 128: rows are padded
        float[] w = gaussian(rows * cols, 4, 0.02);
        w[5] = 0.5f;                                                // an outlier is clipped to +1
        double sum = 0;
        for (float v : w) {
            sum += Math.abs(v);
        }
        float scale = (float) (sum / w.length);
        TernaryMatrix m = (TernaryMatrix) WeightFormat.TERNARY.quantize(w, rows, cols);
        assertEquals(scale, m.scale());
        for (int i = 0; i < w.length; i++) {
            int expected = (int) Math.max(-1, Math.min(1, Math.rint(w[i] / scale)));
            assertEquals(expected, m.value(i / cols, i % cols), "weight " + i);
            assertEquals(expected * scale, m.dequantize()[i], "dequantized weight " + i);
        }
        assertEquals(1, m.value(0, 5));
        assertEquals(rows * 96 + 4, m.storageBytes(), "3 blocks of 32 bytes per row, plus the scale");
    }

    @Test
    void allZeroMatricesQuantize() {
        float[] zero = new float[4 * 64];
        for (WeightFormat format : WeightFormat.values()) {
            QuantizedMatrix m = format.quantize(zero, 4, 64);
            for (float v : m.dequantize()) {
                assertEquals(0f, v, format.toString());
            }
        }
        assertEquals(TernaryMatrix.MIN_SCALE, ((TernaryMatrix) WeightFormat.TERNARY.quantize(zero, 4, 64)).scale());
    }

    @Test
    void storageAndBitsPerWeight() {
        assertEquals(32.0, WeightFormat.F32.bitsPerWeight(2560, 6912));
        assertEquals(8.5, WeightFormat.INT8.bitsPerWeight(2560, 6912));
        assertEquals(4.5, WeightFormat.INT4.bitsPerWeight(2560, 6912));
        assertEquals(2.0, WeightFormat.TERNARY.bitsPerWeight(2560, 6912), 1e-5);   // plus one float per tensor
        // ANCHORS.md: 2560x6912 holds 70.779 MB in F32, 18.801 MB in Q8_0, 9.953 MB in Q4_0, 4.424 MB in I2_S.
        assertEquals(70_778_880L, WeightFormat.F32.storageBytes(2560, 6912));
        assertEquals(18_800_640L, WeightFormat.INT8.storageBytes(2560, 6912));
        assertEquals(9_953_280L, WeightFormat.INT4.storageBytes(2560, 6912));
        assertEquals(4_423_684L, WeightFormat.TERNARY.storageBytes(2560, 6912));
        for (WeightFormat format : WeightFormat.values()) {
            QuantizedMatrix m = format.quantize(gaussian(3 * 256, 5, 1), 3, 256);
            assertEquals(format.storageBytes(3, 256), m.storageBytes(), format.toString());
            assertEquals(format.bitsPerWeight(3, 256), m.bitsPerWeight(), 1e-12, format.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(WeightFormat.class)
    void nanAndInfinityAreRejectedWithTheirPosition(WeightFormat format) {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            float[] w = gaussian(3 * 64, 6, 1);
            w[2 * 64 + 17] = bad;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> format.quantize(w, 3, 64));
            assertTrue(e.getMessage().contains("row 2, column 17") && e.getMessage().contains(String.valueOf(bad)),
                    e.getMessage());
        }
    }

    @Test
    void shapesTheFormatCannotTakeAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WeightFormat.INT8.quantize(new float[40], 1, 40));
        assertTrue(e.getMessage().contains("multiple of 32"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WeightFormat.INT4.quantize(new float[64], 3, 32));
        assertTrue(e.getMessage().contains("needs 96 weights"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WeightFormat.F32.quantize(new float[0], 0, 4));
        assertTrue(e.getMessage().contains("positive"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WeightFormat.INT8.quantize(new float[] {1e7f, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 1, 32));
        assertTrue(e.getMessage().contains("float16"), e.getMessage());
    }

    @Test
    void formatNamesParseWithAHelpfulError() {
        assertEquals(WeightFormat.INT4, WeightFormat.parse("int4"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WeightFormat.parse("Q4_K"));
        assertEquals("unknown weight format 'Q4_K'; valid formats: F32, INT8, INT4, TERNARY", e.getMessage());
    }

    @Test
    void copiesAreIndependentAndEqual() {
        for (WeightFormat format : WeightFormat.values()) {
            QuantizedMatrix m = format.quantize(gaussian(2 * 128, 7, 1), 2, 128);
            QuantizedMatrix c = m.copy();
            assertEquals(java.util.Arrays.toString(m.dequantize()), java.util.Arrays.toString(c.dequantize()));
        }
        Int8Matrix a = (Int8Matrix) WeightFormat.INT8.quantize(gaussian(64, 8, 1), 1, 64);
        assertTrue(a.quants() != a.copy().quants());
    }
}
