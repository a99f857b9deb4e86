package io.quantbench.engine.io;

/**
 * Scalar decoders for the ggml types, written from reference/FORMATS.md (§2.4, §2.6, §3) one element at a
 * time, independently of the production decoders (which work a block at a time): a mistake shared by the
 * writer and the reader would not hide here. Each returns element {@code e} of the tensor in {@code data}.
 */
final class GgmlReference {

    private GgmlReference() {
    }

    private static int u8(byte[] d, int i) {
        return d[i] & 0xFF;
    }

    private static int u16(byte[] d, int i) {
        return u8(d, i) | (u8(d, i + 1) << 8);
    }

    /** IEEE binary16 to float, from the definition: (-1)^s * 2^(e-15) * 1.m, or 2^-14 * 0.m for e = 0. */
    static float half(int bits) {
        int sign = (bits >> 15) & 1;
        int exponent = (bits >> 10) & 31;
        int mantissa = bits & 1023;
        double magnitude;
        if (exponent == 31) {
            magnitude = mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else if (exponent == 0) {
            magnitude = Math.scalb((double) mantissa, -24);
        } else {
            magnitude = Math.scalb(1024.0 + mantissa, exponent - 25);
        }
        return (float) (sign == 1 ? -magnitude : magnitude);
    }

    private static float halfAt(byte[] d, int i) {
        return half(u16(d, i));
    }

    static float value(GgmlType type, byte[] data, long elements, int e) {
        switch (type) {
            case F32:
                return Float.intBitsToFloat(u16(data, 4 * e) | (u16(data, 4 * e + 2) << 16));
            case F16:
                return halfAt(data, 2 * e);
            case BF16:
                return Float.intBitsToFloat(u16(data, 2 * e) << 16);
            case I8:
                return data[e];
            case Q8_0:
                return q8_0(data, e / 32 * 34, e % 32);
            case Q4_0:
                return q4(data, e / 32 * 18, e % 32, false);
            case Q4_1:
                return q4(data, e / 32 * 20, e % 32, true);
            case Q5_0:
                return q5(data, e / 32 * 22, e % 32, false);
            case Q5_1:
                return q5(data, e / 32 * 24, e % 32, true);
            case Q4_K:
                return qk(data, e / 256 * 144, e % 256, false);
            case Q5_K:
                return qk(data, e / 256 * 176, e % 256, true);
            case Q6_K:
                return q6_K(data, e / 256 * 210, e % 256);
            case TQ2_0:
                return tq2_0(data, e / 256 * 66, e % 256);
            case TQ1_0:
                return tq1_0(data, e / 256 * 54, e % 256);
            case I2_S:
                return i2s(data, elements, e);
            default:
                throw new AssertionError(type);
        }
    }

    // Q8_0: d f16, qs[32] int8; y = d*q.
    private static float q8_0(byte[] d, int block, int j) {
        return halfAt(d, block) * d[block + 2 + j];
    }

    // Q4_0 / Q4_1: d (and m), qs[16]; elem j < 16 is the low nibble of qs[j], elem j >= 16 the high nibble of qs[j-16].
    private static float q4(byte[] d, int block, int j, boolean withMin) {
        int qs = block + (withMin ? 4 : 2);
        int q = j < 16 ? u8(d, qs + j) & 15 : u8(d, qs + j - 16) >> 4;
        float scale = halfAt(d, block);
        return withMin ? q * scale + halfAt(d, block + 2) : (q - 8) * scale;
    }

    // Q5_0 / Q5_1: d (and m), qh as a u32 LE, qs[16]; the 5th bit of elem j is bit j of qh.
    private static float q5(byte[] d, int block, int j, boolean withMin) {
        int qhAt = block + (withMin ? 4 : 2);
        long qh = u16(d, qhAt) | ((long) u16(d, qhAt + 2) << 16);
        int qs = qhAt + 4;
        int low = j < 16 ? u8(d, qs + j) & 15 : u8(d, qs + j - 16) >> 4;
        int q = low | (int) (((qh >> j) & 1) << 4);
        float scale = halfAt(d, block);
        return withMin ? q * scale + halfAt(d, block + 2) : (q - 16) * scale;
    }

    // Q4_K / Q5_K: d, dmin, scales[12], (qh[32] for Q5_K), qs[128]. Sub-block s of 32 values has a 6-bit
    // scale and min: s < 4: sc = S[s] & 63, mn = S[s+4] & 63; s >= 4: sc = (S[s+4] & 0xF) | ((S[s-4] >> 6) << 4),
    // mn = (S[s+4] >> 4) | ((S[s] >> 6) << 4). Chunk c of 64 values uses qs[32c .. 32c+31]: low nibbles then high.
    private static float qk(byte[] d, int block, int e, boolean fiveBit) {
        int s = block + 4;
        int sub = e / 32;
        int sc;
        int mn;
        if (sub < 4) {
            sc = u8(d, s + sub) & 63;
            mn = u8(d, s + sub + 4) & 63;
        } else {
            sc = (u8(d, s + sub + 4) & 0xF) | ((u8(d, s + sub - 4) >> 6) << 4);
            mn = (u8(d, s + sub + 4) >> 4) | ((u8(d, s + sub) >> 6) << 4);
        }
        int chunk = e / 64;
        int l = e % 32;
        boolean high = (e % 64) >= 32;
        int qs = block + (fiveBit ? 48 : 16) + 32 * chunk + l;
        int q = high ? u8(d, qs) >> 4 : u8(d, qs) & 15;
        if (fiveBit) {
            int bit = 2 * chunk + (high ? 1 : 0);
            q += 16 * ((u8(d, block + 16 + l) >> bit) & 1);
        }
        return halfAt(d, block) * sc * q - halfAt(d, block + 2) * mn;
    }

    // Q6_K: ql[128], qh[64], scales[16] int8, d f16 at the end. Half h of 128 values uses ql + 64h, qh + 32h, sc + 8h.
    // Within a half, group g = e/32 (0..3), l = e%32: g0 = ql[l] low, qh bits 0-1, sc[l/16]; g1 = ql[l+32] low, bits 2-3,
    // sc[l/16+2]; g2 = ql[l] high, bits 4-5, sc[l/16+4]; g3 = ql[l+32] high, bits 6-7, sc[l/16+6]. y = d*sc*(q-32).
    private static float q6_K(byte[] d, int block, int e) {
        int h = e / 128;
        int g = (e % 128) / 32;
        int l = e % 32;
        int ql = u8(d, block + 64 * h + l + (g % 2 == 1 ? 32 : 0));
        int low = g < 2 ? ql & 15 : ql >> 4;
        int hi = (u8(d, block + 128 + 32 * h + l) >> (2 * g)) & 3;
        int sc = d[block + 192 + 8 * h + l / 16 + 2 * g];
        return halfAt(d, block + 208) * sc * ((low | (hi << 4)) - 32);
    }

    // TQ2_0: qs[64], d at the end. Element 4j + 32l + m (j in {0, 32}) = bits 2l of qs[j+m]; y = (code-1)*d.
    private static float tq2_0(byte[] d, int block, int e) {
        int j = e / 128 * 32;
        int l = (e % 128) / 32;
        int m = e % 32;
        int code = (u8(d, block + j + m) >> (2 * l)) & 3;
        return (code - 1) * halfAt(d, block + 64);
    }

    // TQ1_0: qs[48], qh[4], d. Trit n of byte b: ((uint8)(b*3^n) * 3) >> 8. qs[0..31], n 0..4 -> elements 32n+m;
    // qs[32..47] -> 160 + 16n + m; qh[0..3], n 0..3 -> 240 + 4n + j.
    private static float tq1_0(byte[] d, int block, int e) {
        int byteAt;
        int n;
        if (e < 160) {
            n = e / 32;
            byteAt = e % 32;
        } else if (e < 240) {
            n = (e - 160) / 16;
            byteAt = 32 + (e - 160) % 16;
        } else {
            n = (e - 240) / 4;
            byteAt = 48 + (e - 240) % 4;
        }
        int q = (u8(d, block + byteAt) * (int) Math.pow(3, n)) & 0xFF;
        int trit = (q * 3) >> 8;
        return (trit - 1) * halfAt(d, block + 52);
    }

    // I2_S: codes of the flattened tensor in 128-value blocks of 32 bytes (byte b: value b in bits 7:6, 32+b in
    // 5:4, 64+b in 3:2, 96+b in 1:0), then the float32 scale at byte n/4. y = (code-1)*scale.
    private static float i2s(byte[] d, long elements, int e) {
        int b = e / 128 * 32 + e % 32;
        int shift = 6 - 2 * ((e % 128) / 32);
        int code = (u8(d, b) >> shift) & 3;
        int s = (int) (elements / 4);
        float scale = Float.intBitsToFloat(u16(d, s) | (u16(d, s + 2) << 16));
        return (code - 1) * scale;
    }

    /** TQ1_0 writer from FORMATS.md §2.6: 5 trits a byte (first most significant), stored as ceil(q*256/243). */
    static int tq1Byte(int[] trits) {
        int q = 0;
        for (int t : trits) {
            q = q * 3 + t;
        }
        for (int i = trits.length; i < 5; i++) {
            q *= 3;                 // qh bytes hold 4 trits: "the writer multiplies by 3 once more"
        }
        return (q * 256 + 242) / 243;
    }
}
