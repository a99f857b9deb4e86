package io.quantbench.engine.kernel;

import io.quantbench.engine.format.BlockGroups;
import io.quantbench.engine.format.Float16;
import io.quantbench.engine.format.Int8Matrix;
import io.quantbench.engine.format.QuantizedMatrix;
import io.quantbench.engine.format.WeightFormat;

/**
 * INT8 reference: for each block, the int8 dot product of weights and activations in plain integer
 * arithmetic, scaled by both block scales and added to its stripe ({@link Stripes}).
 */
final class Int8ScalarKernel implements MatMulKernel {

    @Override
    public WeightFormat format() {
        return WeightFormat.INT8;
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public Activations newActivations(int cols, int maxTokens, int threads) {
        return new BlockActivations(cols, maxTokens, threads);
    }

    @Override
    public void prepare(float[] x, int n, Activations activations) {
        BlockActivations a = (BlockActivations) activations;
        a.begin(x, n);
        for (int t = 0; t < n; t++) {
            a.quantizeToken(x, t);
            System.arraycopy(a.natural, 0, a.values, t * a.cols(), a.cols());
        }
    }

    @Override
    public void multiply(QuantizedMatrix matrix, Activations activations, float[] y, int rowFrom, int rowTo, int thread) {
        Int8Matrix w = (Int8Matrix) matrix;
        BlockActivations a = (BlockActivations) activations;
        a.check(w.cols(), w.rows(), y);
        for (int r = rowFrom; r < rowTo; r++) {
            for (int t = 0; t < a.tokens(); t++) {
                y[t * w.rows() + r] = row(w, r, a, t, thread * Stripes.THREAD_STRIDE);
            }
        }
    }

    private static float row(Int8Matrix w, int r, BlockActivations a, int t, int stripe) {
        int cols = w.cols();
        int blocks = a.blocksPerRow;
        for (int b = 0; b < blocks; b++) {
            int dot = 0;
            for (int i = 0; i < Int8Matrix.BLOCK; i++) {
                dot += w.quants()[Int8Matrix.offset(r, cols, b, i)] * a.values[t * cols + b * Int8Matrix.BLOCK + i];
            }
            float scale = Float16.toFloat(w.scales()[r * blocks + b]) * a.scales[t * blocks + b];
            a.stripes[stripe + b - BlockGroups.groupStart(b, blocks)] += dot * scale;
        }
        return Stripes.foldAndClear(a.stripes, stripe);
    }
}
