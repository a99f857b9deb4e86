package io.quantbench.jmh.cli;

import io.quantbench.engine.format.WeightFormat;
import io.quantbench.engine.io.Checkpoint;
import io.quantbench.engine.io.GgufKeys;
import io.quantbench.engine.kernel.KernelPool;
import io.quantbench.engine.kernel.Simd;
import io.quantbench.engine.model.Generator;
import io.quantbench.engine.model.LoadOptions;
import io.quantbench.engine.model.ModelSource;
import io.quantbench.engine.model.Models;
import io.quantbench.engine.model.ProcessStats;
import io.quantbench.engine.model.Sampler;
import io.quantbench.engine.model.RunState;
import io.quantbench.engine.model.TextStream;
import io.quantbench.engine.model.Transformer;
import io.quantbench.engine.plan.QuantizationPlan;
import io.quantbench.engine.synth.SyntheticCheckpoint;
import io.quantbench.engine.tokenizer.Tokenizer;
import io.quantbench.engine.tokenizer.Tokenizers;
import io.quantbench.engine.tokenizer.Vocabulary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code generate --model <file|synthetic:NAME> [--tokenizer <file>] [--format F32|INT8|INT4|TERNARY|<plan>]
 * [--prompt <text>] [--max-tokens N] [--temperature T] [--seed S] [--threads N]} (DESIGN.md, "Command line"):
 * generates text and reports the figures of study C.
 *
 * <p>The text streams to standard output as it is generated (the prompt first), then a blank line and the
 * figures: prompt tokens, prefill time and speed, decode speed, CPU use (percent, and tokens per second per
 * 100 % CPU), peak resident memory and its share of RAM, and the bytes of weights in each format. Loading
 * progress goes to standard error.
 *
 * <p>The tokenizer is {@code --tokenizer}, else the one in a GGUF model, else, for a synthetic model, the
 * synthetic vocabulary; a llama2.c checkpoint needs {@code --tokenizer}. The prompt starts with BOS when the
 * tokenizer asks for it (an empty prompt is BOS alone, or the end-of-text token of tokenizers without BOS, as
 * GPT-2's). Synthetic models always use the weights of seed {@value #SYNTHETIC_SEED}, like a file would;
 * {@code --seed} fixes the sampling.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generates text with a model in any weight format, then prints speed, CPU and memory figures.")
public final class GenerateCommand implements Callable<Integer> {

    /** The weights of every synthetic model (a fixed seed: the same model every run, like a file). */
    static final long SYNTHETIC_SEED = 42;
    private static final double GB = 1e9;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "<file|synthetic:NAME>",
            description = "A GGUF file, a llama2.c .bin, a Hugging Face checkpoint folder, or synthetic:<model>"
                    + " (distilgpt2, bitnet-2b4t, gemma3-1b, gemma3-4b, llama3.2-1b).")
    String model;

    @Option(names = "--tokenizer", paramLabel = "<file>",
            description = "A GGUF file, a LLaMA-3 tiktoken tokenizer.model, or a llama2.c tokenizer.bin.")
    Path tokenizerFile;

    @Option(names = "--format", paramLabel = "<format|plan>", defaultValue = "F32",
            description = "F32, INT8, INT4, TERNARY, or a plan such as INT4,attn=INT8,head=F32 (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--prompt", paramLabel = "<text>", defaultValue = "", description = "The prompt (default: empty).")
    String prompt;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "128", description = "Tokens to generate at most (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "0",
            description = "0 for greedy decoding, otherwise the softmax temperature (default: ${DEFAULT-VALUE}).")
    float temperature;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Fixes the sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Threads (default: the available processors).")
    Integer threads;

    @Override
    public Integer call() throws IOException {
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        checkUsage(threadCount);
        QuantizationPlan plan = plan(format);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        Checkpoint checkpoint = null;
        try {
            ModelSource source;
            if (SyntheticCheckpoint.isSyntheticName(model)) {
                source = synthetic(model);
            } else {
                Path file = Paths.get(model);
                if (!Files.exists(file)) {
                    throw new Subcommands.UsageException("--model " + model + ": no such file or folder");
                }
                checkpoint = Checkpoint.open(file);
                source = ModelSource.of(checkpoint);
            }
            try {
                plan.checkAgainst(source.config().blockCount(), Models.linearKinds(source.config()));
            } catch (IllegalArgumentException e) {
                throw new Subcommands.UsageException("--format: " + e.getMessage());
            }
            Tokenizer tokenizer = tokenizer(source, checkpoint);
            if (tokenizer.vocabulary().size() > source.config().vocabSize()) {
                throw new Subcommands.UsageException("the tokenizer has " + tokenizer.vocabulary().size()
                        + " tokens but the model only " + source.config().vocabSize() + ": they do not belong together");
            }
            int[] promptTokens = promptTokens(tokenizer);
            int capacity = Math.min(source.config().contextLength(), promptTokens.length + maxTokens);
            if (promptTokens.length >= capacity) {
                throw new Subcommands.UsageException("the prompt has " + promptTokens.length + " tokens; the model's context"
                        + " of " + source.config().contextLength() + " leaves no room to generate");
            }

            long loadStart = System.nanoTime();
            Transformer transformer = Models.load(source, plan,
                    LoadOptions.of(threadCount).withProgress(new Progress(err, source.name(), plan)));
            err.printf(Locale.ROOT, "loaded %s in %.1f s%n", source.name(), (System.nanoTime() - loadStart) / 1e9);
            err.flush();

            RunState state = transformer.newState(capacity, Math.min(promptTokens.length, 256), threadCount);
            out.print(prompt);
            out.flush();
            TextStream text = new TextStream(tokenizer, promptTokens[promptTokens.length - 1]);
            Generator.Result result;
            try (KernelPool pool = new KernelPool(threadCount)) {
                result = Generator.generate(transformer, state, pool, promptTokens, maxTokens,
                        new Sampler(temperature, seed, tokenizer.vocabulary().size()), stopTokens(tokenizer.vocabulary()),
                        id -> {
                            out.print(text.next(id));
                            out.flush();
                        });
            }
            out.println(text.flush());
            out.println();
            report(out, transformer, result, threadCount);
            out.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new IOException("out of memory: " + model + " as " + plan + " needs more than this JVM's heap of "
                    + String.format(Locale.ROOT, "%.1f GB", Runtime.getRuntime().maxMemory() / GB)
                    + "; give it more with java -Xmx<size> (F32 needs about 4 bytes per weight, INT8 1.1, INT4 0.6,"
                    + " TERNARY 0.25, plus the head)", e);
        } finally {
            if (checkpoint != null) {
                checkpoint.close();
            }
        }
    }

    private void checkUsage(int threadCount) {
        if (maxTokens <= 0) {
            throw new Subcommands.UsageException("--max-tokens must be positive, got " + maxTokens);
        }
        if (threadCount <= 0) {
            throw new Subcommands.UsageException("--threads must be positive, got " + threadCount);
        }
        if (!(temperature >= 0) || Float.isInfinite(temperature)) {
            throw new Subcommands.UsageException("--temperature must be 0 (greedy) or positive, got " + temperature);
        }
    }

    private static QuantizationPlan plan(String text) {
        try {
            return QuantizationPlan.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Subcommands.UsageException("--format: " + e.getMessage());
        }
    }

    private static SyntheticCheckpoint synthetic(String name) {
        try {
            return SyntheticCheckpoint.parse(name, SYNTHETIC_SEED);
        } catch (IllegalArgumentException e) {
            throw new Subcommands.UsageException("--model: " + e.getMessage());
        }
    }

    private Tokenizer tokenizer(ModelSource source, Checkpoint checkpoint) throws IOException {
        if (tokenizerFile != null) {
            if (!Files.isRegularFile(tokenizerFile)) {
                throw new Subcommands.UsageException("--tokenizer " + tokenizerFile + ": no such file");
            }
            return Tokenizers.open(tokenizerFile);
        }
        if (source instanceof SyntheticCheckpoint) {
            return ((SyntheticCheckpoint) source).tokenizer();
        }
        if (checkpoint != null && checkpoint.gguf().isPresent()
                && checkpoint.gguf().get().metadata().containsKey(GgufKeys.TOKENIZER_MODEL)) {
            return Tokenizers.fromGguf(checkpoint.gguf().get());
        }
        throw new Subcommands.UsageException(source.name() + " holds no tokenizer: pass --tokenizer <file>"
                + " (for a llama2.c model, its tokenizer.bin)");
    }

    private int[] promptTokens(Tokenizer tokenizer) {
        Vocabulary v = tokenizer.vocabulary();
        boolean bos = v.bos() != Vocabulary.NONE && (v.addBos() || prompt.isEmpty());
        int[] ids = tokenizer.encode(prompt, bos, false);
        if (ids.length == 0) {
            if (v.eos() == Vocabulary.NONE) {
                throw new Subcommands.UsageException("the prompt is empty and the tokenizer has neither BOS nor EOS to start from");
            }
            ids = new int[] {v.eos()};                            // GPT-2 starts a text after <|endoftext|>
        }
        return ids;
    }

    private static int[] stopTokens(Vocabulary v) {
        List<Integer> stop = new ArrayList<>();
        for (int id : new int[] {v.eos(), v.eot()}) {
            if (id != Vocabulary.NONE) {
                stop.add(id);
            }
        }
        return stop.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void report(PrintWriter out, Transformer model, Generator.Result r, int threads) {
        out.printf(Locale.ROOT, "model            %s%n", model.describe());
        out.printf(Locale.ROOT, "threads          %d, %d-bit vectors, JDK %s%n", threads, Simd.bits(), Runtime.version());
        out.printf(Locale.ROOT, "prompt tokens    %d%n", r.promptTokens());
        out.printf(Locale.ROOT, "prefill          %.3f s, %.1f tok/s%n", r.prefillNanos() / 1e9, r.prefillTokensPerSecond());
        out.printf(Locale.ROOT, "generated        %d tokens (stopped: %s)%n", r.generated().length,
                r.stop().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        if (r.decodeSteps() == 0) {
            out.println("decode           no decode step (one token generated from the prefill)");
        } else {
            out.printf(Locale.ROOT, "decode           %d steps in %.3f s, %.2f tok/s%n", r.decodeSteps(), r.decodeNanos() / 1e9,
                    r.decodeTokensPerSecond());
            out.printf(Locale.ROOT, "CPU              %.0f %% while decoding, %.2f tok/s per 100 %% CPU%n",
                    r.decodeCpuPercent(), r.decodeTokensPerSecondPerCpu());
        }
        long peak = ProcessStats.peakResidentBytes();
        long ram = ProcessStats.totalMemoryBytes();
        if (peak < 0) {
            out.println("peak memory      not available on this system (no /proc/self/status)");
        } else {
            out.printf(Locale.ROOT, "peak memory      %.3f GB resident, %.1f %% of %.1f GB RAM%n", peak / GB, 100.0 * peak / ram, ram / GB);
        }
        StringBuilder weights = new StringBuilder();
        for (Map.Entry<WeightFormat, Long> e : model.weightBytes().entrySet()) {
            weights.append(weights.length() == 0 ? "" : ", ").append(e.getKey())
                    .append(String.format(Locale.ROOT, " %.3f GB", e.getValue() / GB));
        }
        out.println("weights          " + weights + " (F32 includes norms, biases and positions)");
    }

    /** Loading progress on standard error: a line at each tenth of the weights (called from the loading threads). */
    private static final class Progress implements LoadOptions.Progress {
        private final PrintWriter err;
        private int tenthsShown;

        Progress(PrintWriter err, String name, QuantizationPlan plan) {
            this.err = err;
            err.println("loading " + name + " as " + plan + " ...");
            err.flush();
        }

        @Override
        public synchronized void loaded(String tensor, long done, long total) {
            int tenths = (int) (10 * done / total);
            if (tenths > tenthsShown) {
                tenthsShown = tenths;
                err.printf(Locale.ROOT, "  %3d %% of the weights (%s)%n", 10 * tenths, tensor);
                err.flush();
            }
        }
    }
}
