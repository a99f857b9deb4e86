package io.quantbench.engine.io;

import io.quantbench.engine.format.Float16;
import io.quantbench.engine.format.TernaryInterchange;
import io.quantbench.engine.format.TernaryMatrix;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A tensor stored contiguously in a file as blocks of one type along {@code ne[0]}: every GGUF tensor,
 * safetensors tensors of a plain dtype, and llama2.c's float32 arrays. Rows are decoded straight from the
 * mapped file, in runs of blocks no longer than one mapping window, so any tensor size works.
 */
final class StoredTensor extends CheckpointTensor {

    private final ByteSource source;
    private final long offset;
    private final String typeName;
    private final GgmlType ggmlType;
    private final int blockSize;
    private final int typeSize;
    private final BlockDecoder decoder;

    private StoredTensor(String name, String sourceName, long[] ne, ByteSource source, long offset, String typeName,
                         GgmlType ggmlType, int blockSize, int typeSize, BlockDecoder decoder) {
        super(name, sourceName, ne);
        this.source = source;
        this.offset = offset;
        this.typeName = typeName;
        this.ggmlType = ggmlType;
        this.blockSize = blockSize;
        this.typeSize = typeSize;
        this.decoder = decoder;
    }

    /** A tensor of ggml type {@code type} whose bytes start at absolute {@code offset} of {@code source}. */
    static StoredTensor ggml(String name, String sourceName, long[] ne, GgmlType type, ByteSource source, long offset) {
        return new StoredTensor(name, sourceName, ne, source, offset, type.name(), type, type.blockSize(), type.typeSize(),
                type.decoder());
    }

    /** A tensor of unsigned bytes (safetensors U8), which no ggml type describes; values are 0..255. */
    static StoredTensor u8(String name, String sourceName, long[] ne, ByteSource source, long offset) {
        return new StoredTensor(name, sourceName, ne, source, offset, "U8", null, 1, 1, StoredTensor::u8);
    }

    /** A tensor of a type quantbench cannot decode (listed by {@code inspect}; dequantizing it fails with a clear message). */
    static StoredTensor undecodable(String name, String sourceName, long[] ne, String typeName, int typeSize, ByteSource source,
                                    long offset) {
        return new StoredTensor(name, sourceName, ne, source, offset, typeName, null, 1, typeSize, null);
    }

    private static void u8(ByteBuffer x, int at, float[] y, int yAt, int n) {
        for (int i = 0; i < n; i++) {
            y[yAt + i] = x.get(at + i) & 0xFF;
        }
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public Optional<GgmlType> ggmlType() {
        return Optional.ofNullable(ggmlType);
    }

    @Override
    public long byteSize() {
        return ggmlType != null ? ggmlType.tensorBytes(elements()) : elements() / blockSize * typeSize;
    }

    /** Absolute offset of the first byte in the file. */
    long offset() {
        return offset;
    }

    ByteSource source() {
        return source;
    }

    @Override
    public boolean canDequantize() {
        return decoder != null || ggmlType == GgmlType.I2_S;
    }

    @Override
    public void dequantizeRows(long firstRow, int rowCount, float[] out, int outOffset) {
        checkRows(firstRow, rowCount, out, outOffset);
        if (!canDequantize()) {
            throw new UnsupportedOperationException("tensor " + name() + " is " + typeName + ", which quantbench cannot"
                    + " dequantize; it reads " + GgmlType.dequantizable() + (ggmlType == null ? ", U8" : ""));
        }
        long blocksPerRow = rowLength() / blockSize;
        long firstBlock = firstRow * blocksPerRow;
        long blocks = rowCount * blocksPerRow;
        int maxBlocks = source.maxSpan() / typeSize;
        float i2sScale = ggmlType == GgmlType.I2_S ? i2sScale() : 0f;
        for (long b = 0; b < blocks; ) {
            int n = (int) Math.min(maxBlocks, blocks - b);
            ByteBuffer bytes = source.slice(offset + (firstBlock + b) * typeSize, n * typeSize);
            int at = outOffset + (int) (b * blockSize);
            if (ggmlType == GgmlType.I2_S) {
                TernaryQuants.i2s(bytes, 0, i2sScale, out, at, n);
            } else {
                decoder.decode(bytes, 0, out, at, n);
            }
            b += n;
        }
    }

    /** I2_S keeps one float32 scale for the tensor right after its codes, at byte n / 4 (FORMATS.md §2.4). */
    private float i2sScale() {
        return source.slice(offset + elements() / 4, 4).getFloat(0);
    }

    @Override
    public boolean isTernary() {
        return ggmlType != null && ggmlType.isTernary();
    }

    @Override
    public TernaryMatrix ternary() throws FileFormatException {
        if (!isTernary()) {
            throw notTernary();
        }
        int rows = ternaryRows();
        try {
            switch (ggmlType) {
                case I2_S:
                    return TernaryInterchange.fromI2S(readAll(), rows, rowLength());
                case TQ2_0:
                    return TernaryInterchange.fromTQ2_0(readAll(), rows, rowLength());
                case TQ1_0:
                    return tq1_0Ternary(rows);
                default:
                    throw new AssertionError(ggmlType);
            }
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(source.name(), "tensor " + name() + " (" + typeName + " at byte offset " + offset + ")",
                    e.getMessage());
        }
    }

    /** Every byte of the tensor in one array (ternary tensors are small: 2 bits or less a value). */
    private byte[] readAll() {
        long size = byteSize();
        if (size > Integer.MAX_VALUE - 8) {
            throw new UnsupportedOperationException("tensor " + name() + " has " + size + " bytes, more than one array holds");
        }
        return source.read(offset, (int) size);
    }

    /**
     * TQ1_0 to TERNARY: the codes convert exactly; a TERNARY matrix has one scale, so every block with a
     * non-zero value must carry the same float16 scale (ggml's quantizer gives all-zero blocks scale 0).
     */
    private TernaryMatrix tq1_0Ternary(int rows) throws FileFormatException {
        int cols = rowLength();
        byte[] values = new byte[Math.multiplyExact(rows, cols)];
        byte[] codes = new byte[TernaryQuants.QK_K];
        long blocks = elements() / TernaryQuants.QK_K;
        Short scale = null;
        for (long b = 0; b < blocks; b++) {
            ByteBuffer block = source.slice(offset + b * TernaryQuants.TQ1_0_BYTES, TernaryQuants.TQ1_0_BYTES);
            TernaryQuants.tq1_0Codes(block, 0, codes);
            boolean nonZero = false;
            for (int e = 0; e < codes.length; e++) {
                values[(int) (b * TernaryQuants.QK_K) + e] = (byte) (codes[e] - 1);
                nonZero |= codes[e] != 1;
            }
            short d = TernaryQuants.tq1_0Scale(block, 0);
            if (nonZero) {
                if (scale == null) {
                    scale = d;
                } else if (scale != d) {
                    throw new FileFormatException(source.name(), offset + b * TernaryQuants.TQ1_0_BYTES, "TQ1_0 block " + b
                            + " of tensor " + name() + " has scale " + Float16.toFloat(d) + " but an earlier block has "
                            + Float16.toFloat(scale) + "; a TERNARY matrix holds one scale per tensor");
                }
            }
        }
        return TernaryMatrix.of(values, scale == null ? 0f : Float16.toFloat(scale), rows, cols);
    }
}
