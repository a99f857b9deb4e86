package io.quantbench.jmh;

import io.quantbench.engine.format.QuantizedMatrix;
import io.quantbench.engine.format.WeightFormat;
import io.quantbench.engine.kernel.Activations;
import io.quantbench.engine.kernel.KernelPool;
import io.quantbench.engine.kernel.Kernels;
import io.quantbench.engine.kernel.MatMulKernel;

import java.util.SplittableRandom;

/**
 * One linear layer ready to be measured: seeded weights of a real shape, quantized and packed for a kernel, the
 * activations of {@code tokens} tokens, and a {@link KernelPool}. {@link MatVecBenchmark} and
 * {@link MatMulBenchmark} both measure {@link #multiply()}, so that {@code tokens = 1} is the same measurement in
 * both.
 *
 * <p>Cold: every call uses the next of enough distinct copies of the matrix to fill at least
 * {@value #COLD_BYTES_MIB} MiB, so the weights come from DRAM as when decoding a model larger than the caches.
 * Hot: one matrix, which stays in cache where it fits.
 */
final class LayerWorkload implements AutoCloseable {

    /** Distinct weight bytes a cold run cycles through. */
    static final int COLD_BYTES_MIB = 512;

    private final QuantizedMatrix[] copies;
    private final float[] x;
    private final float[] y;
    private final int tokens;
    private final MatMulKernel kernel;
    private final KernelPool pool;
    private final Activations activations;
    private int next;

    /** @param kernelName {@code vector}, {@code scalar} or a kernel's own name ({@link Kernels#named}) */
    LayerWorkload(String format, String shape, int tokens, int threads, boolean cold, String kernelName) {
        WeightFormat weightFormat = WeightFormat.parse(format);
        Shape s = Shape.parse(shape);
        this.tokens = tokens;
        kernel = Kernels.named(weightFormat, kernelName);
        // Packing into the kernel's own layout happens once, as when a model loads.
        copies = copies(kernel.pack(weightFormat.quantize(weights(s, 42), s.rows, s.cols)), cold);
        x = activation(s.cols * tokens, 7);
        y = new float[s.rows * tokens];
        pool = new KernelPool(threads);
        activations = kernel.newActivations(s.cols, tokens, threads);
    }

    /** {@code Y = W X} with the next matrix (quantizing the activations included, as llama.cpp's timings do). */
    float[] multiply() {
        QuantizedMatrix w = copies[next];
        next = next + 1 == copies.length ? 0 : next + 1;
        pool.matmul(kernel, w, x, tokens, activations, y);
        return y;
    }

    @Override
    public void close() {
        pool.close();
    }

    /** One matrix when hot; when cold, distinct copies filling at least {@link #COLD_BYTES_MIB} MiB. */
    static QuantizedMatrix[] copies(QuantizedMatrix m, boolean cold) {
        if (!cold) {
            return new QuantizedMatrix[] {m};
        }
        int n = (int) Math.max(2, ((long) COLD_BYTES_MIB << 20) / m.storageBytes() + 1);
        QuantizedMatrix[] out = new QuantizedMatrix[n];
        out[0] = m;
        for (int i = 1; i < n; i++) {
            out[i] = m.copy();
        }
        return out;
    }

    /**
     * Seeded Gaussian weights with the spread of a trained layer (sigma 0.02) and a few outlier columns. Every fork
     * draws them again, so the generator matters: SplittableRandom's ziggurat is about six times faster than
     * Random's polar method (0.1 s against 0.6 s for BitNet's 17.7 M-weight FFN matrices on this VM), time a sweep
     * spends warming the kernels up instead.
     */
    static float[] weights(Shape s, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] w = new float[Math.toIntExact(s.elements())];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() * (i % s.cols % 97 == 0 ? 0.4 : 0.02));
        }
        return w;
    }

    /** Seeded standard Gaussian activations. */
    static float[] activation(int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }
}
