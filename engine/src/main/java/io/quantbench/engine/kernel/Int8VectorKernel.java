package io.quantbench.engine.kernel;

import io.quantbench.engine.format.BlockGroups;
import io.quantbench.engine.format.BlockMatrix;
import io.quantbench.engine.format.Int8Matrix;
import io.quantbench.engine.format.WeightFormat;
import jdk.incubator.vector.ByteVector;
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
 * different lanes, which {@link BlockKernels#addSegment} folds together; that rare path is a method
 * of its own, so that the hot loop stays small enough for C2 to inline every vector operation in it.
 */
final class Int8VectorKernel extends BlockVectorKernel {

    private static final VectorSpecies<Byte> BYTES = Simd.BYTE_HALF;     // 2L bytes
    private static final VectorSpecies<Short> SHORTS = Simd.SHORT;       // 2L shorts
    private static final VectorSpecies<Integer> INTS = Simd.INT;         // L ints
    private static final int L = INTS.length();
    /** Bytes of a weight pair: one int lane. */
    private static final int UNIT = Int8Matrix.UNIT;
    /** Pair rows in a group: 32 weights per block, 2 per unit. */
    private static final int PAIRS = Int8Matrix.BLOCK / UNIT;

    @Override
    public WeightFormat format() {
        return WeightFormat.INT8;
    }

    /** Quantizes each token and puts its values in the weights' byte order, so one offset reads both. */
    @Override
    public void prepare(float[] x, int n, Activations activations) {
        BlockActivations a = (BlockActivations) activations;
        a.begin(x, n);
        int cols = a.cols();
        for (int t = 0; t < n; t++) {
            a.quantizeToken(x, t);
            for (int b0 = 0; b0 < a.blocksPerRow; ) {
                int g = BlockGroups.groupSize(b0, a.blocksPerRow);
                int group = t * cols + b0 * Int8Matrix.BLOCK;
                for (int p = 0; p < PAIRS; p++) {
                    for (int j = 0; j < g; j++) {
                        int from = (b0 + j) * Int8Matrix.BLOCK + p * UNIT;          // Int8Matrix's layout
                        int to = group + (p * g + j) * UNIT;
                        a.values[to] = a.natural[from];
                        a.values[to + 1] = a.natural[from + 1];
                    }
                }
                b0 += g;
            }
        }
    }

    @Override
    void rowPair(BlockMatrix matrix, int r0, int r1, BlockActivations a, int t, int stripes) {
        Int8Matrix w = (Int8Matrix) matrix;
        int cols = w.cols();
        int blocks = a.blocksPerRow;
        byte[] q = w.quants();
        short[] x = a.values;
        for (int b0 = 0; b0 < blocks; ) {
            int g = BlockGroups.groupSize(b0, blocks);
            if (g < L) {
                narrowGroup(w, r0, r1, b0, g, a, t, stripes);
                b0 += g;
                continue;
            }
            // Segment s holds blocks s .. s+L-1 of the group: lane j is block s + j, its pairs g units apart.
            // The two rows take turns segment by segment: one copy of the code, two streams from memory.
            int stride = g * UNIT;
            for (int s = 0; s < g; s += L) {
                int at = b0 * Int8Matrix.BLOCK + s * UNIT;
                int xi = t * cols + at;
                for (int band = 0; band < 2; band++) {
                    int wi = (band == 0 ? r0 : r1) * cols + at;
                    IntVector dots = IntVector.zero(INTS);
                    for (int o = 0; o < PAIRS * stride; o += 2 * stride) {
                        // Two loads per step, their short products added before widening (2 * 127 * 127 fits).
                        ShortVector p = widen(q, wi + o).mul(ShortVector.fromArray(SHORTS, x, xi + o))
                                .add(widen(q, wi + o + stride).mul(ShortVector.fromArray(SHORTS, x, xi + o + stride)));
                        dots = dots.add(BlockKernels.pairSum(p));
                    }
                    BlockKernels.addScaled(dots, w.scales(), (band == 0 ? r0 : r1) * blocks + b0 + s, a.scales,
                            t * blocks + b0 + s, a.stripes, stripes + band * Stripes.COUNT + s);
                }
            }
            b0 += g;
        }
    }

    /**
     * A group of {@code g < L} blocks (the tail of a row whose block count is not a multiple of 16), read
     * whole: lane {@code m} holds pairs of block {@code m % g}. Kept apart from {@link #rowPair}'s loop
     * and taking no vectors, so that it costs the hot loop no inlining budget.
     */
    private static void narrowGroup(Int8Matrix w, int r0, int r1, int b0, int g, BlockActivations a, int t, int stripes) {
        int cols = w.cols();
        int at = b0 * Int8Matrix.BLOCK;
        int loads = PAIRS * g / L;
        IntVector d0 = IntVector.zero(INTS);
        IntVector d1 = d0;
        for (int i = 0; i < loads; i++) {
            int o = at + i * L * UNIT;
            ShortVector xv = ShortVector.fromArray(SHORTS, a.values, t * cols + o);
            d0 = d0.add(BlockKernels.pairSum(widen(w.quants(), r0 * cols + o).mul(xv)));
            d1 = d1.add(BlockKernels.pairSum(widen(w.quants(), r1 * cols + o).mul(xv)));
        }
        d0.intoArray(a.lanes, stripes);
        d1.intoArray(a.lanes, stripes + L);
        int blocks = a.blocksPerRow;
        int xScale = t * blocks + b0;
        BlockKernels.addSegment(a.lanes, stripes, g, 0, a.sums, xScale, w.scales(), r0 * blocks + b0, a.scales, xScale,
                a.stripes, stripes);
        BlockKernels.addSegment(a.lanes, stripes + L, g, 0, a.sums, xScale, w.scales(), r1 * blocks + b0, a.scales, xScale,
                a.stripes, stripes + Stripes.COUNT);
    }

    /** {@code 2L} int8 weights sign-extended to shorts. */
    private static ShortVector widen(byte[] q, int at) {
        return (ShortVector) ByteVector.fromArray(BYTES, q, at).convertShape(VectorOperators.B2S, SHORTS, 0);
    }
}
