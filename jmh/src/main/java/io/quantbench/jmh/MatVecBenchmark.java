package io.quantbench.jmh;

import io.quantbench.engine.format.QuantizedMatrix;
import io.quantbench.engine.format.WeightFormat;
import io.quantbench.engine.kernel.Activations;
import io.quantbench.engine.kernel.KernelPool;
import io.quantbench.engine.kernel.Kernels;
import io.quantbench.engine.kernel.MatMulKernel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One decode step of one linear layer: {@code y = W x} for a single token, the operation that bounds
 * a language model's tokens per second on a CPU.
 *
 * <p>Axes: {@code format} of the weights; {@code shape} {@code MxK} of a real model's layer
 * (768x3072 DistilGPT-2's MLP down projection, 2560x2560 / 2560x6912 / 6912x2560 BitNet b1.58 2B4T's
 * attention, FFN down and FFN up/gate); {@code threads} of the {@link KernelPool}; {@code cold}:
 * when true, every call uses the next of enough distinct copies of the matrix to fill at least
 * {@value #COLD_BYTES_MIB} MiB, so the weights come from DRAM as when decoding a model larger than
 * the caches; when false the one matrix stays in cache where it fits; {@code kernel}: which kernel of
 * the format ({@code vector}, the fastest, by default).
 *
 * <p>A call includes quantizing the activation (as llama.cpp's timings do). Its memory roof is the
 * matrix's bytes ({@link QuantizedMatrix#storageBytes()}) divided by {@link BandwidthBenchmark}'s result.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-XX:+UseParallelGC", "-Xms4g", "-Xmx4g"})
public class MatVecBenchmark {

    /** Distinct weight bytes a cold run cycles through. */
    public static final int COLD_BYTES_MIB = 512;

    @Param({"F32", "INT8", "INT4", "TERNARY"})
    public String format;

    @Param({"768x3072", "2560x2560", "2560x6912", "6912x2560"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    @Param({"true", "false"})
    public boolean cold;

    /** {@code vector} (the fastest vector kernel), {@code scalar}, or a kernel's own name (e.g. {@code vector-512-lut}). */
    @Param({"vector"})
    public String kernel;

    private QuantizedMatrix[] copies;
    private int next;
    private float[] x;
    private float[] y;
    private MatMulKernel matMul;
    private KernelPool pool;
    private Activations activations;

    @Setup(Level.Trial)
    public void setUp() {
        WeightFormat weightFormat = WeightFormat.parse(format);
        Shape s = Shape.parse(shape);
        matMul = Kernels.named(weightFormat, kernel);
        // Packing into the kernel's own layout happens once, as when a model loads.
        copies = copies(matMul.pack(weightFormat.quantize(weights(s, 42), s.rows, s.cols)), cold);
        x = activation(s.cols, 7);
        y = new float[s.rows];
        pool = new KernelPool(threads);
        activations = matMul.newActivations(s.cols, 1, threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public float[] matvec() {
        QuantizedMatrix w = copies[next];
        next = next + 1 == copies.length ? 0 : next + 1;
        pool.matmul(matMul, w, x, 1, activations, y);
        return y;
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

    /** Seeded Gaussian weights with the spread of a trained layer (sigma 0.02) and a few outlier columns. */
    static float[] weights(Shape s, long seed) {
        Random random = new Random(seed);
        float[] w = new float[Math.toIntExact(s.elements())];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() * (i % s.cols % 97 == 0 ? 0.4 : 0.02));
        }
        return w;
    }

    static float[] activation(int cols, long seed) {
        Random random = new Random(seed);
        float[] x = new float[cols];
        for (int i = 0; i < cols; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }
}
