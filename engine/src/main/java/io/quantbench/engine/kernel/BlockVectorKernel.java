package io.quantbench.engine.kernel;

import io.quantbench.engine.format.BlockMatrix;
import io.quantbench.engine.format.QuantizedMatrix;

/**
 * What the INT8 and INT4 vector kernels share: activations quantized in blocks of 32, and the walk over
 * a thread's rows in pairs ({@link RowPairs}), each pair's float terms gathered in two sets of stripes
 * ({@link Stripes}) and folded into the outputs.
 */
abstract class BlockVectorKernel implements MatMulKernel {

    @Override
    public final String name() {
        return "vector-" + Simd.bits();
    }

    @Override
    public final Activations newActivations(int cols, int maxTokens, int threads) {
        return new BlockActivations(cols, maxTokens, threads);
    }

    @Override
    public final void multiply(QuantizedMatrix matrix, Activations activations, float[] y, int rowFrom, int rowTo, int thread) {
        BlockMatrix w = (BlockMatrix) matrix;
        BlockActivations a = (BlockActivations) activations;
        a.check(w.cols(), w.rows(), y);
        int stripes = thread * Stripes.THREAD_STRIDE;
        for (int i = 0; i < RowPairs.count(rowFrom, rowTo); i++) {
            int first = rowFrom + i;
            int second = RowPairs.second(rowFrom, rowTo, i);
            for (int t = 0; t < a.tokens(); t++) {
                rowPair(w, first, second < 0 ? first : second, a, t, stripes);
                y[t * w.rows() + first] = Stripes.foldAndClear(a.stripes, stripes);
                float other = Stripes.foldAndClear(a.stripes, stripes + Stripes.COUNT);
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
