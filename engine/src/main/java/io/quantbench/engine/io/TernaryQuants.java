package io.quantbench.engine.io;

import io.quantbench.engine.format.Float16;

import java.nio.ByteBuffer;

/**
 * The ternary types: ggml's TQ1_0 and TQ2_0 (256 values per block, a float16 scale at the end of each block,
 * FORMATS.md §2.6) and bitnet.cpp's I2_S (2-bit codes in 128-value blocks and one float32 scale per tensor,
 * §2.4). A code c in {0, 1, 2} means the value (c - 1) times the scale. Float dequantization follows ggml's
 * formula for every code, so the unused code 3 of the 2-bit layouts gives 2 * scale as ggml computes it;
 * the exact conversion to TERNARY ({@code TernaryInterchange}, {@link #tq1_0Codes}) rejects it instead.
 */
final class TernaryQuants {

    static final int QK_K = 256;
    static final int TQ1_0_BYTES = 54;
    static final int TQ2_0_BYTES = 66;

    private static final int[] POW3 = {1, 3, 9, 27, 81, 243};

    private TernaryQuants() {
    }

    /** Trit {@code n} (0 first, most significant) of a TQ1_0 byte: {@code ((uint8)(b * 3^n) * 3) >> 8}. */
    private static int trit(int b, int n) {
        int q = (b * POW3[n]) & 0xFF;
        return (q * 3) >> 8;
    }

    /**
     * The 256 codes (0, 1, 2) of the TQ1_0 block at {@code at}, in element order: qs[0..31] give elements
     * {@code n*32 + m}, qs[32..47] give {@code 160 + n*16 + m}, qh[0..3] give {@code 240 + n*4 + j}.
     */
    static void tq1_0Codes(ByteBuffer x, int at, byte[] codes) {
        int e = 0;
        for (int n = 0; n < 5; n++) {
            for (int m = 0; m < 32; m++) {
                codes[e++] = (byte) trit(x.get(at + m) & 0xFF, n);
            }
        }
        for (int n = 0; n < 5; n++) {
            for (int m = 0; m < 16; m++) {
                codes[e++] = (byte) trit(x.get(at + 32 + m) & 0xFF, n);
            }
        }
        for (int n = 0; n < 4; n++) {
            for (int j = 0; j < 4; j++) {
                codes[e++] = (byte) trit(x.get(at + 48 + j) & 0xFF, n);
            }
        }
    }

    /** The float16 scale of the TQ1_0 block at {@code at} (its last two bytes). */
    static short tq1_0Scale(ByteBuffer x, int at) {
        return x.getShort(at + 52);
    }

    /** TQ1_0, 54 bytes: qs[48] (5 trits a byte), qh[4] (4 trits a byte), d. */
    static void tq1_0(ByteBuffer x, int at, float[] y, int yAt, int blocks) {
        byte[] codes = new byte[QK_K];
        for (int b = 0; b < blocks; b++, at += TQ1_0_BYTES, yAt += QK_K) {
            tq1_0Codes(x, at, codes);
            float d = Float16.toFloat(tq1_0Scale(x, at));
            for (int e = 0; e < QK_K; e++) {
                y[yAt + e] = (codes[e] - 1) * d;
            }
        }
    }

    /** TQ2_0, 66 bytes: qs[64], d; for half j in {0, 32}, shift l, m: element {@code 4j + 32l + m} = bits 2l of qs[j + m]. */
    static void tq2_0(ByteBuffer x, int at, float[] y, int yAt, int blocks) {
        for (int b = 0; b < blocks; b++, at += TQ2_0_BYTES) {
            float d = Float16.toFloat(x.getShort(at + 64));
            for (int j = 0; j < 64; j += 32) {
                for (int l = 0; l < 4; l++) {
                    for (int m = 0; m < 32; m++) {
                        int code = (x.get(at + j + m) >> (2 * l)) & 3;
                        y[yAt++] = (code - 1) * d;
                    }
                }
            }
        }
    }

    /**
     * I2_S (x86 layout), 32 bytes per 128 values: byte b holds value b in bits 7:6, 32+b in 5:4, 64+b in 3:2,
     * 96+b in 1:0. {@code scale} is the tensor's float32 scale, read from its tail.
     */
    static void i2s(ByteBuffer x, int at, float scale, float[] y, int yAt, int blocks) {
        for (int b = 0; b < blocks; b++, at += 32, yAt += 128) {
            for (int i = 0; i < 32; i++) {
                int v = x.get(at + i);
                y[yAt + i] = (((v >> 6) & 3) - 1) * scale;
                y[yAt + 32 + i] = (((v >> 4) & 3) - 1) * scale;
                y[yAt + 64 + i] = (((v >> 2) & 3) - 1) * scale;
                y[yAt + 96 + i] = ((v & 3) - 1) * scale;
            }
        }
    }
}
