package io.quantbench.engine.kernel;

import io.quantbench.engine.format.BlockGroups;
import io.quantbench.engine.format.BlockMatrix;
import io.quantbench.engine.format.Int8Matrix;
import io.quantbench.engine.format.WeightFormat;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * INT8 with the Vector API, bit for bit equal to {@link BlockScalarKernel}.
 *
 * <p>The Vector API has no byte dot-product instruction ({@code vpdpbusd}, {@code sdot}), so the
 * kernel widens: a load of {@code 2L} weight bytes becomes {@code 2L} shorts (L = int lanes), which
 * are multiplied by the activations (already widened to shorts once per call). Two such products
 * are added as shorts (|sum| <= 2 * 127 * 127 fits), and each pair of adjacent shorts is added into
 * one int lane ({@link BlockKernels#pairSum}). Thanks to the weight layout ({@link Int8Matrix}:
 * weight pairs of a group's blocks alternate), int lane {@code j} always belongs to block {@code j}
 * of the group, so the block dot products come out in lanes with no reduction across lanes; they are
 * converted to float, scaled and added to the stripes ({@link Stripes}) once per group.
 *
 * <p>Groups of at least L blocks are split into segments of L blocks. Groups of fewer blocks
 * (the tail of a row whose block count is not a multiple of 16) put several pairs of one block in
 * different lanes, which {@link BlockKernels#tailTerms} folds together; that rare path is a method
 * of its own, so that the hot loop stays small enough for C2 to inline every vector operation in it.
 */
final class Int8VectorKernel extends BlockVectorKernel {

    private static final VectorSpecies<Byte> BYTES = Simd.BYTE_HALF;     // 2L bytes
    private static final VectorSpecies<Short> SHORTS = Simd.SHORT;       // 2L shorts
    private static final VectorSpecies<Integer> INTS = Simd.INT;         // L ints
    private static final VectorSpecies<Float> FLOATS = Simd.FLOAT;       // L floats
    private static final int L = INTS.length();
    /** Bytes of a weight pair: one int lane. */
    private static final int UNIT = Int8Matrix.UNIT;
    /** Pair rows in a group: 32 weights per block, 2 per unit. */
    private static final int PAIRS = Int8Matrix.BLOCK / UNIT;

    @Override
    public WeightFormat format() {
        return WeightFormat.INT8;
    }

    /** The weights' own byte order ({@link Int8Matrix}), so that one offset reads a weight and its activation. */
    @Override
    int[] order(int cols) {
        int blocks = cols / Int8Matrix.BLOCK;
        int[] order = new int[cols];
        for (int b = 0; b < blocks; b++) {
            for (int i = 0; i < Int8Matrix.BLOCK; i++) {
                order[Int8Matrix.offset(0, cols, b, i)] = b * Int8Matrix.BLOCK + i;
            }
        }
        return order;
    }

    @Override
    void rowPair(BlockMatrix matrix, int r0, int r1, BlockActivations a, int t, int stripes) {
        Int8Matrix w = (Int8Matrix) matrix;
        int cols = w.cols();
        int blocks = a.blocksPerRow;
        int fullGroups = blocks / BlockGroups.MAX_GROUP;
        byte[] q = w.quants();
        short[] x = a.values;
        short[] wScales = w.scales();
        int stride = BlockGroups.MAX_GROUP * UNIT;                       // between pair rows of a full group
        int groupBytes = BlockGroups.MAX_GROUP * Int8Matrix.BLOCK;
        for (int s = 0; s < BlockGroups.MAX_GROUP; s += L) {
            // Segment s of every full group: lane j is block s + j, its pairs one stride apart.
            FloatVector f0 = FloatVector.zero(FLOATS);
            FloatVector f1 = f0;
            for (int g = 0; g < fullGroups; g++) {
                int at = g * groupBytes + s * UNIT;
                int w0 = r0 * cols + at;
                int w1 = r1 * cols + at;
                int xi = t * cols + at;
                IntVector d0 = IntVector.zero(INTS);
                IntVector d1 = d0;
                for (int o = 0; o < PAIRS * stride; o += 2 * stride) {
                    // Two loads per step, their short products added before widening (2 * 127 * 127 fits).
                    ShortVector x0 = ShortVector.fromArray(SHORTS, x, xi + o);
                    ShortVector x1 = ShortVector.fromArray(SHORTS, x, xi + o + stride);
                    d0 = d0.add(BlockKernels.pairSum(widen(q, w0 + o).mul(x0).add(widen(q, w0 + o + stride).mul(x1))));
                    d1 = d1.add(BlockKernels.pairSum(widen(q, w1 + o).mul(x0).add(widen(q, w1 + o + stride).mul(x1))));
                }
                int block = g * BlockGroups.MAX_GROUP + s;
                f0 = f0.add(BlockKernels.scaled(d0, wScales, r0 * blocks + block, a.scales, t * blocks + block));
                f1 = f1.add(BlockKernels.scaled(d1, wScales, r1 * blocks + block, a.scales, t * blocks + block));
            }
            f0.intoArray(a.stripes, stripes + s);
            f1.intoArray(a.stripes, stripes + Stripes.COUNT + s);
        }
        for (int b0 = fullGroups * BlockGroups.MAX_GROUP; b0 < blocks; ) {
            int g = BlockGroups.groupSize(b0, blocks);
            tailGroup(w, r0, b0, g, a, t, stripes);
            tailGroup(w, r1, b0, g, a, t, stripes + Stripes.COUNT);
            b0 += g;
        }
    }

    /**
     * A tail group of {@code g < 16} blocks of one row (a row whose block count is not a multiple of 16),
     * compiled on its own so that it costs {@link #rowPair}'s hot loop no inlining budget; it takes no
     * vectors, so the call boxes nothing. With {@code g >= L} it is read in segments like a full group; a
     * narrower one is read whole, lane {@code m} holding pairs of block {@code m % g}
     * ({@link BlockKernels#tailTerms} folds them).
     */
    private static void tailGroup(Int8Matrix w, int row, int b0, int g, BlockActivations a, int t, int stripes) {
        int cols = w.cols();
        int blocks = a.blocksPerRow;
        byte[] q = w.quants();
        short[] x = a.values;
        int stride = Math.max(g, L) * UNIT;
        int loads = g >= L ? PAIRS : PAIRS * g / L;
        for (int s = 0; s < Math.max(g, L); s += L) {
            int at = b0 * Int8Matrix.BLOCK + s * UNIT;
            int wi = row * cols + at;
            int xi = t * cols + at;
            IntVector dots = IntVector.zero(INTS);
            for (int i = 0; i < loads; i++) {
                int o = i * stride;
                dots = dots.add(BlockKernels.pairSum(widen(q, wi + o).mul(ShortVector.fromArray(SHORTS, x, xi + o))));
            }
            BlockKernels.addTo(BlockKernels.tailTerms(dots, g, 0, a.sums, w.scales(), row * blocks + b0 + s, a.scales,
                    t * blocks + b0 + s), a.stripes, stripes + s);
        }
    }

    /** {@code 2L} int8 weights sign-extended to shorts. */
    private static ShortVector widen(byte[] q, int at) {
        return (ShortVector) ByteVector.fromArray(BYTES, q, at).convertShape(VectorOperators.B2S, SHORTS, 0);
    }
}
