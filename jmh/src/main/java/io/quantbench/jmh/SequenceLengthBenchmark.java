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
 * Study B's axis, end to end: a whole synthetic model with a real model's shapes ({@code model}), in each format or
 * plan ({@code format}), against the input length {@code seqLen}. Two measurements, because they stress different
 * things:
 * <ul>
 *   <li>{@link #prefill}: a prompt of {@code seqLen} tokens from position 0 in one batched forward call (every linear
 *       layer a matrix-matrix product over all the tokens: compute-bound, attention quadratic in the length);</li>
 *   <li>{@link #decodeStep}: one token at position {@code seqLen}, attending over the {@code seqLen} before it (every
 *       linear layer a matrix-vector product: memory-bound, attention linear in the length). Every call rewinds to the
 *       same position, so each measures the same step.</li>
 * </ul>
 * Times are per call in milliseconds: prefill tokens per second are {@code seqLen * 1000 / prefill}, decode tokens per
 * second {@code 1000 / decodeStep}. {@code seqLen + 1} must fit the model's context (DistilGPT-2: 1024).
 *
 * <p>{@code reproduce B} runs this on the DistilGPT-2 shape by default; the annotations' defaults (BitNet 2B4T, four
 * formats, seven lengths, two methods, three forks) are the full study and take hours on 2 cores.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-XX:+UseParallelGC", "-Xmx14g", "-Xmn512m"})
public class SequenceLengthBenchmark extends SyntheticModelBenchmark {

    /** Tokens of input: study B's lengths (about 10 to 1000 tokens, two prompts each, in the study). */
    @Param({"10", "20", "50", "100", "200", "500", "1000"})
    public int seqLen;

    private RunState state;
    private int[] tokens;

    @Setup(Level.Trial)
    public void setUp() {
        loadModel();
        state = transformer.newState(seqLen + 1, seqLen, threads);
        tokens = randomTokens(seqLen + 1, transformer.vocabSize(), 7);
        transformer.forward(state, tokens, 0, seqLen, pool);       // the KV cache that decodeStep attends over
    }

    @Benchmark
    public float[] prefill() {
        state.reset();
        return transformer.forward(state, tokens, 0, seqLen, pool);
    }

    @Benchmark
    public float[] decodeStep() {
        state.rewind(seqLen);
        return transformer.forward(state, tokens, seqLen, 1, pool);
    }
}
