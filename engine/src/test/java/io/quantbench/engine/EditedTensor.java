package io.quantbench.engine;

import io.quantbench.engine.format.TernaryMatrix;
import io.quantbench.engine.io.CheckpointTensor;
import io.quantbench.engine.io.GgmlType;

import java.util.Optional;

/**
 * A float32 tensor whose values are another tensor's, changed as they are read: for tests that need particular
 * weights (a NaN at one place, values on a quantization grid) in an otherwise ordinary checkpoint.
 */
public final class EditedTensor extends CheckpointTensor {

    /** Changes rows {@code [firstRow, firstRow + rowCount)}, already read into {@code out[offset ..]}, in place. */
    @FunctionalInterface
    public interface Edit {
        void apply(long firstRow, int rowCount, float[] out, int offset);
    }

    private final CheckpointTensor inner;
    private final Edit edit;

    public EditedTensor(CheckpointTensor inner, Edit edit) {
        super(inner.name(), inner.sourceName(), inner.ne());
        this.inner = inner;
        this.edit = edit;
    }

    @Override
    public void dequantizeRows(long firstRow, int rowCount, float[] out, int offset) {
        inner.dequantizeRows(firstRow, rowCount, out, offset);
        edit.apply(firstRow, rowCount, out, offset);
    }

    @Override
    public String typeName() {
        return "F32";
    }

    @Override
    public Optional<GgmlType> ggmlType() {
        return Optional.of(GgmlType.F32);
    }

    @Override
    public long byteSize() {
        return 4 * elements();
    }

    @Override
    public boolean canDequantize() {
        return true;
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
