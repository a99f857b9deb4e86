package io.quantbench.engine.format;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ternary layouts of bitnet.cpp, ggml and Hugging Face. Each is decoded here by a separate small
 * decoder written from reference/FORMATS.md, so a mistake shared by writer and reader would show.
 */
class TernaryInterchangeTest {

    private static byte[] randomTernary(int n, long seed) {
        Random random = new Random(seed);
        byte[] t = new byte[n];
        for (int i = 0; i < n; i++) {
            t[i] = (byte) (random.nextInt(3) - 1);
        }
        return t;
    }

    // FORMATS.md §2.4: byte b of each 32-byte block holds value b in bits 7:6, 32+b in 5:4, 64+b in 3:2, 96+b in 1:0.
    private static int i2sValue(byte[] data, int i) {
        int block = i / 128;
        int within = i % 128;
        int b = within % 32;
        int shift = 6 - 2 * (within / 32);
        return ((data[block * 32 + b] >> shift) & 3) - 1;
    }

    // FORMATS.md §2.6: for half j in {0, 32}, shift l in 0..3, m in 0..31: element j*4 + 32*l + m = (qs[j+m] >> 2l) & 3.
    private static int tq2Value(byte[] block, int e) {
        for (int j = 0; j < 64; j += 32) {
            for (int l = 0; l < 4; l++) {
                for (int m = 0; m < 32; m++) {
                    if (j * 4 + 32 * l + m == e) {
                        return ((block[j + m] >> (2 * l)) & 3) - 1;
                    }
                }
            }
        }
        throw new AssertionError(e);
    }

