package io.quantbench.jmh;

import io.quantbench.engine.model.LinearLayer;
import io.quantbench.engine.model.RunState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One decode step of a whole model: a synthetic checkpoint with the exact shapes of a real model, its linear
 * layers in one format or a per-layer plan, one token through every block and the head, with {@code context}
 * tokens already in the KV cache.
 *
 * <p>{@link #decodeStep} is the step; {@link #matvecs} runs only the matrix-vector products of a step (every
 * linear layer once, the head included, each with its activation quantization, exactly as the step calls them
 * one by one), so that {@code decodeStep / matvecs} is the step's overhead outside the kernels (or, below 1, what
 * the step gains by multiplying query, key and value, and gate and up, in one dispatch). Tokens per second are
 * {@code 1000 / decodeStep} (ms).
 *
 * <p>The steps cycle through positions {@code context .. context + }{@value #STEPS}{@code  - 1}, so attention
 * always spans about the same length. A fork needs the whole model in its heap: 10 GB for BitNet 2B4T in F32,
 * 0.9 GB in TERNARY (the heap only grows as needed). The old generation must hold all of it, hence the small
 * young generation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-XX:+UseParallelGC", "-Xmx14g", "-Xmn512m"})
public class DecodeBenchmark extends SyntheticModelBenchmark {

    /** Positions the measured steps cycle through after the context. */
    static final int STEPS = 64;

    /** Tokens in the KV cache before the measured steps. */
    @Param({"64"})
    public int context;

    private RunState state;
    private int[] tokens;
    private List<LinearLayer> linears;
    private float[] input;
    private float[] output;

    @Setup(Level.Trial)
    public void setUp() {
        loadModel();
        state = transformer.newState(context + STEPS, context, threads);
        tokens = randomTokens(context + STEPS, transformer.vocabSize(), 7);
        transformer.forward(state, tokens, 0, context, pool);
        linears = transformer.linearLayers();
        int widest = 0;
        int tallest = 0;
        for (LinearLayer l : linears) {
            widest = Math.max(widest, l.cols());
            tallest = Math.max(tallest, l.rows());
        }
        Random random = new Random(11);
        input = new float[widest];
        for (int i = 0; i < widest; i++) {
            input[i] = (float) random.nextGaussian();
        }
        output = new float[tallest];
    }

    @Benchmark
    public float[] decodeStep() {
        if (state.position() == state.capacity()) {
            state.rewind(context);
        }
        return transformer.forward(state, tokens, state.position(), 1, pool);
    }

    @Benchmark
    public float[] matvecs() {
        for (LinearLayer l : linears) {
            l.apply(state, pool, input, 1, output);
        }
        return output;
    }
}
