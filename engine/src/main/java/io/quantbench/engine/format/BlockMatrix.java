package io.quantbench.engine.format;

/**
 * What INT8 and INT4 share: each row cut into blocks of {@value #BLOCK} weights, each block with one
 * float16 scale {@code d} and small integers {@code q}, the weight being {@code q * d}. The blocks of a
 * row form groups whose weights are interleaved ({@link BlockGroups}); each format defines its units.
 * Scales are kept apart, in block order: block {@code b} of row {@code r} at {@code r * blocksPerRow + b}.
 * Both arrays end with spare room ({@link BlockGroups#SLACK_BYTES}, {@link BlockGroups#SLACK_SCALES})
 * that vector loads may touch and no weight uses.
 */
public abstract class BlockMatrix extends QuantizedMatrix {

    public static final int BLOCK = 32;

    protected final byte[] quants;
    protected final short[] scales;

    protected BlockMatrix(byte[] quants, short[] scales, int rows, int cols) {
        super(rows, cols);
        this.quants = quants;
        this.scales = scales;
    }

    /** The integer value of weight {@code i} (0..31) of block {@code b} of row {@code r}. */
    public abstract int value(int r, int b, int i);

    /** Bytes of quantized values per block (not counting its scale). */
    protected abstract int quantBytesPerBlock();

    public final int blocksPerRow() {
        return cols / BLOCK;
    }

    /** The quantized values in the format's interleaved order. */
    public final byte[] quants() {
        return quants;
    }

    /** Float16 bits of the block scales, block order, row-major. */
    public final short[] scales() {
        return scales;
    }

    /** The scale of block {@code b} of row {@code r}. */
    public final float scale(int r, int b) {
        return Float16.toFloat(scales[r * blocksPerRow() + b]);
    }

    @Override
    public final long storageBytes() {
        return (long) rows * blocksPerRow() * (quantBytesPerBlock() + 2);
    }

    @Override
    public final void dequantizeRow(int row, float[] out, int offset) {
        for (int b = 0; b < blocksPerRow(); b++) {
            float d = scale(row, b);
            for (int i = 0; i < BLOCK; i++) {
                out[offset + b * BLOCK + i] = value(row, b, i) * d;
            }
        }
    }

    /** A zeroed value array for {@code rows} rows of {@code bytesPerRow}, with the spare room at the end. */
    static byte[] newQuants(int rows, int bytesPerRow) {
        return new byte[Math.addExact(Math.multiplyExact(rows, bytesPerRow), BlockGroups.SLACK_BYTES)];
    }

    /** A scale array for {@code rows} rows of {@code blocksPerRow} blocks, with the spare room at the end. */
    static short[] newScales(int rows, int blocksPerRow) {
        return new short[Math.addExact(Math.multiplyExact(rows, blocksPerRow), BlockGroups.SLACK_SCALES)];
    }

    /** Float16 bits of a block scale, or an error naming the block when it is beyond float16's range. */
    static short blockScale(float d, int row, int block) {
        if (Math.abs(d) > Float16.MAX_VALUE) {
            throw new IllegalArgumentException("block " + block + " of row " + row + " needs a scale of " + d
                    + ", beyond float16's range (" + Float16.MAX_VALUE + ")");
        }
        return Float16.fromFloat(d);
    }
}
