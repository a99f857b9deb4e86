package io.quantbench.jmh.cli;

import io.quantbench.engine.synth.KnownModel;
import io.quantbench.jmh.reproduce.ReproduceSettings;
import io.quantbench.jmh.reproduce.Reproduction;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code reproduce A|B|C|all [--model <file>]} (DESIGN.md, "Command line"): the published comparisons of
 * ../shared/reference/STUDIES.md, regenerated with confidence intervals, written as {@code reproduce.md} and
 * {@code reproduce.html} with the published numbers beside ours. The work is {@link Reproduction}'s; this class checks
 * the options (exit 2 with a message naming the option and what is valid) and turns them into
 * {@link ReproduceSettings}.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Reproduces studies A (FP32/INT8/INT4/adaptive: speed, quality, importance ablation), B (time"
                + " against input length) and C (ternary 2B against FP32 4B: tok/s, CPU and memory efficiency, QA).",
                "Short benchmark settings by default (a few minutes for A); --forks, --iterations and --time for more."})
public final class ReproduceCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "A|B|C|all", description = "the study to reproduce, or all three")
    String study;

    @Option(names = "--model", paramLabel = "<file>",
            description = "a trained checkpoint: A measures quality and importance on the first (default: stories260K);"
                    + " C asks every one the SQuAD questions (give BitNet 2B4T and Gemma 3 4B GGUF files)")
    List<Path> models = new ArrayList<>();

    @Option(names = "--tokenizer", paramLabel = "<file>",
            description = "the tokenizer of a --model that holds none (a llama2.c tokenizer .bin)")
    Path tokenizer;

    @Option(names = "--out", paramLabel = "<dir>", description = "report folder (default: reports/reproduce-<UTC time>/)")
    Path out;

    @Option(names = "--data", paramLabel = "<dir>",
            description = "the shared data folder with stories260K and SQuAD (default: $QUANTBENCH_DATA or ../shared/data)")
    Path data;

    @Option(names = "--forks", paramLabel = "N", defaultValue = "3",
            description = "JMH forks per configuration, the replicates of every interval (default: ${DEFAULT-VALUE})")
    int forks;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2", description = "JMH warm-up iterations (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "3",
            description = "JMH measurement iterations (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--time", paramLabel = "<time>", defaultValue = "500ms",
            description = "JMH iteration time, e.g. 500ms or 2s (default: ${DEFAULT-VALUE})")
    String time;

    @Option(names = "--threads", paramLabel = "N", description = "threads of every run (default: the available processors)")
    Integer threads;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "fixes every random choice (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--random-orders", paramLabel = "N", defaultValue = "20",
            description = "random orders in A's ablation (default: ${DEFAULT-VALUE})")
    int randomOrders;

    @Option(names = "--skip-benchmarks", description = "no JMH runs: quality, importance and ablation only")
    boolean skipBenchmarks;

    @Option(names = "--b-model", paramLabel = "<id>", defaultValue = "distilgpt2",
            description = "the synthetic shape of B's curves: distilgpt2, bitnet-2b4t, gemma3-1b, gemma3-4b, llama3.2-1b"
                    + " (default: ${DEFAULT-VALUE}; the larger ones take hours)")
    String bModel;

    @Option(names = "--c-model", paramLabel = "<id>", defaultValue = "gemma3-4b",
            description = "C: the synthetic shape of the FP32 side (default: ${DEFAULT-VALUE}, as in the study; it needs"
                    + " about 19 GB, and gemma3-1b, about 5 GB, is used instead when that is not available)")
    String cModel;

    @Option(names = "--c-runs", paramLabel = "N", defaultValue = "2",
            description = "C: generate processes per model for CPU and memory figures (default: ${DEFAULT-VALUE})")
    int cRuns;

    @Option(names = "--c-tokens", paramLabel = "N", defaultValue = "32",
            description = "C: tokens each generate process decodes (default: ${DEFAULT-VALUE})")
    int cTokens;

    @Option(names = "--questions", paramLabel = "N", defaultValue = "20",
            description = "C: SQuAD questions per --model (default: ${DEFAULT-VALUE}; the study asked 100)")
    int questions;

    @Override
    public Integer call() throws IOException {
        List<String> studies = studies(study);
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        positive("--forks", forks);
        positive("--iterations", iterations);
        positive("--threads", threadCount);
        positive("--c-runs", cRuns);
        positive("--c-tokens", cTokens);
        positive("--questions", questions);
        if (warmup < 0) {
            throw new Subcommands.UsageException("--warmup must be 0 or more, got " + warmup);
        }
        if (randomOrders < 0) {
            throw new Subcommands.UsageException("--random-orders must be 0 or more, got " + randomOrders);
        }
        try {
            TimeValue.fromString(time);
        } catch (IllegalArgumentException e) {
            throw new Subcommands.UsageException("--time '" + time + "' is not a duration; write e.g. 500ms, 2s or 1min");
        }
        knownModel("--b-model", bModel);
        knownModel("--c-model", cModel);
        for (Path m : models) {
            if (!Files.exists(m)) {
                throw new Subcommands.UsageException("--model " + m + ": no such file or folder");
            }
        }
        if (tokenizer != null && !Files.isRegularFile(tokenizer)) {
            throw new Subcommands.UsageException("--tokenizer " + tokenizer + ": no such file");
        }
        Path dataDir = Reproduction.dataDirectory(data);
        if (data != null && !Files.isDirectory(data)) {
            throw new Subcommands.UsageException("--data " + data + ": no such folder");
        }
        if (dataDir == null && studies.contains("A") && models.isEmpty()) {
            throw new Subcommands.UsageException("study A measures quality on stories260K from the shared data folder,"
                    + " which was not found: give --data <dir> or --model <file>");
        }
        ReproduceSettings settings = new ReproduceSettings(out == null ? Reproduction.defaultOut() : out, forks, warmup,
                iterations, time, threadCount, seed, randomOrders, skipBenchmarks, List.copyOf(models), tokenizer, dataDir,
                bModel, cModel, cRuns, cTokens, questions, System.out);
        long start = System.nanoTime();
        Path report = Reproduction.run(studies, settings);
        System.out.printf(Locale.ROOT, "report: %s (and reproduce.html), %.0f s%n", report.toAbsolutePath(),
                (System.nanoTime() - start) / 1e9);
        return 0;
    }

    /** A, B, C (any case) or all. */
    static List<String> studies(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        if (upper.equals("ALL")) {
            return Reproduction.STUDIES;
        }
        if (Reproduction.STUDIES.contains(upper)) {
            return List.of(upper);
        }
        throw new Subcommands.UsageException("unknown study '" + name + "'; valid: A, B, C, all");
    }

    private static void knownModel(String option, String id) {
        try {
            KnownModel.byId(id);
        } catch (IllegalArgumentException e) {
            throw new Subcommands.UsageException(option + ": " + e.getMessage());
        }
    }

    private static void positive(String option, int value) {
        if (value <= 0) {
            throw new Subcommands.UsageException(option + " must be at least 1, got " + value);
        }
    }
}
