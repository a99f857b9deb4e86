package io.quantbench.engine.kernel;

import io.quantbench.engine.format.BlockGroups;
import io.quantbench.engine.format.Int8Matrix;
import io.quantbench.engine.format.QuantizedMatrix;
import io.quantbench.engine.format.WeightFormat;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * INT8 with the Vector API, bit for bit equal to {@link Int8ScalarKernel}.
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
 * different lanes, which are folded together ({@link BlockKernels#fold}). Every group goes through
 * the same two calls, which keeps the compiled method small enough for C2 to inline every vector
 * operation.
 */
final class Int8VectorKernel implements MatMulKernel {

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

    @Override
    public String name() {
        return "vector-" + Simd.bits();
    }

    @Override
    public Activations newActivations(int cols, int maxTokens, int threads) {
        return new BlockActivations(cols, maxTokens, threads);
    }

    /** Quantizes each token and puts its values in the weights' byte order, so one offset reads both. */
    @Override
    public void prepare(float[] x, int n, Activations activations) {
        BlockActivations a = (BlockActivations) activations;
        a.begin(x, n);
        int cols = a.cols();
        for (int t = 0; t < n; t++) {
            a.quantizeToken(x, t);
            for (int b = 0; b < a.blocksPerRow; b++) {
                for (int i = 0; i < Int8Matrix.BLOCK; i++) {
                    a.values[t * cols + Int8Matrix.offset(0, cols, b, i)] = a.natural[b * Int8Matrix.BLOCK + i];
                }
            }
        }
    }

    @Override
    public void multiply(QuantizedMatrix matrix, Activations activations, float[] y, int rowFrom, int rowTo, int thread) {
        Int8Matrix w = (Int8Matrix) matrix;
        BlockActivations a = (BlockActivations) activations;
        a.check(w.cols(), w.rows(), y);
        int scratch = thread * Stripes.THREAD_STRIDE;
        for (int r = rowFrom; r < rowTo; r++) {
            for (int t = 0; t < a.tokens(); t++) {
                y[t * w.rows() + r] = row(w, r, a, t, scratch);
            }
        }
    }

    private static float row(Int8Matrix w, int r, BlockActivations a, int t, int scratch) {
        int cols = w.cols();
        int blocks = a.blocksPerRow;
        for (int b0 = 0; b0 < blocks; ) {
            int g = BlockGroups.groupSize(b0, blocks);
            // A group of g >= L blocks is read in segments of L blocks: lane j is block s + j, its pairs
            // g units apart. A narrower group is read whole: lane m holds pairs of block m % g, folded after.
            int segments = Math.max(1, g / L);
            int stride = Math.max(g, L) * UNIT;
            int loads = g >= L ? PAIRS : PAIRS * g / L;
            for (int s = 0; s < segments * L; s += L) {
                int at = b0 * Int8Matrix.BLOCK + s * UNIT;
                IntVector dots = dot(w.quants(), r * cols + at, a.values, t * cols + at, stride, loads);
                if (g < L) {
                    dots = BlockKernels.fold(dots, g);
                }
                BlockKernels.addScaled(dots, g, w.scales(), r * blocks + b0 + s, a.scales, t * blocks + b0 + s,
                        a.stripes, scratch + s);
            }
            b0 += g;
        }
        return Stripes.foldAndClear(a.stripes, scratch);
    }

    /**
     * Sum over {@code loads} loads of {@code 2L} weight bytes (each {@code stride} bytes after the last)
     * of their products with the activations at the same offsets, one int lane per unit position.
     */
    private static IntVector dot(byte[] q, int wAt, short[] x, int xAt, int stride, int loads) {
        IntVector acc = IntVector.zero(INTS);
        int i = 0;
        for (; i + 1 < loads; i += 2) {
            int o0 = i * stride;
            int o1 = o0 + stride;
            ShortVector p = widen(q, wAt + o0).mul(ShortVector.fromArray(SHORTS, x, xAt + o0))
                    .add(widen(q, wAt + o1).mul(ShortVector.fromArray(SHORTS, x, xAt + o1)));
            acc = acc.add(BlockKernels.pairSum(p));
        }
        if (i < loads) {
            int o = i * stride;
            acc = acc.add(BlockKernels.pairSum(widen(q, wAt + o).mul(ShortVector.fromArray(SHORTS, x, xAt + o))));
        }
        return acc;
    }

    /** {@code 2L} int8 weights sign-extended to shorts. */
    private static ShortVector widen(byte[] q, int at) {
        return (ShortVector) ByteVector.fromArray(BYTES, q, at).convertShape(VectorOperators.B2S, SHORTS, 0);
    }
}
