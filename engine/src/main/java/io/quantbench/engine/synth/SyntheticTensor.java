package io.quantbench.engine.synth;

import io.quantbench.engine.format.TernaryMatrix;
import io.quantbench.engine.io.CheckpointTensor;
import io.quantbench.engine.io.GgmlType;

import java.util.Optional;

/**
 * One tensor of a {@link SyntheticCheckpoint}: its values are generated row by row when asked for, from the
 * checkpoint's seed and the tensor's name ({@link SeededValues}), so a multi-GB checkpoint costs no memory until a
 * model loads it, and any row range can be produced alone.
 *
 * <p>The statistics imitate trained transformers (what each kind of tensor holds is in {@link Kind}): weights
 * bell-shaped with a spread of {@code 1/sqrt(inputs)}, rows of unequal norm, rare weights 8 times larger than
 * the rest (the outliers that hurt block quantization), and a few residual channels whose norm gains are 8 times
 * larger (the activation outlier features of LLM.int8(), which dominate BitNet's per-token absmax scale).
 */
final class SyntheticTensor extends CheckpointTensor {

    /** What a tensor holds, which decides its statistics. */
    enum Kind {
        /** Norm gains around 1 ({@code 1 + 0.1 z}); 8 on the model's outlier channels when the norm spans the residual. */
        NORM_GAIN,
        /** Biases of norms and linears: {@code 0.02 z}. */
        BIAS,
        /** A linear layer's weights: {@code z / sqrt(cols)} times a per-row factor, with rare outliers times 8. */
        LINEAR,
        /**
         * A BitNet b1.58 linear layer, exactly ternary as the released checkpoint stores it: latent bell-shaped
         * values (rows of unequal density) rounded to {-1, 0, 1} at 0.8 (about 31 % zeros, as absmean rounding of
         * a Gaussian gives), times one scale per tensor that keeps the output's variance near the input's.
         */
        TERNARY_LINEAR,
        /** Token embeddings: {@code z / sqrt(cols)}. */
        EMBEDDING,
        /** GPT-2's learned positions: {@code 0.5 z / sqrt(cols)}. */
        POSITIONS,
        /** Llama 3's RoPE frequency factors (rope_freqs), computed, not random. */
        ROPE_FACTORS
    }

    /** One weight in this many is an outlier. */
    static final int OUTLIER_WEIGHT_EVERY = 1024;
    static final float OUTLIER_FACTOR = 8f;
    /** Latent values are rounded to ternary at this threshold step (absmean of a unit Gaussian is 0.80). */
    private static final float TERNARY_STEP = 0.8f;

    private final Kind kind;
    private final long seed;
    private final OutlierChannels outliers;
    private final float[] computed;

    SyntheticTensor(String name, long[] ne, Kind kind, long checkpointSeed, OutlierChannels outliers, float[] computed) {
        super(name, name, ne);
        this.kind = kind;
        this.seed = SeededValues.tensorSeed(checkpointSeed, name);
        this.outliers = outliers;
        this.computed = computed;
    }

    Kind kind() {
        return kind;
    }

    @Override
    public String typeName() {
        return kind == Kind.TERNARY_LINEAR ? "ternary (synthetic)" : "F32 (synthetic)";
    }

    @Override
    public Optional<GgmlType> ggmlType() {
        return kind == Kind.TERNARY_LINEAR ? Optional.of(GgmlType.I2_S) : Optional.of(GgmlType.F32);
    }

    @Override
    public long byteSize() {
        return kind == Kind.TERNARY_LINEAR ? GgmlType.I2_S.tensorBytes(elements()) : 4 * elements();
    }

    @Override
    public boolean canDequantize() {
        return true;
    }

