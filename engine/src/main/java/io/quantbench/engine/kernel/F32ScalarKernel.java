package io.quantbench.engine.kernel;

import io.quantbench.engine.format.F32Matrix;
import io.quantbench.engine.format.QuantizedMatrix;

/** F32 reference: a plain left-to-right float dot product per row and token. */
final class F32ScalarKernel extends F32Kernel {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void multiply(QuantizedMatrix matrix, Activations activations, float[] y, int rowFrom, int rowTo, int thread) {
        float[] w = ((F32Matrix) matrix).values();
        F32Activations a = (F32Activations) activations;
        a.check(matrix.cols(), matrix.rows(), y);
        int cols = matrix.cols();
        for (int r = rowFrom; r < rowTo; r++) {
            for (int t = 0; t < a.tokens(); t++) {
                float sum = 0;
                for (int c = 0; c < cols; c++) {
                    sum += w[r * cols + c] * a.x[t * cols + c];
                }
                y[t * matrix.rows() + r] = sum;
            }
        }
    }
}
