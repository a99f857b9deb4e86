package io.quantbench.jmh;

import io.quantbench.engine.format.WeightFormat;
import io.quantbench.engine.kernel.Activations;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What quantizing the activations costs before a matmul can start: {@link MatMulKernel#prepare} alone, which
 * every {@link MatMulBenchmark} call also pays, on one thread (the kernels prepare on the calling thread, then
 * share the multiply).
 *
 * <p>Axes:
 * <ul>
 *   <li>{@code format}: INT8 and INT4 quantize each token in int8 blocks of 32 with one scale per block (ggml's
 *       Q8_0 activations); TERNARY quantizes each token to int8 by its absmax (BitNet b1.58's per-token scheme).
 *       The work includes the kernel's own extras: the reordering the INT8/INT4 kernels read, and at 512 bits
 *       the TERNARY lookup-table kernel's tables.</li>
 *   <li>{@code cols}: K, the values per token: every distinct input width of the five models' linear layers.</li>
 *   <li>{@code tokens}: N per call. The score is per call; per token it is score / N (quantization is
 *       independent per token, so the cost is linear in N apart from call overhead).</li>
 *   <li>{@code kernel}: as in {@link MatMulBenchmark}.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-XX:+UseParallelGC", "-Xms1g", "-Xmx1g"})
public class ActivationQuantBenchmark {

    @Param({"INT8", "INT4", "TERNARY"})
    public String format;

    @Param({"768", "1024", "1152", "2048", "2560", "3072", "6912", "8192", "10240"})
    public int cols;

    @Param({"1", "8", "32", "128"})
    public int tokens;

    @Param({"vector"})
    public String kernel;

    private MatMulKernel matMul;
    private Activations activations;
    private float[] x;

    @Setup(Level.Trial)
    public void setUp() {
        matMul = Kernels.named(WeightFormat.parse(format), kernel);
        activations = matMul.newActivations(cols, tokens, 1);
        x = LayerWorkload.activation(cols * tokens, 7);
    }

    @Benchmark
    public Activations quantize() {
        matMul.prepare(x, tokens, activations);
        return activations;
    }
}
