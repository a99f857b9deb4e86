package io.quantbench.jmh;

import io.quantbench.engine.format.QuantizedMatrix;
import io.quantbench.engine.kernel.KernelPool;
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

import java.util.concurrent.TimeUnit;

/**
 * One decode step of one linear layer: {@code y = W x} for a single token, the operation that bounds
 * a language model's tokens per second on a CPU.
 *
 * <p>Axes: {@code format} of the weights; {@code shape} {@code MxK} of a real model's layer
 * (768x3072 DistilGPT-2's MLP down projection, 2560x2560 / 2560x6912 / 6912x2560 BitNet b1.58 2B4T's
 * attention, FFN down and FFN up/gate); {@code threads} of the {@link KernelPool}; {@code cold}:
 * when true, every call uses the next of enough distinct copies of the matrix to fill at least
 * {@value LayerWorkload#COLD_BYTES_MIB} MiB, so the weights come from DRAM as when decoding a model larger
 * than the caches; when false the one matrix stays in cache where it fits; {@code kernel}: which kernel
 * of the format ({@code vector}, the fastest, by default). The set-up and the call are
 * {@link LayerWorkload}'s, shared with {@link MatMulBenchmark} (whose {@code tokens = 1} is this).
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

    private LayerWorkload layer;

    @Setup(Level.Trial)
    public void setUp() {
        layer = new LayerWorkload(format, shape, 1, threads, cold, kernel);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        layer.close();
    }

    @Benchmark
    public float[] matvec() {
        return layer.multiply();
    }
}
