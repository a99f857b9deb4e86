package io.quantbench.engine.kernel;

import java.util.Random;

/** Seeded inputs with the statistics that trouble quantizers: Gaussian bulk, outlier channels, zero rows. */
final class TestMatrices {

    private TestMatrices() {
    }

    /** Gaussian weights (sigma 0.02, like a trained linear layer) with a few outlier columns 20x larger. */
    static float[] weights(int rows, int cols, long seed) {
        Random random = new Random(seed);
        float[] w = new float[rows * cols];
        boolean[] outlier = new boolean[cols];
        for (int c = 0; c < cols; c++) {
            outlier[c] = random.nextInt(64) == 0;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() * 0.02 * (outlier[i % cols] ? 20 : 1));
        }
        return w;
    }

    /** Activations: Gaussian with occasional large values, as after an RMSNorm. */
    static float[] activations(int tokens, int cols, long seed) {
        Random random = new Random(seed);
        float[] x = new float[tokens * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextGaussian() * (random.nextInt(100) == 0 ? 30 : 1));
        }
        return x;
    }

    /** The weights with row {@code zeroRow} all zero and one huge outlier in row {@code outlierRow}. */
    static float[] adversarial(int rows, int cols, long seed) {
        float[] w = weights(rows, cols, seed);
        java.util.Arrays.fill(w, 0, cols, 0f);
        if (rows > 1) {
            w[cols + cols / 2] = 1.0e4f;
            w[cols + cols - 1] = -3.0e3f;
        }
        return w;
    }
}
