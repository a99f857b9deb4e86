package io.quantbench.engine.kernel;

import io.quantbench.engine.format.Float16;
import io.quantbench.engine.format.Int4Matrix;
import io.quantbench.engine.format.Int8Matrix;
import io.quantbench.engine.format.QuantizedMatrix;
import io.quantbench.engine.format.TernaryMatrix;
import io.quantbench.engine.format.WeightFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the kernels compute, checked from outside: the output equals the dot product of the
 * dequantized weights with the activations quantized as the format says (computed here in double,
 * with the quantization rules written out again), and approaches the float product.
 */
class KernelSemanticsTest {

    @ParameterizedTest
    @EnumSource(WeightFormat.class)
    void outputIsTheDotProductOfDequantizedOperands(WeightFormat format) {
        int rows = 24;
        int cols = 800;                                        // 25 blocks: groups of 16, 8 and 1
        QuantizedMatrix w = format.quantize(TestMatrices.weights(rows, cols, 99), rows, cols);
        float[] x = TestMatrices.activations(2, cols, 98);
        float[] dense = w.dequantize();
        float[] y = KernelEquivalenceTest.run(Kernels.vector(format), w, x, 2);
        for (int t = 0; t < 2; t++) {
            double[] xq = quantizedActivations(format, x, t * cols, cols);
            for (int r = 0; r < rows; r++) {
                double exact = 0;
                double magnitude = 0;
                for (int c = 0; c < cols; c++) {
                    exact += (double) dense[r * cols + c] * xq[c];
                    magnitude += Math.abs((double) dense[r * cols + c] * xq[c]);
                }
                double tolerance = 1e-5 * magnitude + 1e-30;
                assertEquals(exact, y[t * rows + r], tolerance, format + " token " + t + " row " + r);
            }
        }
    }

    /** The activations as each format's kernel sees them, dequantized, from the rules in DESIGN.md. */
    private static double[] quantizedActivations(WeightFormat format, float[] x, int from, int cols) {
        double[] out = new double[cols];
        switch (format) {
            case F32:
                for (int c = 0; c < cols; c++) {
                    out[c] = x[from + c];
                }
                break;
            case INT8:
            case INT4:
                for (int b = 0; b < cols / 32; b++) {
                    float absmax = 0;
                    for (int i = 0; i < 32; i++) {
                        absmax = Math.max(absmax, Math.abs(x[from + b * 32 + i]));
                    }
                    float d = absmax / 127f;
                    for (int i = 0; i < 32; i++) {
                        float v = d == 0 ? 0 : x[from + b * 32 + i] / d;
                        long q = v < 0 ? -Math.round(-v) : Math.round(v);   // half away from zero, as ggml
                        out[b * 32 + i] = q * (double) d;
                    }
                }
                break;
            case TERNARY:
                float absmax = 0;
                for (int c = 0; c < cols; c++) {
                    absmax = Math.max(absmax, Math.abs(x[from + c]));
                }
                float s = 127f / Math.max(absmax, 1e-5f);
                for (int c = 0; c < cols; c++) {
                    out[c] = Math.rint(x[from + c] * s) / s;
                }
                break;
            default:
                throw new AssertionError(format);
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(WeightFormat.class)
    void outputApproachesTheFloatProduct(WeightFormat format) {
        int rows = 16;
        int cols = 2560;
        float[] weights = TestMatrices.weights(rows, cols, 5);
        float[] x = TestMatrices.activations(1, cols, 6);
        QuantizedMatrix w = format.quantize(weights, rows, cols);
        float[] y = KernelEquivalenceTest.run(Kernels.vector(format), w, x, 1);
        double errorSquares = 0;
        double signalSquares = 0;
        for (int r = 0; r < rows; r++) {
            double exact = 0;
            for (int c = 0; c < cols; c++) {
                exact += (double) weights[r * cols + c] * x[c];
            }
            errorSquares += (y[r] - exact) * (y[r] - exact);
            signalSquares += exact * exact;
        }
        double relative = Math.sqrt(errorSquares / signalSquares);
        // Expected relative RMS error by precision (ternary is a different model, not an approximation).
        double limit = format == WeightFormat.F32 ? 1e-6 : format == WeightFormat.INT8 ? 0.02
                : format == WeightFormat.INT4 ? 0.2 : 1.0;
        assertTrue(relative < limit, format + " relative error " + relative + " exceeds " + limit);
    }

    @Test
    void blockScalesAreAppliedPerBlock() {
        // Two blocks with very different magnitudes: a kernel that mixed up scales would be far off.
        float[] w = new float[64];
        for (int i = 0; i < 32; i++) {
            w[i] = 1000f;
            w[32 + i] = 0.001f;
        }
        float[] x = new float[64];
        java.util.Arrays.fill(x, 1f);
        for (WeightFormat format : new WeightFormat[] {WeightFormat.INT8, WeightFormat.INT4}) {
            float[] y = KernelEquivalenceTest.run(Kernels.vector(format), format.quantize(w, 1, 64), x, 1);
            assertEquals(32 * 1000f + 32 * 0.001f, y[0], 32 * 1000f * 1e-3, format.toString());
        }
        assertEquals(Float16.round(1000f / 127f), Float16.toFloat(((Int8Matrix) WeightFormat.INT8.quantize(w, 1, 64)).scales()[0]));
        assertEquals(Float16.round(1000f / -8f), Float16.toFloat(((Int4Matrix) WeightFormat.INT4.quantize(w, 1, 64)).scales()[0]));
    }

    @Test
    void ternaryOutputIsTheIntegerDotProductTimesTheScales() {
        byte[] t = {1, -1, 0, 1, 1, 0, -1, -1};
        TernaryMatrix w = TernaryMatrix.of(t, 0.5f, 1, 8);
        float[] x = {127, -127, 3, 10, -20, 55, 0, 1};        // absmax 127, so s = 1 and x_q = x
        float[] y = KernelEquivalenceTest.run(Kernels.vector(WeightFormat.TERNARY), w, x, 1);
        int dot = 127 + 127 + 10 - 20 - 0 - 1;
        assertEquals(dot * 0.5f, y[0]);
    }

    @Test
    void lookupKernelAsksForPackedWeights() {
        for (MatMulKernel kernel : Kernels.vectorKernels(WeightFormat.TERNARY)) {
            QuantizedMatrix w = WeightFormat.TERNARY.quantize(new float[64 * 64], 64, 64);
            if (kernel.pack(w) == w) {
                continue;                                         // reads the format's own layout
            }
            Activations a = kernel.newActivations(64, 1, 1);
            kernel.prepare(new float[64], 1, a);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> kernel.multiply(w, a, new float[64], 0, 64, 0));
            assertTrue(e.getMessage().contains("kernel.pack"), e.getMessage());
        }
    }

    @Test
    void mismatchedShapesAreRejected() {
        QuantizedMatrix w = WeightFormat.INT8.quantize(new float[64], 2, 32);
        MatMulKernel kernel = Kernels.vector(WeightFormat.INT8);
        Activations wide = kernel.newActivations(64, 1, 1);
        kernel.prepare(new float[64], 1, wide);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> kernel.multiply(w, wide, new float[2], 0, 2, 0));
        assertTrue(e.getMessage().contains("32 columns"), e.getMessage());
        Activations one = kernel.newActivations(32, 1, 1);
        e = assertThrows(IllegalArgumentException.class, () -> kernel.prepare(new float[64], 2, one));
        assertTrue(e.getMessage().contains("2 tokens"), e.getMessage());
    }
}
