package io.quantbench.engine.io;

import io.quantbench.engine.format.TernaryMatrix;

import java.util.Optional;

/**
 * A 2-D tensor stored transposed: GPT-2's Conv1D weights are {@code [in, out]} where every other linear layer is
 * {@code [out, in]} (reference/FORMATS.md §5), so this view presents them as {@code [out, in]} (ne {in, out}),
 * as llama.cpp's converter writes them. A row of the view is a column of the stored matrix, so any row range
 * decodes the whole stored tensor, one stored row at a time; GPT-2's matrices are a few MB.
 */
final class TransposedTensor extends CheckpointTensor {

    private final CheckpointTensor stored;

    TransposedTensor(String name, CheckpointTensor stored) {
        super(name, stored.sourceName(), new long[] {stored.ne()[1], stored.ne()[0]});
        if (stored.ne().length != 2) {
            throw new IllegalArgumentException("only 2-D tensors transpose; " + stored.name() + " is " + stored.shape());
        }
        this.stored = stored;
    }

    @Override
    public String typeName() {
        return stored.typeName() + " (transposed)";
    }

    @Override
    public Optional<GgmlType> ggmlType() {
        return stored.ggmlType();
    }

    @Override
    public long byteSize() {
        return stored.byteSize();
    }

    @Override
    public boolean canDequantize() {
        return stored.canDequantize();
    }

    @Override
    public boolean isTransposedView() {
        return true;
    }

    @Override
    public void dequantizeRows(long firstRow, int rowCount, float[] out, int offset) {
        checkRows(firstRow, rowCount, out, offset);
        int in = rowLength();                       // the view's row length = the stored row count
        float[] storedRow = new float[stored.rowLength()];
        for (int i = 0; i < in; i++) {
            stored.dequantizeRows(i, 1, storedRow, 0);
            for (int r = 0; r < rowCount; r++) {
                out[offset + r * in + i] = storedRow[(int) firstRow + r];
            }
        }
    }

    @Override
    public boolean isTernary() {
        return false;
    }

    @Override
    public TernaryMatrix ternary() {
        throw notTernary();
    }
}