    @Override
    public void dequantizeRows(long firstRow, int rowCount, float[] out, int offset) {
        checkRows(firstRow, rowCount, out, offset);
        int cols = rowLength();
        if (computed != null) {
            System.arraycopy(computed, (int) firstRow * cols, out, offset, rowCount * cols);
            return;
        }
        byte[] ternary = kind == Kind.TERNARY_LINEAR ? new byte[cols] : null;
        for (int i = 0; i < rowCount; i++) {
            int at = offset + i * cols;
            if (ternary != null) {
                ternaryRow(firstRow + i, ternary, 0);
                float scale = ternaryScale();
                for (int c = 0; c < cols; c++) {
                    out[at + c] = ternary[c] * scale;
                }
            } else {
                floatRow(firstRow + i, out, at);
            }
        }
    }

    @Override
    public boolean isTernary() {
        return kind == Kind.TERNARY_LINEAR;
    }

    @Override
    public TernaryMatrix ternary() {
        if (!isTernary()) {
            throw notTernary();
        }
        int rows = ternaryRows();
        int cols = rowLength();
        byte[] values = new byte[Math.multiplyExact(rows, cols)];
        for (int r = 0; r < rows; r++) {
            ternaryRow(r, values, r * cols);
        }
        return TernaryMatrix.of(values, ternaryScale(), rows, cols);
    }

    /** The one scale of a ternary tensor: output variance near input variance with about 69 % non-zero weights. */
    private float ternaryScale() {
        return (float) (1.2 / Math.sqrt(rowLength()));
    }

    private void ternaryRow(long row, byte[] out, int at) {
        SeededValues random = SeededValues.forRow(seed, row);
        float density = rowFactor(random);
        for (int c = 0; c < rowLength(); c++) {
            float latent = random.nextBell() * density / TERNARY_STEP;
            out[at + c] = (byte) Math.max(-1, Math.min(1, Math.rint(latent)));
        }
    }

    private void floatRow(long row, float[] out, int at) {
        SeededValues random = SeededValues.forRow(seed, row);
        int cols = rowLength();
        switch (kind) {
            case NORM_GAIN:
                for (int c = 0; c < cols; c++) {
                    float gain = 1f + 0.1f * random.nextBell();
                    out[at + c] = outliers.spans(cols) && outliers.contains(c) ? OUTLIER_FACTOR * gain : gain;
                }
                break;
            case BIAS:
                fill(random, out, at, cols, 0.02f);
                break;
            case EMBEDDING:
                fill(random, out, at, cols, (float) (1 / Math.sqrt(cols)));
                break;
            case POSITIONS:
                fill(random, out, at, cols, (float) (0.5 / Math.sqrt(cols)));
                break;
            case LINEAR:
                fill(random, out, at, cols, (float) (rowFactor(random) / Math.sqrt(cols)));
                for (int k = 0; k < Math.max(1, cols / OUTLIER_WEIGHT_EVERY); k++) {
                    out[at + (int) (random.nextUniform() * cols)] *= OUTLIER_FACTOR;
                }
                break;
            default:
                throw new AssertionError(kind);
        }
    }

    /** A row's spread relative to the tensor's: log-normal, sigma 0.15. */
    private static float rowFactor(SeededValues random) {
        return (float) Math.exp(0.15 * random.nextBell());
    }

    private static void fill(SeededValues random, float[] out, int at, int n, float std) {
        for (int c = 0; c < n; c++) {
            out[at + c] = std * random.nextBell();
        }
    }

    /** The residual channels whose norm gains are outliers: about one in 200, chosen by the seed, at least one. */
    static final class OutlierChannels {
        private final long seed;
        private final int hidden;

        OutlierChannels(long seed, int hidden) {
            this.seed = SeededValues.mix(seed ^ 0x5EED_C0DEL);
            this.hidden = hidden;
        }

        /** Whether a vector of {@code length} values spans the residual stream (so outlier channels apply). */
        boolean spans(int length) {
            return length == hidden;
        }

        boolean contains(int channel) {
            return channel == Long.remainderUnsigned(seed, hidden)
                    || Long.remainderUnsigned(SeededValues.mix(seed + channel), 200) == 0;
        }
    }
}
