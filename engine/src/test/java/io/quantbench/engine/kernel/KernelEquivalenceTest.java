package io.quantbench.engine.kernel;

import io.quantbench.engine.format.QuantizedMatrix;
import io.quantbench.engine.format.WeightFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every Vector API kernel against its scalar reference, at this JVM's vector width. The build runs
 * this class three times, at 128, 256 and 512 bits ({@link Simd}). Integer formats must match bit
 * for bit; F32 within the bound stated in {@link F32VectorKernel}.
 */
class KernelEquivalenceTest {

    /** Shapes that exercise every path: tails past the last vector, narrow block groups, odd 128-blocks, padding. */
    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        int[][] f32 = {{1, 1}, {3, 37}, {17, 100}, {33, 768}, {6, 1152}, {5, 6912}};
        int[][] blocks = {{1, 32}, {5, 96}, {17, 160}, {9, 800}, {33, 768}, {16, 1152}, {6, 2560}, {5, 6912}};
        int[][] ternary = {{1, 1}, {3, 100}, {5, 128}, {7, 640}, {9, 768}, {4, 2560}, {5, 6912}, {2, 1152},
            {64, 2560}, {97, 577}, {130, 1200}};
        for (int[] s : f32) {
            cases.add(Arguments.of(WeightFormat.F32, s[0], s[1]));
        }
        for (int[] s : blocks) {
            cases.add(Arguments.of(WeightFormat.INT8, s[0], s[1]));
            cases.add(Arguments.of(WeightFormat.INT4, s[0], s[1]));
        }
        for (int[] s : ternary) {
            cases.add(Arguments.of(WeightFormat.TERNARY, s[0], s[1]));
        }
        return cases.stream();
    }

    @Test
    void runsAtTheRequestedWidth() {
        String requested = System.getProperty(Simd.PROPERTY);
        assertTrue(requested != null, "the build must set -D" + Simd.PROPERTY + " so each width is really tested");
        assertEquals(Integer.parseInt(requested), Simd.bits());
        assertEquals("vector-" + requested, Kernels.vector(WeightFormat.INT8).name());
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("cases")
    void vectorEqualsScalarOnRandomInputs(WeightFormat format, int rows, int cols) {
        QuantizedMatrix w = format.quantize(TestMatrices.weights(rows, cols, 11L * rows + cols), rows, cols);
        float[] x = TestMatrices.activations(3, cols, 7L * cols);
        compare(w, x, 3);
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("cases")
    void vectorEqualsScalarOnAdversarialInputs(WeightFormat format, int rows, int cols) {
        QuantizedMatrix w = format.quantize(TestMatrices.adversarial(rows, cols, 5L * rows + cols), rows, cols);
        float[] x = TestMatrices.activations(4, cols, 3L * cols);
        java.util.Arrays.fill(x, 0, cols, 0f);                      // token 0: all zero
        x[cols + cols / 3] = 5.0e3f;                                 // token 1: one huge outlier
        for (int c = 0; c < cols; c++) {
            x[3 * cols + c] = c % 2 == 0 ? -1e-3f : 1e-3f;           // token 3: tiny values of both signs
        }
        compare(w, x, 4);
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("cases")
    void resultDoesNotDependOnThreadCountOrBatching(WeightFormat format, int rows, int cols) {
        for (MatMulKernel kernel : Kernels.vectorKernels(format)) {
            independentOfThreadsAndBatching(kernel, format, rows, cols);
        }
    }

    private static void independentOfThreadsAndBatching(MatMulKernel kernel, WeightFormat format, int rows, int cols) {
        QuantizedMatrix w = kernel.pack(format.quantize(TestMatrices.weights(rows, cols, rows * 31L + cols), rows, cols));
        int n = 5;
        float[] x = TestMatrices.activations(n, cols, cols * 13L);
        float[] batched = new float[n * rows];
        try (KernelPool one = new KernelPool(1)) {
            one.matmul(kernel, w, x, n, kernel.newActivations(cols, n, 1), batched);
        }
        for (int threads = 2; threads <= 3; threads++) {
            float[] y = new float[n * rows];
            try (KernelPool pool = new KernelPool(threads)) {
                Activations a = kernel.newActivations(cols, n, threads);
                for (int repeat = 0; repeat < 3; repeat++) {
                    pool.matmul(kernel, w, x, n, a, y);
                }
            }
            assertBitsEqual(batched, y, kernel.name() + " with " + threads + " threads");
        }
        Activations single = kernel.newActivations(cols, 1, 1);
        for (int t = 0; t < n; t++) {
            float[] token = java.util.Arrays.copyOfRange(x, t * cols, (t + 1) * cols);
            float[] y = new float[rows];
            kernel.prepare(token, 1, single);
            kernel.multiply(w, single, y, 0, rows, 0);
            assertBitsEqual(java.util.Arrays.copyOfRange(batched, t * rows, (t + 1) * rows), y,
                    kernel.name() + " token " + t + " alone vs in a batch of " + n);
        }
    }

    private static void compare(QuantizedMatrix w, float[] x, int n) {
        for (MatMulKernel kernel : Kernels.vectorKernels(w.format())) {
            compare(w, kernel, x, n);
        }
    }

    private static void compare(QuantizedMatrix w, MatMulKernel kernel, float[] x, int n) {
        int rows = w.rows();
        int cols = w.cols();
        float[] expected = run(Kernels.scalar(w.format()), w, x, n);
        float[] actual = run(kernel, w, x, n);
        if (w.format() == WeightFormat.F32) {
            float[] dense = w.dequantize();
            for (int t = 0; t < n; t++) {
                for (int r = 0; r < rows; r++) {
                    double magnitude = 0;
                    for (int c = 0; c < cols; c++) {
                        magnitude += Math.abs((double) dense[r * cols + c] * x[t * cols + c]);
                    }
                    double bound = 2.0 * cols * 0x1p-24 * magnitude + Float.MIN_NORMAL;
                    int i = t * rows + r;
                    if (Math.abs(expected[i] - actual[i]) > bound) {
                        fail("F32 " + rows + "x" + cols + " token " + t + " row " + r + ": vector " + actual[i]
                                + " vs scalar " + expected[i] + ", allowed difference " + bound);
                    }
                }
            }
        } else {
            assertBitsEqual(expected, actual, w.format() + " " + rows + "x" + cols + " " + kernel.name() + " vs scalar");
        }
    }

    /** {@code kernel} on {@code w} (packed into the kernel's layout first) and {@code n} tokens of {@code x}. */
    static float[] run(MatMulKernel kernel, QuantizedMatrix w, float[] x, int n) {
        QuantizedMatrix packed = kernel.pack(w);
        float[] y = new float[n * w.rows()];
        Activations a = kernel.newActivations(w.cols(), n, 1);
        kernel.prepare(x, n, a);
        kernel.multiply(packed, a, y, 0, w.rows(), 0);
        return y;
    }

    static void assertBitsEqual(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": lengths");
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                fail(what + ": element " + i + " is " + actual[i] + ", expected " + expected[i] + " bit for bit");
            }
        }
    }
}
