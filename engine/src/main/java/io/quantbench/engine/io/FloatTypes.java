package io.quantbench.engine.io;

import io.quantbench.engine.format.Float16;

import java.nio.ByteBuffer;

/** The unquantized ggml types: one value per "block" (reference/FORMATS.md §3). */
final class FloatTypes {

    private FloatTypes() {
    }

    /** F32: IEEE binary32, little-endian. */
    static void f32(ByteBuffer x, int at, float[] y, int yAt, int n) {
        for (int i = 0; i < n; i++) {
            y[yAt + i] = x.getFloat(at + 4 * i);
        }
    }

    /** F16: IEEE binary16. */
    static void f16(ByteBuffer x, int at, float[] y, int yAt, int n) {
        for (int i = 0; i < n; i++) {
            y[yAt + i] = Float16.toFloat(x.getShort(at + 2 * i));
        }
    }

    /** BF16: the upper 16 bits of a binary32, so the float's bits are the stored 16 shifted left by 16. */
    static void bf16(ByteBuffer x, int at, float[] y, int yAt, int n) {
        for (int i = 0; i < n; i++) {
            y[yAt + i] = Float.intBitsToFloat(x.getShort(at + 2 * i) << 16);
        }
    }

    /** I8: signed bytes, taken as their integer values. */
    static void i8(ByteBuffer x, int at, float[] y, int yAt, int n) {
        for (int i = 0; i < n; i++) {
            y[yAt + i] = x.get(at + i);
        }
    }
}
