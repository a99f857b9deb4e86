package io.quantbench.engine.io;

import io.quantbench.engine.format.TernaryInterchange;
import io.quantbench.engine.format.TernaryMatrix;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A BitNet linear weight in the Hugging Face packed layout of microsoft/bitnet-b1.58-2B-4T (reference/FORMATS.md
 * §1.3): uint8 {@code [out/4, in]} where bits {@code 2i+1:2i} of {@code packed[r, c]} hold the code of row
 * {@code i * out/4 + r}, code = ternary + 1, plus a companion {@code weight_scale} that divides:
 * {@code W = ternary / weight_scale}. Presented as the {@code [out, in]} matrix it stands for.
 *
 * <p>The scale's direction follows transformers' BitLinear and llama.cpp's converter; FORMATS.md marks it
 * UNCONFIRMED for the shipped file. The unused code 3 dequantizes to 0, as llama.cpp's converter maps it;
 * {@link #ternary()} rejects it.
 */
final class HfPackedTernaryTensor extends CheckpointTensor {

    private final CheckpointTensor packed;
    private final ByteSource source;
    private final long offset;
    private final float weightScale;
    private final int band;

    /**
     * @param packed the uint8 {@code [out/4, in]} tensor (ne {in, out/4})
     * @param offset absolute offset of its bytes in {@code source}
     */
    HfPackedTernaryTensor(String name, CheckpointTensor packed, ByteSource source, long offset, float weightScale) {
        super(name, packed.sourceName(), new long[] {packed.ne()[0], packed.ne()[1] * 4});
        this.packed = packed;
        this.source = source;
        this.offset = offset;
        this.weightScale = weightScale;
        this.band = (int) packed.ne()[1];
    }

    @Override
    public String typeName() {
        return "U8 (BitNet packed ternary, weight_scale " + weightScale + ")";
    }

    @Override
    public Optional<GgmlType> ggmlType() {
        return Optional.empty();
    }

    @Override
    public long byteSize() {
        return packed.byteSize();
    }

    @Override
    public boolean canDequantize() {
        return true;
    }

    /** W = ternary / weight_scale, the one scale of the tensor. */
    float scale() {
        return 1f / weightScale;
    }

    @Override
    public void dequantizeRows(long firstRow, int rowCount, float[] out, int outOffset) {
        checkRows(firstRow, rowCount, out, outOffset);
        int cols = rowLength();
        float scale = scale();
        for (int i = 0; i < rowCount; i++) {
            long row = firstRow + i;
            int shift = 2 * (int) (row / band);
            ByteBuffer bytes = source.slice(offset + (row % band) * cols, cols);
            int at = outOffset + i * cols;
            for (int c = 0; c < cols; c++) {
                int code = (bytes.get(c) >> shift) & 3;
                out[at + c] = code == 3 ? 0f : (code - 1) * scale;
            }
        }
    }

    @Override
    public boolean isTernary() {
        return true;
    }

    @Override
    public TernaryMatrix ternary() throws FileFormatException {
        long size = packed.byteSize();
        if (size > Integer.MAX_VALUE - 8) {
            throw new UnsupportedOperationException("tensor " + name() + " has " + size + " bytes, more than one array holds");
        }
        byte[] bytes = source.read(offset, (int) size);
        try {
            return TernaryInterchange.fromHfPacked(bytes, weightScale, ternaryRows(), rowLength());
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(source.name(), "tensor " + sourceName(), e.getMessage());
        }
    }
}
