package io.quantbench.engine.format;

/**
 * TERNARY, BitNet b1.58's W1.58: every weight is {@code t * scale} with {@code t} in {-1, 0, +1} and
 * one float scale for the whole matrix, the absmean {@code mean |W|} (FORMATS.md §1.2): quantization
 * computes {@code t = clamp(round(w / scale), -1, 1)}, rounding half to even as PyTorch does.
 *
 * <p>Byte order: exactly bitnet.cpp's I2_S (x86, 128-value blocks, FORMATS.md §2.4) applied to each row.
 * A code is {@code t + 1} in 2 bits (0 = -1, 1 = 0, 2 = +1). A block of 128 consecutive values of a row
 * takes 32 bytes; byte {@code b} of a block holds value {@code b} in bits 7:6, {@code 32 + b} in bits 5:4,
 * {@code 64 + b} in bits 3:2 and {@code 96 + b} in bits 1:0. Rows whose length is not a multiple of 128
 * are padded with code 1 (weight 0) to a whole block, so every row starts on a block. When the column
 * count is a multiple of 128 (every real model), the codes are byte for byte the I2_S data of the tensor.
 * The code array ends with {@link #SLACK_BYTES} spare bytes that vector loads may touch.
 *
 * <p>Bits per weight: 2 (plus 32 bits of scale per matrix, and the padding of short rows).
 */
public final class TernaryMatrix extends QuantizedMatrix implements TernaryValues {

    /** Values per block of 32 bytes. */
    public static final int BLOCK = 128;

    /** Bytes per block. */
    public static final int BLOCK_BYTES = BLOCK / 4;

    /** Spare bytes after the last row, so a vector kernel may load a whole vector where a row ends. */
    public static final int SLACK_BYTES = 64;

    /** BitNet clamps the absmean from below by this, so an all-zero matrix gets a finite scale. */
    public static final float MIN_SCALE = 1e-5f;

    private final byte[] codes;
    private final float scale;

    TernaryMatrix(byte[] codes, float scale, int rows, int cols) {
        super(rows, cols);
        if (codes.length != (long) rows * rowBytes(cols) + SLACK_BYTES) {
            throw new IllegalArgumentException("ternary " + rows + "x" + cols + " needs " + (long) rows * rowBytes(cols)
                    + " code bytes and " + SLACK_BYTES + " spare, got " + codes.length);
        }
        if (!Float.isFinite(scale)) {
            throw new IllegalArgumentException("ternary scale must be finite, got " + scale);
        }
        this.codes = codes;
        this.scale = scale;
    }

    /** BitNet's absmean quantization of a whole matrix. */
    public static TernaryMatrix quantize(float[] weights, int rows, int cols) {
        WeightChecks.check(WeightFormat.TERNARY, weights, rows, cols);
        double sumAbs = 0;
        for (float w : weights) {
            sumAbs += Math.abs(w);
        }
        float scale = (float) Math.max(sumAbs / weights.length, MIN_SCALE);
        byte[] codes = newCodes(rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int t = (int) Math.max(-1, Math.min(1, Math.rint(weights[r * cols + c] / scale)));
                setCode(codes, r, cols, c, t + 1);
            }
        }
        return new TernaryMatrix(codes, scale, rows, cols);
    }

    /** A matrix from ternary values {@code t[r * cols + c]} in {-1, 0, 1} and a scale. */
    public static TernaryMatrix of(byte[] ternary, float scale, int rows, int cols) {
        if (ternary.length != (long) rows * cols) {
            throw new IllegalArgumentException("ternary " + rows + "x" + cols + " needs " + (long) rows * cols
                    + " values, got " + ternary.length);
        }
        byte[] codes = newCodes(rows, cols);
        for (int i = 0; i < ternary.length; i++) {
            int t = ternary[i];
            if (t < -1 || t > 1) {
                throw new IllegalArgumentException("value " + t + " at row " + i / cols + ", column " + i % cols
                        + " is not ternary (-1, 0 or 1)");
            }
            setCode(codes, i / cols, cols, i % cols, t + 1);
        }
        return new TernaryMatrix(codes, scale, rows, cols);
    }

    /** Codes for a matrix, all weight 0, with the spare bytes at the end. */
    private static byte[] newCodes(int rows, int cols) {
        byte[] codes = new byte[Math.addExact(Math.multiplyExact(rows, rowBytes(cols)), SLACK_BYTES)];
        java.util.Arrays.fill(codes, ZERO_CODES);
        return codes;
    }

    /** Four codes of 1 (weight 0): the padding byte. */
    static final byte ZERO_CODES = 0b01_01_01_01;

    /** Bytes per row: the row padded to whole 128-value blocks, 2 bits a value. */
    public static int rowBytes(int cols) {
        return (cols + BLOCK - 1) / BLOCK * BLOCK_BYTES;
    }

    /** Byte of the row (relative to the row start) that holds column {@code c}. */
    static int byteInRow(int c) {
        return c / BLOCK * BLOCK_BYTES + c % BLOCK_BYTES;
    }

    /** Shift of column {@code c}'s code inside its byte. */
    static int shiftInByte(int c) {
        return 6 - 2 * ((c % BLOCK) / BLOCK_BYTES);
    }

    private static void setCode(byte[] codes, int r, int cols, int c, int code) {
        int at = r * rowBytes(cols) + byteInRow(c);
        int shift = shiftInByte(c);
        codes[at] = (byte) ((codes[at] & ~(3 << shift)) | (code << shift));
    }

    /** The code (0, 1 or 2, meaning -1, 0, +1) of row {@code r}, column {@code c}. */
    public int code(int r, int c) {
        return (codes[r * rowBytes(cols) + byteInRow(c)] >> shiftInByte(c)) & 3;
    }

    @Override
    public int value(int r, int c) {
        return code(r, c) - 1;
    }

    /** Packed codes, I2_S block order, each row starting on a block, then {@link #SLACK_BYTES} spare bytes. */
    public byte[] codes() {
        return codes;
    }

    @Override
    public float scale() {
        return scale;
    }

    @Override
    public WeightFormat format() {
        return WeightFormat.TERNARY;
    }

    @Override
    public long storageBytes() {
        return (long) rows * rowBytes(cols) + 4L;
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        for (int c = 0; c < cols; c++) {
            out[offset + c] = value(row, c) * scale;
        }
    }

    @Override
    public TernaryMatrix copy() {
        return new TernaryMatrix(codes.clone(), scale, rows, cols);
    }
}
