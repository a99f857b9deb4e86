package io.quantbench.jmh;

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
 * One linear layer applied to {@code tokens} tokens at once: {@code Y = W X}, the operation that dominates a
 * transformer's decode step ({@code tokens = 1}, a matrix-vector product) and its prefill ({@code tokens > 1},
 * a matrix-matrix product).
 *
 * <p>Axes:
 * <ul>
 *   <li>{@code format}: how the weights are stored (F32, INT8, INT4, TERNARY).</li>
 *   <li>{@code shape}: {@code MxK} (rows x columns) of every distinct linear layer of DistilGPT-2, BitNet b1.58
 *       2B4T, Gemma 3 1B and 4B and Llama 3.2 1B, in the order of {@link io.quantbench.engine.synth.KnownModel};
 *       {@code KnownModel.layersWithShape(shape)} names the model and layer each comes from (the runner writes
 *       that legend into env.json). A test keeps this list equal to {@code KnownModel.distinctShapes()}.</li>
 *   <li>{@code tokens}: N, the tokens multiplied per call: 1 (decode), 8, 32, 128 (prefill).</li>
 *   <li>{@code threads}: the {@link KernelPool}'s threads.</li>
 *   <li>{@code cold}: true cycles through distinct copies of the matrix filling at least
 *       {@value LayerWorkload#COLD_BYTES_MIB} MiB, so the weights come from DRAM as when a model is larger than
 *       the caches; false reuses one matrix (cache-resident where it fits).</li>
 *   <li>{@code kernel}: which kernel of the format ({@code vector}, the fastest, by default; or {@code scalar}).</li>
 * </ul>
 *
 * <p>With {@code tokens = 1} this is exactly {@link MatVecBenchmark}'s measurement ({@link LayerWorkload}: same
 * weights, same activations, same copies), over every shape. A call includes quantizing the activations, as llama.cpp's timings do;
 * {@link ActivationQuantBenchmark} measures that part alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-XX:+UseParallelGC", "-Xms4g", "-Xmx4g"})
public class MatMulBenchmark {

    @Param({"F32", "INT8", "INT4", "TERNARY"})
    public String format;

    @Param({"2304x768", "768x768", "3072x768", "768x3072",
            "2560x2560", "640x2560", "6912x2560", "2560x6912",
            "1024x1152", "256x1152", "1152x1024", "6912x1152", "1152x6912",
            "2048x2560", "1024x2560", "2560x2048", "10240x2560", "2560x10240",
            "2048x2048", "512x2048", "8192x2048", "2048x8192"})
    public String shape;

    @Param({"1", "8", "32", "128"})
    public int tokens;

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
        layer = new LayerWorkload(format, shape, tokens, threads, cold, kernel);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        layer.close();
    }

    @Benchmark
    public float[] multiply() {
        return layer.multiply();
    }
}
