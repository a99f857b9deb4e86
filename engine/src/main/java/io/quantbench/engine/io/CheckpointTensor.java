package io.quantbench.engine.io;

import io.quantbench.engine.format.TernaryMatrix;

import java.util.Optional;

/**
 * One named tensor of a {@link Checkpoint}, in whatever type the file stores it.
 *
 * <p><b>Shape.</b> {@link #ne()} lists dimensions in ggml order, fastest-varying first, whatever the file
 * format: a linear layer that PyTorch calls {@code [out, in]} has {@code ne = {in, out}}, i.e. {@code out}
 * rows of {@code in} contiguous values, and the layer computes {@code y = W x}. A "row" is always
 * {@code ne[0]} values; a tensor of more dimensions has {@code ne[1] * ne[2] * ne[3]} rows.
 *
 * <p><b>Values.</b> {@link #dequantizeRows} decodes any row range to float32, row by row, without reading
 * the rest of the tensor (except for transposed tensors, see {@link #isTransposedView()}). Tensors whose
 * values are exactly ternary times a scale (I2_S, TQ1_0, TQ2_0, the Hugging Face packed BitNet layout)
 * also convert exactly to {@link TernaryMatrix} with {@link #ternary()}.
 *
 * <p>Reading keeps no state, so several threads may dequantize rows of one tensor at once.
 */
public abstract class CheckpointTensor {

    private final String name;
    private final String sourceName;
    private final long[] ne;
    private final long elements;

    protected CheckpointTensor(String name, String sourceName, long[] ne) {
        this.name = name;
        this.sourceName = sourceName;
        this.ne = ne.clone();
        this.elements = GgufTensorInfo.elements(ne);
    }

    /** The tensor's name in llama.cpp's GGUF scheme ({@code blk.0.attn_q.weight}), whatever the file calls it. */
    public final String name() {
        return name;
    }

    /** The name in the file ({@code model.layers.0.self_attn.q_proj.weight} in a safetensors file). */
    public final String sourceName() {
        return sourceName;
    }

    /** Dimensions, ggml order ({@code ne[0]} fastest). */
    public final long[] ne() {
        return ne.clone();
    }

    /** {@code ne} as text, e.g. {@code {2560, 128256}}. */
    public final String shape() {
        return GgufTensorInfo.shape(ne);
    }

    public final long elements() {
        return elements;
    }

    /** Values per row: {@code ne[0]}. */
    public final int rowLength() {
        return (int) ne[0];
    }

    /** Rows: the product of {@code ne[1..]}. */
    public final long rows() {
        return elements / ne[0];
    }

    /** The stored type: a ggml type name ({@code Q8_0}), or a safetensors description ({@code U8}). */
    public abstract String typeName();

    /** The ggml type of the stored bytes, when they are one (every GGUF tensor; F32/F16/BF16/I8 safetensors). */
    public abstract Optional<GgmlType> ggmlType();

    /** Bytes the tensor takes in the file. */
    public abstract long byteSize();

    /** Whether quantbench can decode the stored type. */
    public abstract boolean canDequantize();

    /**
     * Writes rows {@code [firstRow, firstRow + rowCount)} as float32 into {@code out[offset ..]}.
     *
     * @throws UnsupportedOperationException if the type cannot be decoded ({@link #canDequantize()} is false)
     * @throws IndexOutOfBoundsException if the rows are not in the tensor or do not fit {@code out}
     */
    public abstract void dequantizeRows(long firstRow, int rowCount, float[] out, int offset);

    /** Whether rows are read by transposing the stored matrix (GPT-2's Conv1D weights): then any row range reads the whole tensor. */
    public boolean isTransposedView() {
        return false;
    }

    /** Whether the values are exactly ternary times a scale, so {@link #ternary()} works. */
    public abstract boolean isTernary();

    /**
     * The tensor as a TERNARY matrix of {@link #rows()} x {@link #rowLength()}, converted exactly.
     *
     * @throws IllegalStateException if the tensor is not ternary ({@link #isTernary()})
     * @throws FileFormatException if the stored codes or scales are not a valid ternary tensor (code 3, or
     *         blocks with different scales)
     */
    public abstract TernaryMatrix ternary() throws FileFormatException;

    /** One row as float32. */
    public final float[] dequantizeRow(long row) {
        float[] out = new float[rowLength()];
        dequantizeRows(row, 1, out, 0);
        return out;
    }

    /** Every value as float32, row-major. */
    public final float[] dequantize() {
        if (elements > Integer.MAX_VALUE - 8) {
            throw new UnsupportedOperationException("tensor " + name + " has " + elements
                    + " values, more than one Java array holds; use dequantizeRows");
        }
        float[] out = new float[(int) elements];
        long rows = rows();
        int chunk = (int) Math.max(1, Math.min(rows, (1 << 22) / Math.max(1, ne[0])));
        for (long r = 0; r < rows; r += chunk) {
            int n = (int) Math.min(chunk, rows - r);
            dequantizeRows(r, n, out, (int) (r * ne[0]));
        }
        return out;
    }

    protected final void checkRows(long firstRow, int rowCount, float[] out, int offset) {
        if (firstRow < 0 || rowCount < 0 || firstRow > rows() - rowCount) {
            throw new IndexOutOfBoundsException("rows [" + firstRow + ", " + (firstRow + rowCount) + ") of tensor " + name
                    + ", which has " + rows());
        }
        long values = rowCount * ne[0];
        if (offset < 0 || values > out.length - (long) offset) {
            throw new IndexOutOfBoundsException(rowCount + " rows of " + ne[0] + " values from index " + offset
                    + " do not fit an array of " + out.length);
        }
    }

    protected final IllegalStateException notTernary() {
        return new IllegalStateException("tensor " + name + " is " + typeName() + ", not a ternary type (I2_S, TQ1_0, TQ2_0,"
                + " or Hugging Face packed BitNet); dequantize it and quantize to TERNARY instead");
    }

    protected final int ternaryRows() {
        if (rows() > Integer.MAX_VALUE) {
            throw new UnsupportedOperationException("tensor " + name + " has " + rows() + " rows, too many for one matrix");
        }
        return (int) rows();
    }

    @Override
    public String toString() {
        return name + " " + typeName() + " " + shape();
    }
}
