package io.quantbench.engine.format;

/** Float32 weights, row-major, unquantized: the baseline every other format is compared with. */
public final class F32Matrix extends QuantizedMatrix {

    private final float[] values;

    private F32Matrix(float[] values, int rows, int cols) {
        super(rows, cols);
        this.values = values;
    }

    /** Copies the weights (after checking them): later changes to {@code weights} do not reach the matrix. */
    public static F32Matrix quantize(float[] weights, int rows, int cols) {
        WeightChecks.check(WeightFormat.F32, weights, rows, cols);
        return new F32Matrix(weights.clone(), rows, cols);
    }

    /** Row-major values; kernels read them, nobody writes them. */
    public float[] values() {
        return values;
    }

    @Override
    public WeightFormat format() {
        return WeightFormat.F32;
    }

    @Override
    public long storageBytes() {
        return 4L * values.length;
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        System.arraycopy(values, row * cols, out, offset, cols);
    }

    @Override
    public F32Matrix copy() {
        return new F32Matrix(values.clone(), rows, cols);
    }
}
