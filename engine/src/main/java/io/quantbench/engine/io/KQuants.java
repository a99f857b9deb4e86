package io.quantbench.engine.io;

import io.quantbench.engine.format.Float16;

import java.nio.ByteBuffer;

/**
 * ggml's k-quants: super-blocks of 256 values in sub-blocks with their own 6-bit (Q4_K, Q5_K) or 8-bit
 * (Q6_K) scales. Layouts from reference/FORMATS.md §3; float operations in ggml-quants.c's order
 * ({@code (d * sc) * q - dmin * m}), so results match it bit for bit.
 */
final class KQuants {

    static final int QK_K = 256;

    private KQuants() {
    }

    /**
     * The 6-bit scale (low 8 bits of the result) and minimum (bits 8..15) of sub-block {@code j} (0..7) from
     * the 12 packed scale bytes at {@code s}: ggml's {@code get_scale_min_k4}.
     */
    private static int scaleMin(ByteBuffer x, int s, int j) {
        int sc;
        int m;
        if (j < 4) {
            sc = x.get(s + j) & 63;
            m = x.get(s + j + 4) & 63;
        } else {
            int hi = x.get(s + j + 4) & 0xFF;
            sc = (hi & 0x0F) | (((x.get(s + j - 4) & 0xFF) >> 6) << 4);
            m = (hi >> 4) | (((x.get(s + j) & 0xFF) >> 6) << 4);
        }
        return sc | (m << 8);
    }

    /** Q4_K, 144 bytes: d, dmin, 12 scale bytes, 128 bytes of nibbles (per 64 values: 32 low nibbles, then 32 high). */
    static void q4_K(ByteBuffer x, int at, float[] y, int yAt, int blocks) {
        scaledNibbles(x, at, y, yAt, blocks, 144, false);
    }

    /** Q5_K, 176 bytes: as Q4_K with 32 bytes of fifth bits before the nibbles (bit 2c / 2c+1 of qh[l] for chunk c). */
    static void q5_K(ByteBuffer x, int at, float[] y, int yAt, int blocks) {
        scaledNibbles(x, at, y, yAt, blocks, 176, true);
    }

    /** Q4_K and Q5_K: {@code y = (d * sc) * q - dmin * m} per 32-value sub-block, q with a fifth bit for Q5_K. */
    private static void scaledNibbles(ByteBuffer x, int at, float[] y, int yAt, int blocks, int blockBytes, boolean fifthBit) {
        for (int b = 0; b < blocks; b++, at += blockBytes) {
            float d = Float16.toFloat(x.getShort(at));
            float min = Float16.toFloat(x.getShort(at + 2));
            int scales = at + 4;
            int qh = at + 16;
            int ql = at + (fifthBit ? 48 : 16);
            for (int chunk = 0; chunk < 4; chunk++, ql += 32) {
                int sm1 = scaleMin(x, scales, 2 * chunk);
                int sm2 = scaleMin(x, scales, 2 * chunk + 1);
                float d1 = d * (sm1 & 0xFF);
                float m1 = min * (sm1 >> 8);
                float d2 = d * (sm2 & 0xFF);
                float m2 = min * (sm2 >> 8);
                for (int l = 0; l < 32; l++) {
                    int q = x.get(ql + l) & 0xFF;
                    int h = fifthBit ? x.get(qh + l) >> (2 * chunk) : 0;
                    y[yAt + l] = d1 * ((q & 0x0F) + ((h & 1) << 4)) - m1;
                    y[yAt + 32 + l] = d2 * ((q >> 4) + ((h & 2) << 3)) - m2;
                }
                yAt += 64;
            }
        }
    }

    /** Q6_K, 210 bytes: 128 bytes low nibbles, 64 bytes of 2-bit highs, 16 int8 scales, then d (at the end). */
    static void q6_K(ByteBuffer x, int at, float[] y, int yAt, int blocks) {
        for (int b = 0; b < blocks; b++, at += 210) {
            float d = Float16.toFloat(x.getShort(at + 208));
            int ql = at;
            int qh = at + 128;
            int sc = at + 192;
            for (int half = 0; half < 2; half++, ql += 64, qh += 32, sc += 8) {
                for (int l = 0; l < 32; l++) {
                    int is = l / 16;
                    int h = x.get(qh + l) & 0xFF;
                    int lo = x.get(ql + l) & 0xFF;
                    int lo32 = x.get(ql + l + 32) & 0xFF;
                    int q1 = ((lo & 0x0F) | ((h & 3) << 4)) - 32;
                    int q2 = ((lo32 & 0x0F) | (((h >> 2) & 3) << 4)) - 32;
                    int q3 = ((lo >> 4) | (((h >> 4) & 3) << 4)) - 32;
                    int q4 = ((lo32 >> 4) | (((h >> 6) & 3) << 4)) - 32;
                    y[yAt + l] = d * x.get(sc + is) * q1;
                    y[yAt + l + 32] = d * x.get(sc + is + 2) * q2;
                    y[yAt + l + 64] = d * x.get(sc + is + 4) * q3;
                    y[yAt + l + 96] = d * x.get(sc + is + 6) * q4;
                }
                yAt += 128;
            }
        }
    }
}
