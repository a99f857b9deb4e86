package io.quantbench.engine.kernel;

import io.quantbench.engine.format.BlockMatrix;
import io.quantbench.engine.format.QuantizedMatrix;

/**
 * What the INT8 and INT4 vector kernels share: activations quantized in blocks of 32, and the walk over
 * a thread's rows in pairs ({@link RowPairs}), each pair's float terms gathered in two sets of stripes
 * ({@link Stripes}) and folded into the outputs.
 *
 * <p>How a kernel walks a pair of rows, and why: the full groups of 16 blocks come first in every row
 * ({@link io.quantbench.engine.format.BlockGroups}), so {@code rowPair} runs a lean loop over them alone,
 * segment by segment (one segment at 512 bits), both rows' loads interleaved so that two DRAM streams are
 * in flight, and the segment's float terms summed in registers in group order, which is the stripes'
 * order. Only then does it add the row's narrow tail group, in a method of its own. Keeping the hot loop
 * that lean keeps C2 within its inlining budget: every vector operation in it is compiled to SIMD.
 */
abstract class BlockVectorKernel implements MatMulKernel {

    @Override
    public final String name() {
        return "vector-" + Simd.bits();
    }

    @Override
    public final Activations newActivations(int cols, int maxTokens, int threads) {
        return new BlockActivations(cols, maxTokens, threads, order(cols));
    }

    /** Quantizes each token (with vectors) and lays its values out in the order this kernel reads them. */
    @Override
    public final void prepare(float[] x, int n, Activations activations) {
        BlockActivations a = (BlockActivations) activations;
        a.begin(x, n);
        for (int t = 0; t < n; t++) {
            VectorActivationQuantizer.int8Blocks(x, t * a.cols(), a.cols(), a.natural, 0, a.scales, a.sums,
                    t * a.blocksPerRow);
            a.arrange(t);
        }
    }

    /**
     * The order in which {@link #rowPair} reads a token's activations: position {@code i} holds the value
     * of column {@code order[i]}. Computed once per activation buffer.
     */
    abstract int[] order(int cols);

    @Override
    public final void multiply(QuantizedMatrix matrix, Activations activations, float[] y, int rowFrom, int rowTo, int thread) {
        BlockMatrix w = (BlockMatrix) matrix;
        BlockActivations a = (BlockActivations) activations;
        a.check(w.cols(), w.rows(), y);
        int stripes = Stripes.offset(thread);
        for (int i = 0; i < RowPairs.count(rowFrom, rowTo); i++) {
            int first = rowFrom + i;
            int second = RowPairs.second(rowFrom, rowTo, i);
            for (int t = 0; t < a.tokens(); t++) {
                rowPair(w, first, second < 0 ? first : second, a, t, stripes);
                y[t * w.rows() + first] = BlockKernels.fold(a.stripes, stripes);
                float other = BlockKernels.fold(a.stripes, stripes + Stripes.COUNT);
                if (second >= 0) {
                    y[t * w.rows() + second] = other;
                }
            }
        }
    }

    /**
     * Rows {@code r0} and {@code r1} against token {@code t}, their float terms added to the stripes at
     * {@code stripes} and {@code stripes + 16}; the two rows share every activation load.
     */
    abstract void rowPair(BlockMatrix w, int r0, int r1, BlockActivations a, int t, int stripes);
}
