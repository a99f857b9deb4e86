package io.quantbench.engine.format;

/**
 * A {@code rows x cols} weight matrix stored in one {@link WeightFormat}. Rows are output features,
 * columns input features: the layer computes {@code y = W x}, as PyTorch's {@code [out, in]} and
 * ggml's {@code ne = {in, out}} both lay it out.
 */
public abstract class QuantizedMatrix {

    protected final int rows;
    protected final int cols;

    protected QuantizedMatrix(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
    }

    public final int rows() {
        return rows;
    }

    public final int cols() {
        return cols;
    }

    public abstract WeightFormat format();

    /** Bytes the weights and their scales occupy (what a decode step must read from memory). */
    public abstract long storageBytes();

    /** Bits per weight including scales. */
    public final double bitsPerWeight() {
        return storageBytes() * 8.0 / ((double) rows * cols);
    }

    /** Writes the dequantized values of one row into {@code out[offset .. offset + cols)}. */
    public abstract void dequantizeRow(int row, float[] out, int offset);

    /** All dequantized values, row-major. */
    public float[] dequantize() {
        float[] out = new float[Math.multiplyExact(rows, cols)];
        for (int r = 0; r < rows; r++) {
            dequantizeRow(r, out, r * cols);
        }
        return out;
    }

    /** An independent copy (fresh arrays), so benchmarks can cycle through copies that are not in cache. */
    public abstract QuantizedMatrix copy();

    @Override
    public String toString() {
        return format() + " " + rows + "x" + cols;
    }
}
