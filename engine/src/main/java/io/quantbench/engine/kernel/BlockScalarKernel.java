package io.quantbench.engine.kernel;

import io.quantbench.engine.format.BlockGroups;
import io.quantbench.engine.format.BlockMatrix;
import io.quantbench.engine.format.QuantizedMatrix;
import io.quantbench.engine.format.WeightFormat;

/**
 * INT8 and INT4 reference: for each block, the dot product of the weights' integer values with the
 * int8 activations in plain integer arithmetic, scaled by both block scales and added to its stripe
 * ({@link Stripes}).
 */
final class BlockScalarKernel implements MatMulKernel {

    private final WeightFormat format;

    BlockScalarKernel(WeightFormat format) {
        this.format = format;
    }

    @Override
    public WeightFormat format() {
        return format;
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public Activations newActivations(int cols, int maxTokens, int threads) {
        return new BlockActivations(cols, maxTokens, threads, null);
    }

    @Override
    public void prepare(float[] x, int n, Activations activations) {
        BlockActivations a = (BlockActivations) activations;
        a.begin(x, n);
        for (int t = 0; t < n; t++) {
            ActivationQuantizer.int8Blocks(x, t * a.cols(), a.cols(), a.natural, 0, a.scales, a.sums, t * a.blocksPerRow);
            a.arrange(t);
        }
    }

    @Override
    public void multiply(QuantizedMatrix matrix, Activations activations, float[] y, int rowFrom, int rowTo, int thread) {
        BlockMatrix w = (BlockMatrix) matrix;
        BlockActivations a = (BlockActivations) activations;
        a.check(w.cols(), w.rows(), y);
        for (int r = rowFrom; r < rowTo; r++) {
            for (int t = 0; t < a.tokens(); t++) {
                y[t * w.rows() + r] = row(w, r, a, t, Stripes.offset(thread));
            }
        }
    }

    private static float row(BlockMatrix w, int r, BlockActivations a, int t, int stripe) {
        int blocks = w.blocksPerRow();
        for (int b = 0; b < blocks; b++) {
            int dot = 0;
            for (int i = 0; i < BlockMatrix.BLOCK; i++) {
                dot += w.value(r, b, i) * a.values[t * w.cols() + b * BlockMatrix.BLOCK + i];
            }
            float scale = w.scale(r, b) * a.scales[t * blocks + b];
            a.stripes[stripe + b - BlockGroups.groupStart(b, blocks)] += dot * scale;
        }
        return Stripes.foldAndClear(a.stripes, stripe);
    }
}
