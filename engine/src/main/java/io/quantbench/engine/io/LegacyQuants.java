package io.quantbench.engine.io;

import io.quantbench.engine.format.Float16;

import java.nio.ByteBuffer;

/**
 * ggml's first block quantizations: 32 values per block, one float16 scale {@code d} first (and a float16
 * minimum {@code m} for the {@code _1} types). Layouts from reference/FORMATS.md §3; each method is the
 * counterpart of ggml-quants.c's {@code dequantize_row_*}, with its float operations in the same order so
 * results match bit for bit.
 */
final class LegacyQuants {

    static final int QK = 32;

    private LegacyQuants() {
    }

    private static float half(ByteBuffer x, int at) {
        return Float16.toFloat(x.getShort(at));
    }

    /** Q8_0, 34 bytes: d, then 32 int8; y = q * d. */
    static void q8_0(ByteBuffer x, int at, float[] y, int yAt, int blocks) {
        for (int b = 0; b < blocks; b++, at += 34, yAt += QK) {
            float d = half(x, at);
            for (int j = 0; j < QK; j++) {
                y[yAt + j] = x.get(at + 2 + j) * d;
            }
        }
    }

    /** Q4_0, 18 bytes: d, then 16 bytes; value j is the low nibble of byte j, value j+16 the high nibble; y = (q - 8) * d. */
    static void q4_0(ByteBuffer x, int at, float[] y, int yAt, int blocks) {
        for (int b = 0; b < blocks; b++, at += 18, yAt += QK) {
            float d = half(x, at);
            for (int j = 0; j < QK / 2; j++) {
                int q = x.get(at + 2 + j);
                y[yAt + j] = ((q & 0x0F) - 8) * d;
                y[yAt + j + QK / 2] = (((q >> 4) & 0x0F) - 8) * d;
            }
        }
    }

    /** Q4_1, 20 bytes: d, m, then nibbles as Q4_0; y = q * d + m. */
    static void q4_1(ByteBuffer x, int at, float[] y, int yAt, int blocks) {
        for (int b = 0; b < blocks; b++, at += 20, yAt += QK) {
            float d = half(x, at);
            float m = half(x, at + 2);
            for (int j = 0; j < QK / 2; j++) {
                int q = x.get(at + 4 + j);
                y[yAt + j] = (q & 0x0F) * d + m;
                y[yAt + j + QK / 2] = ((q >> 4) & 0x0F) * d + m;
            }
        }
    }

    /** Q5_0, 22 bytes: d, a 32-bit word of fifth bits (bit j for value j), then nibbles as Q4_0; y = (q - 16) * d. */
    static void q5_0(ByteBuffer x, int at, float[] y, int yAt, int blocks) {
        for (int b = 0; b < blocks; b++, at += 22, yAt += QK) {
            float d = half(x, at);
            int qh = x.getInt(at + 2);
            for (int j = 0; j < QK / 2; j++) {
                int q = x.get(at + 6 + j);
                int low = (q & 0x0F) | (((qh >>> j) & 1) << 4);
                int high = ((q >> 4) & 0x0F) | (((qh >>> (j + 16)) & 1) << 4);
                y[yAt + j] = (low - 16) * d;
                y[yAt + j + QK / 2] = (high - 16) * d;
            }
        }
    }

    /** Q5_1, 24 bytes: d, m, the fifth bits, then nibbles; y = q * d + m. */
    static void q5_1(ByteBuffer x, int at, float[] y, int yAt, int blocks) {
        for (int b = 0; b < blocks; b++, at += 24, yAt += QK) {
            float d = half(x, at);
            float m = half(x, at + 2);
            int qh = x.getInt(at + 4);
            for (int j = 0; j < QK / 2; j++) {
                int q = x.get(at + 8 + j);
                int low = (q & 0x0F) | (((qh >>> j) & 1) << 4);
                int high = ((q >> 4) & 0x0F) | (((qh >>> (j + 16)) & 1) << 4);
                y[yAt + j] = low * d + m;
                y[yAt + j + QK / 2] = high * d + m;
            }
        }
    }
}