    @Test
    void i2sBytesAreTheCodesThenTheScaleTail() {
        int rows = 6;
        int cols = 384;
        byte[] t = randomTernary(rows * cols, 1);
        TernaryMatrix m = TernaryMatrix.of(t, 0.0123f, rows, cols);
        byte[] i2s = TernaryInterchange.toI2S(m);
        assertEquals(rows * cols / 4 + 32, i2s.length);
        for (int i = 0; i < t.length; i++) {
            assertEquals(t[i], i2sValue(i2s, i), "value " + i);
        }
        ByteBuffer tail = ByteBuffer.wrap(i2s, rows * cols / 4, 32).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 8; i++) {
            assertEquals(0.0123f, tail.getFloat(), "tail float " + i);
        }
        assertArrayEquals(java.util.Arrays.copyOf(m.codes(), rows * cols / 4), java.util.Arrays.copyOf(i2s, rows * cols / 4),
                "our rows are I2_S blocks");
        TernaryMatrix back = TernaryInterchange.fromI2S(i2s, rows, cols);
        assertArrayEquals(m.codes(), back.codes());
        assertEquals(m.scale(), back.scale());
    }

    @Test
    void i2sOfRowsThatStraddleBlocks() {
        int rows = 4;
        int cols = 96;                                            // 384 values: rows cross 128-value blocks
        byte[] t = randomTernary(rows * cols, 2);
        TernaryMatrix m = TernaryMatrix.of(t, 2f, rows, cols);
        byte[] i2s = TernaryInterchange.toI2S(m);
        for (int i = 0; i < t.length; i++) {
            assertEquals(t[i], i2sValue(i2s, i), "value " + i);
        }
        TernaryMatrix back = TernaryInterchange.fromI2S(i2s, rows, cols);
        assertArrayEquals(m.dequantize(), back.dequantize());
    }

    @Test
    void tq2RoundTripsAndMatchesTheSpecOrder() {
        int rows = 3;
        int cols = 512;
        byte[] t = randomTernary(rows * cols, 3);
        java.util.Arrays.fill(t, 256, 512, (byte) 0);            // row 0, block 1: all zero
        float scale = Float16.round(0.0371f);
        TernaryMatrix m = TernaryMatrix.of(t, scale, rows, cols);
        byte[] tq2 = TernaryInterchange.toTQ2_0(m);
        assertEquals(rows * 2 * 66, tq2.length);
        for (int block = 0; block < rows * 2; block++) {
            byte[] b = java.util.Arrays.copyOfRange(tq2, block * 66, block * 66 + 66);
            short d = (short) ((b[64] & 0xFF) | (b[65] << 8));
            assertEquals(block == 1 ? 0f : scale, Float16.toFloat(d), "block " + block + " scale (absmax)");
            for (int e = 0; e < 256; e++) {
                assertEquals(t[block * 256 + e], tq2Value(b, e), "block " + block + " element " + e);
            }
        }
        TernaryMatrix back = TernaryInterchange.fromTQ2_0(tq2, rows, cols);
        assertArrayEquals(m.codes(), back.codes());
        assertEquals(scale, back.scale());
        assertArrayEquals(tq2, TernaryInterchange.toTQ2_0(back), "TQ2_0 -> TERNARY -> TQ2_0 is byte-exact");
    }

    @Test
    void tq2WithDifferentBlockScalesIsRejected() {
        TernaryMatrix m = TernaryMatrix.of(randomTernary(512, 4), 1f, 1, 512);
        byte[] tq2 = TernaryInterchange.toTQ2_0(m);
        short other = Float16.fromFloat(2f);
        tq2[66 + 64] = (byte) other;
        tq2[66 + 65] = (byte) (other >> 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TernaryInterchange.fromTQ2_0(tq2, 1, 512));
        assertTrue(e.getMessage().contains("one scale per tensor"), e.getMessage());
    }

    @Test
    void hfPackedBandsAndScaleDirection() {
        int rows = 8;
        int cols = 5;
        byte[] t = randomTernary(rows * cols, 5);
        TernaryMatrix m = TernaryMatrix.of(t, 0.25f, rows, cols);
        byte[] packed = TernaryInterchange.toHfPacked(m);
        assertEquals(2 * cols, packed.length);
        // FORMATS.md §1.3: bits [2i+1:2i] of packed[r, c] hold the weight of row i*R + r, stored as w + 1.
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < cols; c++) {
                for (int i = 0; i < 4; i++) {
                    assertEquals(t[(i * 2 + r) * cols + c], ((packed[r * cols + c] >> (2 * i)) & 3) - 1);
                }
            }
        }
        assertEquals(4f, TernaryInterchange.hfWeightScale(m), "weight_scale is the divisor 1/scale");
        TernaryMatrix back = TernaryInterchange.fromHfPacked(packed, 4f, rows, cols);
        assertArrayEquals(m.dequantize(), back.dequantize());
    }

    @Test
    void hfScaleRoundTripsAtBfloat16Precision() {
        Random random = new Random(6);
        for (int i = 0; i < 10_000; i++) {
            // A bfloat16 weight_scale as the file stores it: the top 16 bits of a float.
            float stored = Float.intBitsToFloat((Float.floatToIntBits(1f + random.nextFloat() * 100f)) & 0xFFFF0000);
            TernaryMatrix m = TernaryInterchange.fromHfPacked(new byte[4], stored, 4, 4);
            int back = Float.floatToIntBits(TernaryInterchange.hfWeightScale(m));
            int rounded = (back + 0x7FFF + ((back >> 16) & 1)) & 0xFFFF0000;   // round to nearest even bfloat16
            assertEquals(stored, Float.intBitsToFloat(rounded), "weight_scale " + stored);
        }
    }

    @Test
    void invalidCodesAndShapesAreRejected() {
        byte[] i2s = new byte[128 / 4 + 32];
        i2s[3] = (byte) 0xC0;                                     // code 3 for value 3
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TernaryInterchange.fromI2S(i2s, 1, 128));
        assertTrue(e.getMessage().contains("byte 3") && e.getMessage().contains("code 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TernaryInterchange.fromI2S(new byte[10], 1, 128));
        assertTrue(e.getMessage().contains("needs 36 bytes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TernaryInterchange.toI2S(TernaryMatrix.of(new byte[100], 1f, 1, 100)));
        assertTrue(e.getMessage().contains("multiple of 128"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TernaryInterchange.fromHfPacked(new byte[3], 1f, 6, 1));
        assertTrue(e.getMessage().contains("multiple of 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TernaryInterchange.fromHfPacked(new byte[1], 0f, 4, 1));
        assertTrue(e.getMessage().contains("positive"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TernaryMatrix.of(new byte[] {2}, 1f, 1, 1));
        assertTrue(e.getMessage().contains("not ternary"), e.getMessage());
    }

    @Test
    void quantizedMatrixConvertsToEveryLayoutAndBack() {
        int rows = 8;
        int cols = 512;
        Random random = new Random(7);
        float[] w = new float[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian() * 0.02f;
        }
        TernaryMatrix m = (TernaryMatrix) WeightFormat.TERNARY.quantize(w, rows, cols);
        assertArrayEquals(m.dequantize(), TernaryInterchange.fromI2S(TernaryInterchange.toI2S(m), rows, cols).dequantize());
        assertArrayEquals(m.codes(), TernaryInterchange.fromTQ2_0(TernaryInterchange.toTQ2_0(m), rows, cols).codes());
        assertArrayEquals(m.codes(), TernaryInterchange.fromHfPacked(TernaryInterchange.toHfPacked(m),
                TernaryInterchange.hfWeightScale(m), rows, cols).codes());
    }
}
