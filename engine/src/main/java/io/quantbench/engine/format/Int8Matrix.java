package io.quantbench.engine.format;

/**
 * INT8: weights in blocks of 32 consecutive values of a row, each block with one float16 scale
 * {@code d = absmax / 127} and int8 values {@code q = round(w / d)} in [-127, 127]. The dequantized
 * weight is {@code q * d}. This is ggml's Q8_0 (same bits per weight, 8.5), with our byte order.
 *
 * <p>Byte order: row {@code r} starts at {@code r * cols}. Its blocks form groups ({@link BlockGroups});
 * inside a group of {@code g} blocks that starts at block {@code b0}, weight {@code i} (0..31) of block
 * {@code b0 + j} sits at {@code b0 * 32 + ((i / 2) * g + j) * 2 + i % 2}: pairs of weights of the
 * group's blocks alternate. Scales are separate, in block order: block {@code b} of row {@code r} at
 * {@code r * cols / 32 + b}. Both arrays end with spare room ({@link BlockGroups#SLACK_BYTES},
 * {@link BlockGroups#SLACK_SCALES}) that vector loads may touch and no weight uses.
 *
 * <p>Error bound: {@code |w - q d| <= absmax * (1/254 + 2^-11)} per block (half a step, plus the
 * rounding of {@code d} to float16).
 */
public final class Int8Matrix extends QuantizedMatrix {

    public static final int BLOCK = 32;

    /** Weights per interleaving unit: one int lane of the kernel covers 2 bytes widened to shorts. */
    public static final int UNIT = 2;

    private final byte[] quants;
    private final short[] scales;

    private Int8Matrix(byte[] quants, short[] scales, int rows, int cols) {
        super(rows, cols);
        this.quants = quants;
        this.scales = scales;
    }

    public static Int8Matrix quantize(float[] weights, int rows, int cols) {
        WeightChecks.check(WeightFormat.INT8, weights, rows, cols);
        int blocksPerRow = cols / BLOCK;
        byte[] quants = new byte[Math.addExact(Math.multiplyExact(rows, cols), BlockGroups.SLACK_BYTES)];
        short[] scales = new short[rows * blocksPerRow + BlockGroups.SLACK_SCALES];
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

    /** Float16 bits of a block scale, or an error when the weights are too large for a float16 scale. */
    static short blockScale(float d, int row, int block) {
        if (d > Float16.MAX_VALUE) {
            throw new IllegalArgumentException("block " + block + " of row " + row + " needs a scale of " + d
                    + ", beyond float16's range (" + Float16.MAX_VALUE + ")");
        }
        return Float16.fromFloat(d);
    }

    /** Index in {@link #quants()} of weight {@code i} of block {@code b} of row {@code r}. */
    public static int offset(int r, int cols, int b, int i) {
        int blocksPerRow = cols / BLOCK;
        int b0 = BlockGroups.groupStart(b, blocksPerRow);
        int g = BlockGroups.groupSize(b0, blocksPerRow);
        return r * cols + b0 * BLOCK + ((i / UNIT) * g + (b - b0)) * UNIT + i % UNIT;
    }

    /** The int8 values in the interleaved order described above. */
    public byte[] quants() {
        return quants;
    }

    /** Float16 bits of the block scales, block order, row-major. */
    public short[] scales() {
        return scales;
    }

    @Override
    public WeightFormat format() {
        return WeightFormat.INT8;
    }

    @Override
    public long storageBytes() {
        return (long) rows * cols + 2L * rows * (cols / BLOCK);
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        int blocksPerRow = cols / BLOCK;
        for (int b = 0; b < blocksPerRow; b++) {
            float d = Float16.toFloat(scales[row * blocksPerRow + b]);
            for (int i = 0; i < BLOCK; i++) {
                out[offset + b * BLOCK + i] = quants[offset(row, cols, b, i)] * d;
            }
        }
    }

    @Override
    public Int8Matrix copy() {
        return new Int8Matrix(quants.clone(), scales.clone(), rows, cols);
    }
}
