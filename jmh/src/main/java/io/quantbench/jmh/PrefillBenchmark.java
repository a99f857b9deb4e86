package io.quantbench.jmh;

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

import java.util.concurrent.TimeUnit;

/**
 * The prefill of a prompt of {@code tokens} tokens from position 0, in one batched forward call (every linear
 * layer a matrix-matrix product over all the tokens), on a synthetic checkpoint with a real model's shapes.
 * Prefill tokens per second are {@code tokens * 1000 / prefill} (ms).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 5, time = 4)
@Fork(value = 3, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-XX:+UseParallelGC", "-Xmx14g", "-Xmn512m"})
public class PrefillBenchmark extends SyntheticModelBenchmark {

    @Param({"64"})
    public int tokens;

    private RunState state;
    private int[] prompt;

    @Setup(Level.Trial)
    public void setUp() {
        loadModel();
        state = transformer.newState(tokens, tokens, threads);
        prompt = randomTokens(tokens, transformer.vocabSize(), 7);
    }

    @Benchmark
    public float[] prefill() {
        state.reset();
        return transformer.forward(state, prompt, 0, tokens, pool);
    }
}
