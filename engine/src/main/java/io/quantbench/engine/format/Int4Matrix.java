package io.quantbench.engine.format;

/**
 * INT4: signed 4-bit weights in blocks of 32 consecutive values of a row, each block with one
 * float16 scale, as ggml's Q4_0 (4.5 bits per weight). The block's value of largest magnitude
 * {@code m} sets {@code d = m / -8}, so that value maps exactly to -8; the others get
 * {@code q = round(w / d)} clamped to [-8, 7]. The dequantized weight is {@code q * d}. Each value is
 * stored as the unsigned nibble {@code q + 8}.
 *
 * <p>Byte order: row {@code r} starts at {@code r * cols / 2}. Its blocks form groups
 * ({@link BlockGroups}); inside a group of {@code g} blocks starting at block {@code b0}, the weights
 * of block {@code b0 + j} come in units of 8 consecutive weights packed in 4 bytes (weight {@code i}
 * in byte {@code (i % 8) / 2}, low nibble first), unit {@code c = i / 8} of block {@code j} at
 * {@code b0 * 16 + (c * g + j) * 4}. Scales and spare room as in {@link BlockMatrix}.
 *
 * <p>Error bound: {@code |w - q d| <= |d| = absmax / 8} (half a step for most values; a full step
 * only where a value of the sign opposite to {@code m} is clamped at 7), plus the float16 rounding of
 * {@code d}: {@code absmax * (1/8 + 2^-10)} in all.
 */
public final class Int4Matrix extends BlockMatrix {

    /** Weights per interleaving unit: one int lane of the kernel covers 4 bytes, 8 nibbles. */
    public static final int UNIT = 8;

    private Int4Matrix(byte[] quants, short[] scales, int rows, int cols) {
        super(quants, scales, rows, cols);
    }

    public static Int4Matrix quantize(float[] weights, int rows, int cols) {
        WeightChecks.check(WeightFormat.INT4, weights, rows, cols);
        int blocksPerRow = cols / BLOCK;
        byte[] quants = newQuants(rows, cols / 2);
        short[] scales = newScales(rows, blocksPerRow);
        for (int r = 0; r < rows; r++) {
            for (int b = 0; b < blocksPerRow; b++) {
                int src = r * cols + b * BLOCK;
                float extreme = 0;                 // the value of largest magnitude, with its sign
                for (int i = 0; i < BLOCK; i++) {
                    float w = weights[src + i];
                    if (Math.abs(w) > Math.abs(extreme)) {
                        extreme = w;
                    }
                }
                short d16 = blockScale(extreme == 0 ? 0f : extreme / -8f, r, b);
                scales[r * blocksPerRow + b] = d16;
                float d = Float16.toFloat(d16);
                for (int i = 0; i < BLOCK; i++) {
                    int q = d == 0 ? 0 : WeightChecks.roundHalfAway(weights[src + i] / d);
                    int nibble = Math.max(-8, Math.min(7, q)) + 8;
                    int at = offset(r, cols, b, i);
                    quants[at] |= (byte) (i % 2 == 0 ? nibble : nibble << 4);
                }
            }
        }
        return new Int4Matrix(quants, scales, rows, cols);
    }

    /** Index in {@link #quants()} of the byte holding weight {@code i} of block {@code b} of row {@code r}; even {@code i} is the low nibble. */
    public static int offset(int r, int cols, int b, int i) {
        int blocksPerRow = cols / BLOCK;
        int b0 = BlockGroups.groupStart(b, blocksPerRow);
        int g = BlockGroups.groupSize(b0, blocksPerRow);
        return r * (cols / 2) + b0 * (BLOCK / 2) + ((i / UNIT) * g + (b - b0)) * (UNIT / 2) + (i % UNIT) / 2;
    }

    @Override
    public int value(int r, int b, int i) {
        int packed = quants[offset(r, cols, b, i)];
        int nibble = i % 2 == 0 ? packed & 0xF : (packed >> 4) & 0xF;
        return nibble - 8;
    }

    @Override
    protected int quantBytesPerBlock() {
        return BLOCK / 2;
    }

    @Override
    public WeightFormat format() {
        return WeightFormat.INT4;
    }

    @Override
    public Int4Matrix copy() {
        return new Int4Matrix(quants.clone(), scales.clone(), rows, cols);
    }
}
