package io.quantbench.engine.io;

import io.quantbench.engine.format.TernaryMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ternary GGUF tensors (I2_S, TQ2_0, TQ1_0) convert exactly to TERNARY. The bytes are encoded here from
 * reference/FORMATS.md (§2.4, §2.6), so the reader is checked against the layouts, not against itself.
 */
class TernaryTensorTest {

    private static final int ROWS = 3;
    private static final int COLS = 512;
    private static final short HALF_SCALE = 0x2E66;              // about 0.0999, exact in float16

    @TempDir
    Path dir;

    private static int[] randomTernary(long seed) {
        Random random = new Random(seed);
        int[] t = new int[ROWS * COLS];
        for (int i = 0; i < t.length; i++) {
            t[i] = random.nextInt(3) - 1;
        }
        return t;
    }

    private static byte[] i2s(int[] t, float scale) {
        byte[] data = new byte[t.length / 4 + 32];
        for (int e = 0; e < t.length; e++) {
            int b = e / 128 * 32 + e % 32;
            int shift = 6 - 2 * ((e % 128) / 32);
            data[b] |= (byte) ((t[e] + 1) << shift);
        }
        GgmlTypeRoundTripTest.putFloat(data, t.length / 4, scale);
        return data;
    }

    private static byte[] tq2_0(int[] t, short d) {
        byte[] data = new byte[t.length / 256 * 66];
        for (int e = 0; e < t.length; e++) {
            int block = e / 256 * 66;
            int within = e % 256;
            int b = block + within / 128 * 32 + within % 32;
            data[b] |= (byte) ((t[e] + 1) << (2 * ((within % 128) / 32)));
        }
        for (int block = 0; block < data.length; block += 66) {
            data[block + 64] = (byte) d;
            data[block + 65] = (byte) (d >> 8);
        }
        return data;
    }

    private static byte[] tq1_0(int[] t, short d) {
        byte[] data = new byte[t.length / 256 * 54];
        for (int block = 0; block < t.length / 256; block++) {
            int base = block * 256;
            int at = block * 54;
            for (int m = 0; m < 32; m++) {
                data[at + m] = (byte) GgmlReference.tq1Byte(trits(t, base, m, 32, 5));
            }
            for (int m = 0; m < 16; m++) {
                data[at + 32 + m] = (byte) GgmlReference.tq1Byte(trits(t, base + 160, m, 16, 5));
            }
            for (int j = 0; j < 4; j++) {
                data[at + 48 + j] = (byte) GgmlReference.tq1Byte(trits(t, base + 240, j, 4, 4));
            }
            data[at + 52] = (byte) d;
            data[at + 53] = (byte) (d >> 8);
        }
        return data;
    }

    /** Codes (t + 1) of elements {@code start + n * stride + m} for n = 0 .. count-1. */
    private static int[] trits(int[] t, int start, int m, int stride, int count) {
        int[] codes = new int[count];
        for (int n = 0; n < count; n++) {
            codes[n] = t[start + n * stride + m] + 1;
        }
        return codes;
    }

    private CheckpointTensor written(String arch, GgmlType type, byte[] data) throws IOException {
        Path file = dir.resolve(type + ".gguf");
        new GgufWriter().put(GgufKeys.ARCHITECTURE, GgufValue.string(arch))
                .addTensor("w", type, new long[] {COLS, ROWS}, data).write(file);
        return GgufFile.open(file).tensorData("w");
    }

    private static void assertTernary(int[] t, float scale, TernaryMatrix m) {
        assertEquals(ROWS, m.rows());
        assertEquals(COLS, m.cols());
        assertEquals(scale, m.scale());
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                assertEquals(t[r * COLS + c], m.value(r, c), "row " + r + " column " + c);
            }
        }
    }

    @Test
    void i2sConvertsExactly() throws IOException {
        int[] t = randomTernary(1);
        CheckpointTensor tensor = written("bitnet-b1.58", GgmlType.I2_S, i2s(t, 0.8125f));
        assertTrue(tensor.isTernary());
        assertTernary(t, 0.8125f, tensor.ternary());
        float[] values = tensor.dequantize();
        for (int e = 0; e < t.length; e++) {
            assertEquals(t[e] * 0.8125f, values[e], 0f);
        }
    }

    @Test
    void tq2_0ConvertsExactly() throws IOException {
        int[] t = randomTernary(2);
        assertTernary(t, GgmlReference.half(HALF_SCALE), written("llama", GgmlType.TQ2_0, tq2_0(t, HALF_SCALE)).ternary());
    }

    @Test
    void tq1_0ConvertsExactly() throws IOException {
        int[] t = randomTernary(3);
        CheckpointTensor tensor = written("llama", GgmlType.TQ1_0, tq1_0(t, HALF_SCALE));
        assertTernary(t, GgmlReference.half(HALF_SCALE), tensor.ternary());
        float[] values = tensor.dequantize();
        for (int e = 0; e < t.length; e++) {
            assertEquals(t[e] * GgmlReference.half(HALF_SCALE), values[e], 0f, "element " + e);
        }
    }

    @Test
    void blocksWithDifferentScalesAreNotOneTernaryTensor() throws IOException {
        int[] t = randomTernary(4);
        byte[] data = tq1_0(t, HALF_SCALE);
        data[54 + 52] ^= 1;                                       // the second block's scale
        FileFormatException e = assertThrows(FileFormatException.class, () -> written("llama", GgmlType.TQ1_0, data).ternary());
        assertTrue(e.getMessage().contains("block 1") && e.getMessage().contains("one scale per tensor"), e.getMessage());
        byte[] tq2 = tq2_0(t, HALF_SCALE);
        tq2[66 + 64] ^= 1;
        e = assertThrows(FileFormatException.class, () -> written("llama", GgmlType.TQ2_0, tq2).ternary());
        assertTrue(e.getMessage().contains("tensor w"), e.getMessage());
    }

    @Test
    void anAllZeroBlockMayCarryAnyScale() throws IOException {
        int[] t = randomTernary(5);
        java.util.Arrays.fill(t, 256, 512, 0);
        byte[] data = tq1_0(t, HALF_SCALE);
        data[54 + 52] = 0;                                        // the all-zero block says scale 0, as ggml writes it
        data[54 + 53] = 0;
        assertTernary(t, GgmlReference.half(HALF_SCALE), written("llama", GgmlType.TQ1_0, data).ternary());
    }

    @Test
    void code3IsNotTernary() throws IOException {
        int[] t = randomTernary(6);
        byte[] data = i2s(t, 1f);
        data[5] |= (byte) 0xC0;
        FileFormatException e = assertThrows(FileFormatException.class, () -> written("bitnet", GgmlType.I2_S, data).ternary());
        assertTrue(e.getMessage().contains("code 3"), e.getMessage());
    }

    @Test
    void otherTypesAreNotTernary() throws IOException {
        CheckpointTensor f32 = written("llama", GgmlType.F32, new byte[COLS * ROWS * 4]);
        assertFalse(f32.isTernary());
        IllegalStateException e = assertThrows(IllegalStateException.class, f32::ternary);
        assertTrue(e.getMessage().contains("F32"), e.getMessage());
    }
}
