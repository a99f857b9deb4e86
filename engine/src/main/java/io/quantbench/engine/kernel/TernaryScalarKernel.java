package io.quantbench.engine.kernel;

import io.quantbench.engine.format.QuantizedMatrix;
import io.quantbench.engine.format.TernaryValues;
import io.quantbench.engine.format.WeightFormat;

/**
 * TERNARY reference (BitLinear, W1.58A8): the integer dot product of the ternary weights with the
 * int8 activations, then {@code y = dot * (weightScale / s)} where {@code s = 127 / absmax(x)}. Reads
 * any TERNARY layout ({@link TernaryValues}).
 */
final class TernaryScalarKernel implements MatMulKernel {

    @Override
    public WeightFormat format() {
        return WeightFormat.TERNARY;
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public Activations newActivations(int cols, int maxTokens, int threads) {
        return new TernaryActivations(cols, maxTokens, null);
    }

    @Override
    public void prepare(float[] x, int n, Activations activations) {
        TernaryActivations a = (TernaryActivations) activations;
        a.begin(x, n);
        for (int t = 0; t < n; t++) {
            a.scales[t] = ActivationQuantizer.int8Token(x, t * a.cols(), a.cols(), a.natural, 0, a.sums, t);
            a.arrange(t);
        }
    }

    @Override
    public void multiply(QuantizedMatrix matrix, Activations activations, float[] y, int rowFrom, int rowTo, int thread) {
        TernaryValues w = (TernaryValues) matrix;
        TernaryActivations a = (TernaryActivations) activations;
        a.check(matrix.cols(), matrix.rows(), y);
        for (int r = rowFrom; r < rowTo; r++) {
            for (int t = 0; t < a.tokens(); t++) {
                int dot = 0;
                for (int c = 0; c < matrix.cols(); c++) {
                    dot += w.value(r, c) * a.values[t * a.stride + c];
                }
                y[t * matrix.rows() + r] = dot * outputScale(w.scale(), a.scales[t]);
            }
        }
    }

    /** The factor that turns the integer dot product into the output: {@code weightScale / s}. */
    static float outputScale(float weightScale, float activationScale) {
        return weightScale / activationScale;
    }
}
