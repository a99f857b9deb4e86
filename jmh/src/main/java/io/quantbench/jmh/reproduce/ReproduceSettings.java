package io.quantbench.jmh.reproduce;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a reproduction is told on the command line.
 *
 * @param out               the report folder
 * @param forks             JMH forks per configuration (the unit of the intervals; at least 2 for an interval)
 * @param warmupIterations  JMH warm-up iterations per fork
 * @param iterations        JMH measurement iterations per fork
 * @param iterationTime     JMH iteration time, e.g. {@code 500ms}
 * @param threads           threads of every model run
 * @param seed              fixes every random choice (texts, random orders, bootstrap)
 * @param randomOrders      random orders in the ablation
 * @param skipBenchmarks    quality only: no JMH run (the speed tables say so)
 * @param models            real checkpoints: A's quality model (the first), C's QA models (all); empty: the defaults
 * @param tokenizer         a tokenizer file for checkpoints that hold none (llama2.c), or null
 * @param dataDir           the shared data folder (stories260K, SQuAD)
 * @param speedModel        the synthetic shape of B's curves ({@code KnownModel} id)
 * @param cModel            C: the FP32 side's synthetic shape ({@code KnownModel} id; the study's is gemma3-4b)
 * @param generateRuns      C: generation processes per model, for CPU use and peak memory
 * @param generateTokens    C: tokens each of them generates
 * @param questions         C: SQuAD questions per real checkpoint
 * @param progress          where progress lines go
 */
public record ReproduceSettings(Path out, int forks, int warmupIterations, int iterations, String iterationTime, int threads,
                         long seed, int randomOrders, boolean skipBenchmarks, List<Path> models, Path tokenizer,
                         Path dataDir, String speedModel, String cModel, int generateRuns, int generateTokens, int questions,
                         PrintStream progress) {

    /** A progress line, prefixed with the study: {@code [A] ...}. */
    void say(String study, String line) {
        progress.println("[" + study + "] " + line);
        progress.flush();
    }

    /** How the benchmarks were run, for the report: short settings are said to be short. */
    String jmhSettings() {
        return forks + " forks x (" + warmupIterations + " warm-up + " + iterations + " measured iterations of "
                + iterationTime + ")";
    }
}
