package io.quantbench.engine.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Exact conversions between {@link TernaryMatrix} and the ternary layouts of other tools
 * (reference/FORMATS.md): bitnet.cpp's I2_S (§2.4, x86 128-value blocks), ggml's TQ2_0 (§2.6) and the
 * Hugging Face packed uint8 layout of microsoft/bitnet-b1.58-2B-4T (§1.3).
 *
 * <p>Codes always convert exactly. Scales convert exactly where the target can hold them: I2_S stores
 * a float32 (exact both ways); TQ2_0 stores one float16 per 256 values (exact from TQ2_0; towards TQ2_0
 * the scale is rounded to float16); the HF layout stores a divisor {@code weight_scale = 1 / scale}
 * in bfloat16 (exact round trip at bfloat16 precision, see {@link #fromHfPacked}).
 */
public final class TernaryInterchange {

    /** I2_S: the float32 scale sits after the codes, in a 32-byte tail. */
    public static final int I2S_TAIL_BYTES = 32;

    /** TQ2_0 block: 256 values in 64 bytes of codes plus a float16 scale. */
    public static final int TQ2_0_BLOCK = 256;
    public static final int TQ2_0_BLOCK_BYTES = 66;

    private TernaryInterchange() {
    }

    // ---------------------------------------------------------------- I2_S

    /** Size in bytes of an I2_S tensor of {@code elements} values: {@code n / 4 + 32} (FORMATS.md §2.4). */
    public static long i2sBytes(long elements) {
        return elements / 4 + I2S_TAIL_BYTES;
    }

    /**
     * The I2_S bytes of {@code m}: the codes of the whole tensor flattened row-major in 128-value blocks,
     * then the float32 scale repeated 8 times in the 32-byte tail, as bitnet.cpp's converter writes it.
     */
    public static byte[] toI2S(TernaryMatrix m) {
        long n = (long) m.rows() * m.cols();
        requireMultiple("I2_S", n, TernaryMatrix.BLOCK);
        byte[] out = new byte[Math.toIntExact(i2sBytes(n))];
        if (m.cols() % TernaryMatrix.BLOCK == 0) {
            System.arraycopy(m.codes(), 0, out, 0, (int) (n / 4));   // the same bytes: rows fill whole blocks
        } else {
            java.util.Arrays.fill(out, 0, (int) (n / 4), (byte) 0);
            for (int r = 0; r < m.rows(); r++) {
                for (int c = 0; c < m.cols(); c++) {
                    setI2sCode(out, (long) r * m.cols() + c, m.code(r, c));
                }
            }
        }
        ByteBuffer tail = ByteBuffer.wrap(out, (int) (n / 4), I2S_TAIL_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < I2S_TAIL_BYTES / 4; i++) {
            tail.putFloat(m.scale());
        }
        return out;
    }

    /**
     * Reads I2_S bytes (at least {@code n / 4 + 4}: the codes and the scale; the rest of the tail is not read).
     *
     * @throws IllegalArgumentException if the data is short, the scale is not finite, or a code is 3 (unused by I2_S)
     */
    public static TernaryMatrix fromI2S(byte[] data, int rows, int cols) {
        long n = (long) rows * cols;
        requireMultiple("I2_S", n, TernaryMatrix.BLOCK);
        if (data.length < n / 4 + 4) {
            throw new IllegalArgumentException("I2_S " + rows + "x" + cols + " needs " + (n / 4 + 4)
                    + " bytes (codes and scale), got " + data.length);
        }
        float scale = ByteBuffer.wrap(data, (int) (n / 4), 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        byte[] values = new byte[Math.toIntExact(n)];
        for (long i = 0; i < n; i++) {
            int code = i2sCode(data, i);
            if (code == 3) {
                throw new IllegalArgumentException("I2_S byte " + i2sByte(i) + " holds code 3 for value " + i
                        + "; I2_S codes are 0, 1, 2 (-1, 0, +1)");
            }
            values[(int) i] = (byte) (code - 1);
        }
        return TernaryMatrix.of(values, checkedScale("I2_S", scale), rows, cols);
    }

    private static long i2sByte(long i) {
        return i / TernaryMatrix.BLOCK * TernaryMatrix.BLOCK_BYTES + i % TernaryMatrix.BLOCK_BYTES;
    }

    private static int i2sShift(long i) {
        return 6 - 2 * (int) ((i % TernaryMatrix.BLOCK) / TernaryMatrix.BLOCK_BYTES);
    }

    private static int i2sCode(byte[] data, long i) {
        return (data[(int) i2sByte(i)] >> i2sShift(i)) & 3;
    }

    private static void setI2sCode(byte[] data, long i, int code) {
        int at = (int) i2sByte(i);
        data[at] = (byte) (data[at] | (code << i2sShift(i)));
    }

    // ---------------------------------------------------------------- TQ2_0

    /**
     * The TQ2_0 bytes of {@code m}: each row in blocks of 256 values, 64 bytes of codes then the float16
     * scale. As ggml's quantizer does for these values, a block's scale is its absmax: the tensor scale
     * (rounded to float16) where the block has a non-zero weight, 0 where it has none.
     */
    public static byte[] toTQ2_0(TernaryMatrix m) {
        requireMultiple("TQ2_0 rows", m.cols(), TQ2_0_BLOCK);
        int blocksPerRow = m.cols() / TQ2_0_BLOCK;
        byte[] out = new byte[Math.multiplyExact(m.rows() * blocksPerRow, TQ2_0_BLOCK_BYTES)];
        short scale16 = Float16.fromFloat(m.scale());
        for (int r = 0; r < m.rows(); r++) {
            for (int b = 0; b < blocksPerRow; b++) {
                int block = (r * blocksPerRow + b) * TQ2_0_BLOCK_BYTES;
                boolean nonZero = false;
                for (int e = 0; e < TQ2_0_BLOCK; e++) {
                    int code = m.code(r, b * TQ2_0_BLOCK + e);
                    nonZero |= code != 1;
                    out[block + tq2Byte(e)] |= (byte) (code << tq2Shift(e));
                }
                short d = nonZero ? scale16 : 0;
                out[block + 64] = (byte) d;
                out[block + 65] = (byte) (d >> 8);
            }
        }
        return out;
    }

    /**
     * Reads TQ2_0 bytes. Every block that has a non-zero weight must carry the same scale, because a
     * TERNARY matrix has one scale per tensor; all-zero blocks may carry any scale.
     */
    public static TernaryMatrix fromTQ2_0(byte[] data, int rows, int cols) {
        requireMultiple("TQ2_0 rows", cols, TQ2_0_BLOCK);
        int blocksPerRow = cols / TQ2_0_BLOCK;
        long need = (long) rows * blocksPerRow * TQ2_0_BLOCK_BYTES;
        if (data.length < need) {
            throw new IllegalArgumentException("TQ2_0 " + rows + "x" + cols + " needs " + need + " bytes, got " + data.length);
        }
        byte[] values = new byte[Math.multiplyExact(rows, cols)];
        Short scale = null;
        long scaleBlock = -1;
        for (int r = 0; r < rows; r++) {
            for (int b = 0; b < blocksPerRow; b++) {
                int block = (r * blocksPerRow + b) * TQ2_0_BLOCK_BYTES;
                boolean nonZero = false;
                for (int e = 0; e < TQ2_0_BLOCK; e++) {
                    int code = (data[block + tq2Byte(e)] >> tq2Shift(e)) & 3;
                    if (code == 3) {
                        throw new IllegalArgumentException("TQ2_0 byte " + (block + tq2Byte(e)) + " holds code 3; codes are 0, 1, 2");
                    }
                    nonZero |= code != 1;
                    values[r * cols + b * TQ2_0_BLOCK + e] = (byte) (code - 1);
                }
                short d = (short) ((data[block + 64] & 0xFF) | (data[block + 65] << 8));
                if (nonZero) {
                    if (scale == null) {
                        scale = d;
                        scaleBlock = (long) r * blocksPerRow + b;
                    } else if (scale != d) {
                        throw new IllegalArgumentException("TQ2_0 block " + ((long) r * blocksPerRow + b) + " (row " + r
                                + ") has scale " + Float16.toFloat(d) + " but block " + scaleBlock + " has "
                                + Float16.toFloat(scale) + "; a TERNARY matrix holds one scale per tensor");
                    }
                }
            }
        }
        float s = scale == null ? 0f : Float16.toFloat(scale);
        return TernaryMatrix.of(values, checkedScale("TQ2_0", s), rows, cols);
    }

    /** Byte (within a TQ2_0 block) of element {@code e}: halves of 128 values, 32 bytes each, element {@code j*4 + 32*l + m} in byte {@code j + m}. */
    private static int tq2Byte(int e) {
        return (e / 128) * 32 + e % 32;
    }

    private static int tq2Shift(int e) {
        return 2 * ((e % 128) / 32);
    }

    // ---------------------------------------------------------------- Hugging Face packed

    /**
     * The HF packed layout: uint8 {@code [rows / 4, cols]}, where bits {@code 2i+1:2i} of
     * {@code packed[r, c]} hold the code of row {@code i * rows / 4 + r}.
     */
    public static byte[] toHfPacked(TernaryMatrix m) {
        requireMultiple("HF packed layout: rows", m.rows(), 4);
        int band = m.rows() / 4;
        int cols = m.cols();
        byte[] out = new byte[Math.multiplyExact(band, cols)];
        for (int row = 0; row < m.rows(); row++) {
            int i = row / band;
            int r = row % band;
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] |= (byte) (m.code(row, c) << (2 * i));
            }
        }
        return out;
    }

    /**
     * HF's {@code weight_scale} for {@code m}: the divisor {@code 1 / scale} (transformers' BitLinear computes
     * {@code y / (input_scale * weight_scale)}, FORMATS.md §1.3).
     */
    public static float hfWeightScale(TernaryMatrix m) {
        return 1f / m.scale();
    }

    /**
     * Reads the HF packed layout with its {@code weight_scale} (a divisor). The TERNARY scale becomes
     * {@code 1 / weight_scale} rounded to float; {@link #hfWeightScale} of the result, rounded to
     * bfloat16 as the file stores it, gives back the original bfloat16 value.
     */
    public static TernaryMatrix fromHfPacked(byte[] packed, float weightScale, int rows, int cols) {
        requireMultiple("HF packed layout: rows", rows, 4);
        int band = rows / 4;
        if (packed.length != (long) band * cols) {
            throw new IllegalArgumentException("HF packed " + rows + "x" + cols + " needs [" + band + ", " + cols + "] = "
                    + (long) band * cols + " bytes, got " + packed.length);
        }
        if (!(weightScale > 0) || !Float.isFinite(weightScale)) {
            throw new IllegalArgumentException("HF weight_scale must be positive and finite, got " + weightScale);
        }
        byte[] values = new byte[Math.multiplyExact(rows, cols)];
        for (int row = 0; row < rows; row++) {
            int i = row / band;
            int r = row % band;
            for (int c = 0; c < cols; c++) {
                int code = (packed[r * cols + c] >> (2 * i)) & 3;
                if (code == 3) {
                    throw new IllegalArgumentException("HF packed byte [" + r + ", " + c + "] holds code 3 for row " + row
                            + "; codes are 0, 1, 2");
                }
                values[row * cols + c] = (byte) (code - 1);
            }
        }
        return TernaryMatrix.of(values, 1f / weightScale, rows, cols);
    }

    // ----------------------------------------------------------------

    private static void requireMultiple(String what, long n, int multiple) {
        if (n % multiple != 0) {
            throw new IllegalArgumentException(what + " needs a multiple of " + multiple + " values, got " + n);
        }
    }

    private static float checkedScale(String layout, float scale) {
        if (!Float.isFinite(scale)) {
            throw new IllegalArgumentException(layout + " scale is " + scale + "; it must be finite");
        }
        return scale;
    }
}
