package io.quantbench.engine.format;

/**
 * IEEE 754 binary16 ("half") conversions, exact and identical on every JDK.
 *
 * <p>JDK 20 added {@code Float.floatToFloat16}; the engine targets 17, so the two conversions are
 * written here. Widening is exact. Narrowing rounds to nearest, ties to even, like the hardware
 * {@code vcvtps2ph} and ggml's {@code GGML_FP32_TO_FP16}.
 */
public final class Float16 {

    /** Largest finite half value, 65504. */
    public static final float MAX_VALUE = 65504f;

    private Float16() {
    }

    /** The float32 value of the binary16 bit pattern in the low 16 bits of {@code bits}. Exact. */
    public static float toFloat(short bits) {
        int h = bits & 0xFFFF;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1F;
        int mantissa = h & 0x3FF;
        if (exponent == 0x1F) {                       // infinity or NaN
            return Float.intBitsToFloat(sign | 0x7F80_0000 | (mantissa << 13));
        }
        if (exponent == 0) {                          // zero or subnormal: mantissa * 2^-24
            float magnitude = mantissa * 0x1p-24f;    // exact: mantissa < 2^10
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /** The binary16 bit pattern nearest to {@code value} (round to nearest even; overflow gives infinity). */
    public static short fromFloat(float value) {
        int f = Float.floatToRawIntBits(value);
        int sign = (f >>> 16) & 0x8000;
        int exponent = (f >>> 23) & 0xFF;
        int mantissa = f & 0x7F_FFFF;
        if (exponent == 0xFF) {                       // infinity or NaN (keep NaN quiet and non-zero)
            return (short) (sign | 0x7C00 | (mantissa != 0 ? 0x200 | (mantissa >>> 13) : 0));
        }
        int e = exponent - 127 + 15;                  // re-biased exponent
        if (e >= 0x1F) {                              // too large: infinity
            return (short) (sign | 0x7C00);
        }
        if (e <= 0) {                                 // subnormal half, or zero
            if (e < -10) {
                return (short) sign;                  // below half of the smallest subnormal
            }
            int full = mantissa | 0x80_0000;          // restore the implicit bit
            int shift = 14 - e;                       // 14..24
            int half = full >>> shift;
            int rest = full & ((1 << shift) - 1);
            int halfway = 1 << (shift - 1);
            if (rest > halfway || (rest == halfway && (half & 1) != 0)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mantissa >>> 13);
        int rest = mantissa & 0x1FFF;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) != 0)) {
            half++;                                   // may carry into the exponent, which is right
        }
        return (short) (sign | half);
    }

    /** {@code value} rounded to the nearest binary16 value, as a float. */
    public static float round(float value) {
        return toFloat(fromFloat(value));
    }
}
