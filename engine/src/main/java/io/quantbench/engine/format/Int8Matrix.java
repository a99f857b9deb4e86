package io.quantbench.engine.format;

/**
 * INT8: weights in blocks of 32 consecutive values of a row, each block with one float16 scale
 * {@code d = absmax / 127} and int8 values {@code q = round(w / d)} in [-127, 127] (half away from
 * zero, as ggml). The dequantized weight is {@code q * d}. This is ggml's Q8_0 (same bits per weight,
 * 8.5), with our byte order.
 *
 * <p>Byte order: row {@code r} starts at {@code r * cols}. Its blocks form groups ({@link BlockGroups});
 * inside a group of {@code g} blocks that starts at block {@code b0}, weight {@code i} (0..31) of block
 * {@code b0 + j} sits at {@code b0 * 32 + ((i / 2) * g + j) * 2 + i % 2}: pairs of weights of the
 * group's blocks alternate, so that the kernel's int lane {@code j} reads block {@code j}'s pairs.
 *
 * <p>Error bound: {@code |w - q d| <= absmax * (1/254 + 2^-11)} per block (half a step, plus the
 * rounding of {@code d} to float16).
 */
public final class Int8Matrix extends BlockMatrix {

    /** Weights per interleaving unit: one int lane of the kernel covers 2 bytes widened to shorts. */
    public static final int UNIT = 2;

    private Int8Matrix(byte[] quants, short[] scales, int rows, int cols) {
        super(quants, scales, rows, cols);
    }

    public static Int8Matrix quantize(float[] weights, int rows, int cols) {
        WeightChecks.check(WeightFormat.INT8, weights, rows, cols);
        int blocksPerRow = cols / BLOCK;
        byte[] quants = newQuants(rows, cols);
        short[] scales = newScales(rows, blocksPerRow);
        for (int r = 0; r < rows; r++) {
            for (int b = 0; b < blocksPerRow; b++) {
                int src = r * cols + b * BLOCK;
                float absmax = 0;
                for (int i = 0; i < BLOCK; i++) {
                    absmax = Math.max(absmax, Math.abs(weights[src + i]));
                }
                short d16 = blockScale(absmax / 127f, r, b);
                scales[r * blocksPerRow + b] = d16;
                float d = Float16.toFloat(d16);
                for (int i = 0; i < BLOCK; i++) {
                    int q = d == 0 ? 0 : WeightChecks.roundHalfAway(weights[src + i] / d);
                    quants[offset(r, cols, b, i)] = (byte) Math.max(-127, Math.min(127, q));
                }
            }
        }
        return new Int8Matrix(quants, scales, rows, cols);
    }

    /** Index in {@link #quants()} of weight {@code i} of block {@code b} of row {@code r}. */
    public static int offset(int r, int cols, int b, int i) {
        int blocksPerRow = cols / BLOCK;
        int b0 = BlockGroups.groupStart(b, blocksPerRow);
        int g = BlockGroups.groupSize(b0, blocksPerRow);
        return r * cols + b0 * BLOCK + ((i / UNIT) * g + (b - b0)) * UNIT + i % UNIT;
    }

    @Override
    public int value(int r, int b, int i) {
        return quants[offset(r, cols, b, i)];
    }

    @Override
    protected int quantBytesPerBlock() {
        return BLOCK;
    }

    @Override
    public WeightFormat format() {
        return WeightFormat.INT8;
    }

    @Override
    public Int8Matrix copy() {
        return new Int8Matrix(quants.clone(), scales.clone(), rows, cols);
    }
}
