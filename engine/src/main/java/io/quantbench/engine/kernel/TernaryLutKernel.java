package io.quantbench.engine.kernel;

import io.quantbench.engine.format.QuantizedMatrix;
import io.quantbench.engine.format.TernaryMatrix;
import io.quantbench.engine.format.TernaryTiles;
import io.quantbench.engine.format.WeightFormat;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * TERNARY by table lookup (the T-MAC / bitnet.cpp TL idea), for 512-bit vectors; bit for bit equal to
 * {@link TernaryScalarKernel}.
 *
 * <p>Three ternary weights take only 27 combinations, so for every triple of activations
 * {@code (x0, x1, x2)} the kernel precomputes a table {@code T[i] = t0 x0 + t1 x1 + t2 x2} over the 27
 * combinations {@code i} (once per token, in {@link #prepare}). The weights ({@link TernaryTiles}) hold
 * each triple's combination as a 5-bit index, and one {@code selectFrom} (AVX-512 {@code vpermw}) on a
 * 32-lane short vector looks the index of 32 rows up in the same 32-entry table: 96 weights per
 * lookup, where the multiply kernel handles 32 per multiply. Sums stay exact integers: shorts for at
 * most {@value #STEPS_PER_FLUSH} steps (3 lookups of at most 3 * 128 each), then ints, then floats
 * (below 2^24, so exact), scaled once at the end like the scalar kernel.
 *
 * <p>Memory: the tables of one chunk of columns (12 KiB) stay in L1 while the kernel sweeps every
 * tile of the thread's rows for that chunk, and two tiles far apart are read in lockstep so that two
 * DRAM streams are in flight ({@link RowPairs}). The whole-row alternative, tables streaming from L2
 * beside the weights from DRAM, ran 3.5 times slower on cold weights.
 */
final class TernaryLutKernel implements MatMulKernel {

    private static final VectorSpecies<Short> SHORTS = Simd.SHORT;
    private static final VectorSpecies<Integer> INTS = Simd.INT;
    private static final VectorSpecies<Float> FLOATS = Simd.FLOAT;
    private static final int LANES = TernaryTiles.TILE_ROWS;
    private static final int HALF = LANES / 2;
    /** Steps (shorts of 3 indices) whose short sums are safe: 28 * 3 * 3 * 128 < 32768. */
    static final int STEPS_PER_FLUSH = 28;

    /** Table coefficients: lane i of {@code DIGITS[d]} is digit d of i in base 3, minus 1 (lanes 27..31: 0). */
    private static final short[][] DIGITS = digits();

    /** Whether this JVM's vectors are wide enough: a table of 27 entries must fit one vector. */
    static boolean supported() {
        return SHORTS.length() == LANES;
    }

    TernaryLutKernel() {
        if (!supported()) {
            throw new IllegalStateException("the TERNARY lookup kernel needs 512-bit vectors; this JVM uses "
                    + Simd.bits() + "-bit vectors");
        }
    }

    @Override
    public WeightFormat format() {
        return WeightFormat.TERNARY;
    }

    @Override
    public String name() {
        return "vector-" + Simd.bits() + "-lut";
    }

    @Override
    public QuantizedMatrix pack(QuantizedMatrix w) {
        if (w instanceof TernaryTiles) {
            return w;
        }
        if (!(w instanceof TernaryMatrix)) {
            throw new IllegalArgumentException("the TERNARY lookup kernel packs TERNARY matrices, got " + w);
        }
        return TernaryTiles.of((TernaryMatrix) w);
    }

    @Override
    public int rowAlignment() {
        return TernaryTiles.TILE_ROWS;
    }

    @Override
    public Activations newActivations(int cols, int maxTokens, int threads) {
        return new Tables(cols, maxTokens, threads);
    }

    /** Quantizes each token as BitNet does ({@link ActivationQuantizer#int8Token}) and builds its tables. */
    @Override
    public void prepare(float[] x, int n, Activations activations) {
        Tables a = (Tables) activations;
        a.begin(x, n);
        ShortVector d0 = ShortVector.fromArray(SHORTS, DIGITS[0], 0);
        ShortVector d1 = ShortVector.fromArray(SHORTS, DIGITS[1], 0);
        ShortVector d2 = ShortVector.fromArray(SHORTS, DIGITS[2], 0);
        for (int t = 0; t < n; t++) {
            a.scales[t] = VectorActivationQuantizer.int8Token(x, t * a.cols(), a.cols(), a.natural, 0, a.sums, t);
            int at = t * a.tableStride;
            for (int k = 0; k < a.triples; k++) {
                short x0 = a.natural[3 * k];
                short x1 = a.natural[3 * k + 1];
                short x2 = a.natural[3 * k + 2];
                d0.mul(x0).add(d1.mul(x1)).add(d2.mul(x2)).intoArray(a.tables, at + k * LANES);
            }
        }
    }

    @Override
    public void multiply(QuantizedMatrix matrix, Activations activations, float[] y, int rowFrom, int rowTo, int thread) {
        if (!(matrix instanceof TernaryTiles)) {
            throw new IllegalArgumentException("the TERNARY lookup kernel reads its own layout: pack the matrix once with"
                    + " kernel.pack(matrix) before multiplying; got " + matrix.getClass().getSimpleName());
        }
        TernaryTiles w = (TernaryTiles) matrix;
        Tables a = (Tables) activations;
        a.check(w.cols(), w.rows(), y);
        int rows = w.rows();
        int tileFrom = rowFrom / LANES;
        int tileTo = (rowTo + LANES - 1) / LANES;
        boolean partialLast = tileTo * LANES > rows;
        float[] partial = a.partial;
        int partialAt = thread * a.partialStride;
        for (int t = 0; t < a.tokens(); t++) {
            java.util.Arrays.fill(y, t * rows + rowFrom, t * rows + rowTo, 0f);
            if (partialLast) {
                java.util.Arrays.fill(partial, partialAt + t * LANES, partialAt + (t + 1) * LANES, 0f);
            }
        }
        int perRow = w.shortsPerRow();
        int pairs = RowPairs.count(tileFrom, tileTo);
        for (int c0 = 0; c0 < perRow; c0 += TernaryTiles.CHUNK_SHORTS) {
            int length = Math.min(TernaryTiles.CHUNK_SHORTS, perRow - c0);
            int chunkAt = c0 * w.tiles() * LANES;
            for (int t = 0; t < a.tokens(); t++) {
                int tableAt = t * a.tableStride + c0 * TernaryTiles.TRIPLES_PER_SHORT * LANES;
                for (int i = 0; i < pairs; i++) {
                    int first = tileFrom + i;
                    int second = RowPairs.second(tileFrom, tileTo, i);
                    int secondTile = second < 0 ? first : second;
                    // A tile past the last row accumulates in the thread's partial buffer, not in y.
                    boolean firstPartial = partialLast && first == tileTo - 1;
                    boolean secondPartial = partialLast && secondTile == tileTo - 1;
                    tilePair(w.data(), chunkAt + first * length * LANES, chunkAt + secondTile * length * LANES, length,
                            a.tables, tableAt,
                            firstPartial ? partial : y, firstPartial ? partialAt + t * LANES : t * rows + first * LANES,
                            second < 0 ? a.discard : secondPartial ? partial : y,
                            second < 0 ? thread * 2 * LANES : secondPartial ? partialAt + t * LANES : t * rows + second * LANES);
                }
            }
        }
        for (int t = 0; t < a.tokens(); t++) {
            float scale = TernaryScalarKernel.outputScale(w.scale(), a.scales[t]);
            if (partialLast) {
                int from = (tileTo - 1) * LANES;
                System.arraycopy(partial, partialAt + t * LANES, y, t * rows + from, rows - from);
            }
            for (int r = rowFrom; r < rowTo; r++) {
                y[t * rows + r] *= scale;
            }
        }
    }

    /**
     * One chunk of two tiles: {@code length} shorts per row from {@code q[at0]} and {@code q[at1]}, looked
     * up in the tables at {@code tables[tableAt]}; the 32 exact integer sums of each tile are added to
     * {@code out0[o0 .. o0+32)} and {@code out1[o1 .. o1+32)}.
     */
    private static void tilePair(short[] q, int at0, int at1, int length, short[] tables, int tableAt,
                                 float[] out0, int o0, float[] out1, int o1) {
        IntVector low0 = IntVector.zero(INTS);
        IntVector high0 = low0;
        IntVector low1 = low0;
        IntVector high1 = low0;
        ShortVector sum0 = ShortVector.zero(SHORTS);
        ShortVector sum1 = sum0;
        int steps = 0;
        for (int s = 0; s < length; s++) {
            ShortVector v0 = ShortVector.fromArray(SHORTS, q, at0 + s * LANES);
            ShortVector v1 = ShortVector.fromArray(SHORTS, q, at1 + s * LANES);
            int table = tableAt + s * TernaryTiles.TRIPLES_PER_SHORT * LANES;
            for (int k = 0; k < TernaryTiles.TRIPLES_PER_SHORT; k++) {
                ShortVector entries = ShortVector.fromArray(SHORTS, tables, table + k * LANES);
                sum0 = sum0.add(v0.lanewise(VectorOperators.LSHR, 5 * k).and((short) 31).selectFrom(entries));
                sum1 = sum1.add(v1.lanewise(VectorOperators.LSHR, 5 * k).and((short) 31).selectFrom(entries));
            }
            if (++steps == STEPS_PER_FLUSH || s == length - 1) {
                // Even short lanes are rows 0..15, odd lanes rows 16..31 (TernaryTiles' interleave).
                IntVector p0 = (IntVector) sum0.reinterpretShape(INTS, 0);
                IntVector p1 = (IntVector) sum1.reinterpretShape(INTS, 0);
                low0 = low0.add(p0.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
                high0 = high0.add(p0.lanewise(VectorOperators.ASHR, 16));
                low1 = low1.add(p1.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
                high1 = high1.add(p1.lanewise(VectorOperators.ASHR, 16));
                sum0 = ShortVector.zero(SHORTS);
                sum1 = sum0;
                steps = 0;
            }
        }
        addExact(low0, out0, o0);
        addExact(high0, out0, o0 + HALF);
        addExact(low1, out1, o1);
        addExact(high1, out1, o1 + HALF);
    }

    /** {@code out[at ..] += (float) sums}: exact, the running sums stay integers below 2^24. */
    private static void addExact(IntVector sums, float[] out, int at) {
        FloatVector.fromArray(FLOATS, out, at)
                .add((FloatVector) sums.convertShape(VectorOperators.I2F, FLOATS, 0))
                .intoArray(out, at);
    }

    private static short[][] digits() {
        short[][] d = new short[3][LANES];
        for (int i = 0; i < 27; i++) {
            d[0][i] = (short) (i / 9 - 1);
            d[1][i] = (short) (i / 3 % 3 - 1);
            d[2][i] = (short) (i % 3 - 1);
        }
        return d;
    }

    /** Per token: the quantized activations, their scale and the lookup tables; per thread: a partial tile. */
    static final class Tables extends Activations {
        final int triples;
        /** Shorts of tables per token: one 32-lane table per triple of columns (padded to whole shorts). */
        final int tableStride;
        final short[] tables;
        /** One token's quantized values, natural order, zero past {@code cols}. */
        final short[] natural;
        final float[] scales;
        final int[] sums;
        /** Per thread: the sums of a tile that reaches past the last row, for every token. */
        final float[] partial;
        final int partialStride;
        /** Per thread: where the missing second tile of an odd pair writes. */
        final float[] discard;

        Tables(int cols, int maxTokens, int threads) {
            super(cols, maxTokens);
            this.triples = TernaryTiles.shortsPerRow(cols) * TernaryTiles.TRIPLES_PER_SHORT;
            this.tableStride = triples * LANES;
            this.tables = new short[Math.multiplyExact(tableStride, maxTokens)];
            this.natural = new short[triples * 3];
            this.scales = new float[maxTokens];
            this.sums = new int[maxTokens];
            this.partialStride = LANES * maxTokens + LANES;
            this.partial = new float[partialStride * threads];
            this.discard = new float[2 * LANES * threads];
        }
    }
}
