package io.quantbench.jmh;

import io.quantbench.engine.kernel.KernelPool;
import io.quantbench.engine.model.LoadOptions;
import io.quantbench.engine.model.Models;
import io.quantbench.engine.model.Transformer;
import io.quantbench.engine.plan.QuantizationPlan;
import io.quantbench.engine.synth.SyntheticCheckpoint;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.Random;

/**
 * What the whole-model benchmarks share: a synthetic checkpoint with a real model's shapes
 * ({@code synthetic:<model>}, seed {@value #SEED}) loaded in one format or plan, and a kernel pool.
 */
@State(Scope.Benchmark)
public abstract class SyntheticModelBenchmark {

    /** The synthetic weights' seed. */
    public static final long SEED = 42;

    /** A {@code KnownModel} id: distilgpt2, bitnet-2b4t, gemma3-1b, gemma3-4b, llama3.2-1b. */
    @Param({"bitnet-2b4t"})
    public String model;

    /** F32, INT8, INT4, TERNARY, or a plan such as {@code INT4,attn=INT8}. */
    @Param({"F32", "INT8", "INT4", "TERNARY"})
    public String format;

    @Param({"2"})
    public int threads;

    protected Transformer transformer;
    protected KernelPool pool;

    /** Loads the model (the slow part of a trial's setup) and starts the pool. */
    protected final void loadModel() {
        transformer = Models.load(SyntheticCheckpoint.parse(SyntheticCheckpoint.PREFIX + model, SEED),
                QuantizationPlan.parse(format), LoadOptions.of(threads));
        pool = new KernelPool(threads);
    }

    @TearDown(Level.Trial)
    public void closePool() {
        pool.close();
    }

    static int[] randomTokens(int n, int vocab, long seed) {
        Random random = new Random(seed);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextInt(vocab);
        }
        return out;
    }
}
