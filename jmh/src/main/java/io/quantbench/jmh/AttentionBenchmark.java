package io.quantbench.jmh;

import io.quantbench.engine.kernel.Attention;
import io.quantbench.engine.kernel.KernelPool;
import io.quantbench.engine.kernel.KvCache;
import io.quantbench.engine.synth.KnownModel;
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
 * Attention of one layer over its KV cache ({@link Attention}, {@link KvCache}), the part of a step whose cost
 * grows with the sequence: the matmuls cost the same at every position, attention grows linearly per decoded
 * token and quadratically over a prefill.
 *
 * <p>Two benchmark methods:
 * <ul>
 *   <li>{@code decode}: one new token at position {@code seqLen - 1} attending to all {@code seqLen} cached
 *       positions (a decode step once the context holds {@code seqLen} tokens).</li>
 *   <li>{@code prefill}: {@code seqLen} tokens at positions {@code 0 .. seqLen - 1}, each attending causally to
 *       the positions up to its own (the prompt of that length).</li>
 * </ul>
 *
 * <p>Axes: {@code model} (a {@link KnownModel} id: its query heads, key-value heads and head size; global
 * attention, no sliding window, which is the cost of Gemma's global layers and an upper bound for its sliding
 * ones), {@code seqLen} (10 … 1000 tokens), {@code threads} of the {@link KernelPool} (heads are split over
 * threads). Keys, values and queries are seeded Gaussians; the cache is filled once, outside the measurement,
 * because writing keys and values belongs to the projections, not to attention.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-XX:+UseParallelGC", "-Xms1g", "-Xmx1g"})
public class AttentionBenchmark {

    @Param({"distilgpt2", "bitnet-2b4t", "gemma3-1b", "gemma3-4b", "llama3.2-1b"})
    public String model;

    @Param({"10", "20", "50", "100", "200", "500", "1000"})
    public int seqLen;

    @Param({"1", "2"})
    public int threads;

    private Attention attention;
    private KvCache cache;
    private KernelPool pool;
    private float[] queries;
    private float[] out;
    private int queryFloats;

    @Setup(Level.Trial)
    public void setUp() {
        KnownModel m = KnownModel.byId(model);
        cache = new KvCache(seqLen, m.kvHeads, m.headDim);
        Random random = new Random(11);
        float[] k = new float[cache.kvDim()];
        float[] v = new float[cache.kvDim()];
        for (int pos = 0; pos < seqLen; pos++) {
            fill(k, random);
            fill(v, random);
            cache.put(pos, k, 0, v, 0);
        }
        queryFloats = m.heads * m.headDim;
        queries = new float[seqLen * queryFloats];
        fill(queries, random);
        out = new float[seqLen * queryFloats];
        pool = new KernelPool(threads);
        attention = new Attention(m.heads, m.kvHeads, m.headDim, (float) (1 / Math.sqrt(m.headDim)), seqLen, threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public float[] decode() {
        int last = seqLen - 1;
        attention.attend(queries, last * queryFloats, 1, last, cache, 0, out, last * queryFloats, pool);
        return out;
    }

    @Benchmark
    public float[] prefill() {
        attention.attend(queries, 0, seqLen, 0, cache, 0, out, 0, pool);
        return out;
    }

    private static void fill(float[] a, Random random) {
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextGaussian();
        }
    }
}
