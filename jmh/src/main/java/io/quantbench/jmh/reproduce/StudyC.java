package io.quantbench.jmh.reproduce;

import io.quantbench.analysis.stats.Interval;
import io.quantbench.analysis.stats.RatioMethod;
import io.quantbench.analysis.stats.TInterval;
import io.quantbench.analysis.summary.BenchmarkSummary;
import io.quantbench.analysis.table.Numbers;
import io.quantbench.analysis.table.Table;
import io.quantbench.analysis.table.Table.Column;
import io.quantbench.engine.eval.PromptTemplate;
import io.quantbench.engine.eval.SquadDataset;
import io.quantbench.engine.eval.SquadHarness;
import io.quantbench.engine.eval.SquadQuestion;
import io.quantbench.engine.eval.SquadScorer;
import io.quantbench.engine.format.WeightFormat;
import io.quantbench.engine.io.Architecture;
import io.quantbench.engine.kernel.KernelPool;
import io.quantbench.engine.model.LoadOptions;
import io.quantbench.engine.model.Models;
import io.quantbench.engine.model.Transformer;
import io.quantbench.engine.plan.QuantizationPlan;
import io.quantbench.engine.synth.KnownModel;
import io.quantbench.engine.synth.SyntheticCheckpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Study C: a ternary 2B model against a 4B model in FP32. Decode tokens per second (JMH, forks as replicates), and from
 * separate {@code generate} processes CPU use, tokens per second per 100 % CPU and peak memory as a share of RAM; with
 * real checkpoints ({@code --model}), the SQuAD Super_Bowl_50 QA metrics.
 *
 * <p>Gemma 3 4B in FP32 needs about 19 GB (17 GB of weights, measured resident). When the machine has less memory available as its turn comes, the reference
 * becomes Gemma 3 1B in FP32 (a reduced setting), and the report says why.
 */
final class StudyC {

    static final String ID = "C";
    /** Tokens in the KV cache during the JMH decode steps. */
    static final int CONTEXT = 64;
    /** Tokens of answer generated per QA question at most. */
    static final int ANSWER_TOKENS = 32;

    /** One side of the comparison. */
    private record Side(KnownModel model, String format, Published.CRow published) {
    }

    private StudyC() {
    }

    static void run(ReproduceSettings s, ReportDocument doc) throws IOException {
        long start = System.nanoTime();
        doc.heading(2, "Study C: ternary BitNet b1.58 2B against Gemma 3 4B in FP32");
        doc.paragraph("Published setup: " + Published.C_SETUP + ". QA: " + Published.C_QA + ".");
        Side ternary = new Side(KnownModel.BITNET_2B4T, "TERNARY", Published.C_BITNET);
        Side reference = new Side(KnownModel.byId(s.cModel()), "F32", Published.C_GEMMA);
        if (reference.model() != KnownModel.GEMMA3_4B) {
            doc.paragraph("Reduced setting chosen with --c-model: the FP32 side is " + reference.model().displayName
                    + " (the published Gemma figures are still those of the 4B model).");
        }
        doc.paragraph("Synthetic weights with the models' exact shapes; " + s.threads() + " threads. Tokens per second"
                + " (JMH): one decode step with " + CONTEXT + " tokens in the KV cache, " + s.jmhSettings() + ", 95 % t"
                + " interval over forks. CPU, tokens per second per 100 % CPU and peak memory: " + s.generateRuns()
                + " generate processes per model, " + s.generateTokens() + " greedy tokens each, 95 % t interval over"
                + " processes, each with a heap just above its weights (as one would run it on an 8 GB board: a JVM's"
                + " resident memory follows its heap limit); memory as a share of this machine's RAM (published: of 8 GB).");
        if (s.skipBenchmarks()) {
            doc.paragraph("Speed not measured: --skip-benchmarks was given.");
        } else {
            efficiency(s, doc, List.of(ternary, reference));
        }
        qa(s, doc);
        double seconds = (System.nanoTime() - start) / 1e9;
        doc.paragraph(String.format(Locale.ROOT, "Study C took %.0f s on this machine.", seconds));
        s.say(ID, String.format(Locale.ROOT, "done in %.0f s", seconds));
    }

    private static void efficiency(ReproduceSettings s, ReportDocument doc, List<Side> sides) {
        Table.Builder t = new Table.Builder("study-c-efficiency", "Decode speed, CPU and memory efficiency", "")
                .column(Column.text("model, format"))
                .column(Column.interval("decode (JMH)", "tok/s"))
                .column(Column.interval("decode (generate)", "tok/s"))
                .column(Column.interval("CPU", "%"))
                .column(Column.interval("per 100 % CPU", "tok/s"))
                .column(Column.interval("peak memory", "GB"))
                .column(Column.interval("share of RAM", "%"))
                .column(Column.text("published (tok/s)"))
                .column(Column.text("published CPU (%)"))
                .column(Column.text("published per 100 % CPU (tok/s)"))
                .column(Column.text("published share of 8 GB (%)"));
        List<double[]> tokensPerSecondByFork = new ArrayList<>();
        List<double[]> perCpuByRun = new ArrayList<>();
        List<String> loadNotes = new ArrayList<>();
        List<String> modelIds = new ArrayList<>();
        for (Side wanted : sides) {
            Side side = fitted(wanted, s, doc);
            modelIds.add(side.model().id);
            String heap = SpeedModels.heap(side.model(), side.format());
            s.say(ID, "JMH: decode steps of " + side.model().displayName + " in " + side.format() + " (heap " + heap + ")");
            JmhRun.Result r = new JmhRun("DecodeBenchmark", "decodeStep", heap)
                    .param("model", side.model().id).param("format", side.format())
                    .param("threads", String.valueOf(s.threads())).param("context", String.valueOf(CONTEXT))
                    .run(s, s.out().resolve(ID).resolve(side.model().id));
            BenchmarkSummary summary = r.summary("decodeStep", Map.of("format", side.format())).orElseThrow(
                    () -> new IllegalStateException("JMH produced no result for " + side.model().id));
            double[] perFork = Arrays.stream(summary.replicates()).map(ms -> 1000 / ms).toArray();
            loadNotes.add(side.model().displayName + ": " + r.loadNote());
            tokensPerSecondByFork.add(perFork);

            List<GenerateRun> runs = new ArrayList<>();
            String generateHeap = SpeedModels.generateHeap(side.model(), side.format());
            for (int i = 0; i < s.generateRuns(); i++) {
                s.say(ID, "generate " + (i + 1) + " of " + s.generateRuns() + ": " + side.model().displayName + " in "
                        + side.format() + " (heap " + generateHeap + ")");
                runs.add(GenerateRun.of(SyntheticCheckpoint.PREFIX + side.model().id, side.format(), generateHeap,
                        s.generateTokens(), s.threads(), Published.A_PROMPT));
            }
            double[] perCpu = runs.stream().mapToDouble(GenerateRun::tokensPerCpu).toArray();
            perCpuByRun.add(perCpu);
            Published.CRow p = side.published();
            t.row(side.model().displayName + ", " + side.format(), TInterval.of(perFork, AblationStatistics.CONFIDENCE),
                    interval(runs, GenerateRun::tokensPerSecond), interval(runs, GenerateRun::cpuPercent),
                    TInterval.of(perCpu, AblationStatistics.CONFIDENCE), interval(runs, g -> g.peakBytes() / 1e9),
                    interval(runs, g -> 100 * g.memoryShare()), p.tokensPerSecond(), p.cpuPercent(),
                    p.tokensPerSecondPerCpu(), p.memoryPercent());
        }
        doc.table(t.build());
        loadNotes.forEach(doc::paragraph);
        RatioMethod method = RatioMethod.LOG_WELCH;
        SplittableRandom random = new SplittableRandom(s.seed());
        Interval speed = method.interval(tokensPerSecondByFork.get(0), tokensPerSecondByFork.get(1),
                AblationStatistics.CONFIDENCE, AblationStatistics.RESAMPLES, random);
        Interval perCpu = method.interval(perCpuByRun.get(0), perCpuByRun.get(1), AblationStatistics.CONFIDENCE,
                AblationStatistics.RESAMPLES, random);
        Table.Builder ratios = new Table.Builder("study-c-ratios", "Ternary against FP32",
                "Ratios of geometric means with log-Welch 95 % intervals (over JMH forks for speed, over generate processes"
                        + " for CPU efficiency). Published: the ratios of study C's figures, " + Published.C_BITNET.tokensPerSecond()
                        + " / " + Published.C_GEMMA.tokensPerSecond() + " tok/s and " + Published.C_BITNET.tokensPerSecondPerCpu()
                        + " / " + Published.C_GEMMA.tokensPerSecondPerCpu() + " tok/s per 100 % CPU.")
                .column(Column.text("figure"))
                .column(Column.interval("ours", "x"))
                .column(Column.number("published (x)", ""));
        ratios.row("decode tokens per second", speed,
                Published.ratio(Published.C_BITNET.tokensPerSecond(), Published.C_GEMMA.tokensPerSecond()));
        ratios.row("tokens per second per 100 % CPU", perCpu,
                Published.ratio(Published.C_BITNET.tokensPerSecondPerCpu(), Published.C_GEMMA.tokensPerSecondPerCpu()));
        doc.table(ratios.build());
        for (String model : modelIds) {
            doc.link("Full statistics of the JMH runs of " + model, ID + "/" + model + "/analysis/index.html");
        }
    }

    /**
     * {@code side}, or Gemma 3 1B in its place when the memory available now (other processes come and go) cannot hold
     * the FP32 side's model: a run that does not fit would end in an out-of-memory kill, perhaps of another process.
     *
     * @throws IllegalStateException when not even the smaller model fits
     */
    private static Side fitted(Side side, ReproduceSettings s, ReportDocument doc) {
        double needed = SpeedModels.heapBytes(side.model(), side.format()) + 1e9;       // and this JVM's own
        long available = availableMemory();
        if (available < 0 || available >= needed) {
            return side;
        }
        Side smaller = new Side(KnownModel.GEMMA3_1B, side.format(), side.published());
        double smallerNeeded = SpeedModels.heapBytes(smaller.model(), smaller.format()) + 1e9;
        if (side.model() == smaller.model() || available < smallerNeeded) {
            throw new IllegalStateException(String.format(Locale.ROOT, "%s in %s needs about %.1f GB and this machine has"
                    + " %.1f GB available now; free memory or run study C elsewhere", side.model().displayName, side.format(),
                    needed / 1e9, available / 1e9));
        }
        String note = String.format(Locale.ROOT, "Reduced setting: %s in %s needs about %.1f GB, and this machine had %.1f GB"
                + " available when it was its turn, so %s ran in its place (the published figures are still those of"
                + " the 4B model).", side.model().displayName, side.format(), needed / 1e9, available / 1e9,
                smaller.model().displayName);
        doc.paragraph(note);
        s.say(ID, note);
        return smaller;
    }

    private static Interval interval(List<GenerateRun> runs, java.util.function.ToDoubleFunction<GenerateRun> figure) {
        return TInterval.of(runs.stream().mapToDouble(figure).toArray(), AblationStatistics.CONFIDENCE);
    }

    private static void qa(ReproduceSettings s, ReportDocument doc) throws IOException {
        Table.Builder t = new Table.Builder("study-c-qa", "SQuAD Super_Bowl_50 question answering",
                "Greedy answers of at most " + ANSWER_TOKENS + " tokens, scored against every gold answer (the best):"
                        + " ROUGE-1 F and METEOR 0-1, BLEU sentence-level 0-100 (sacreBLEU's scale; the study's scale is"
                        + " not stated), exact match and F1 as SQuAD's evaluation script, 0-100. Published rows as published.")
                .column(Column.text("model"))
                .column(Column.text("questions"))
                .column(Column.text("ROUGE-1 F"))
                .column(Column.text("BLEU"))
                .column(Column.text("METEOR"))
                .column(Column.text("exact match"))
                .column(Column.text("F1"));
        for (Published.CRow p : List.of(Published.C_BITNET, Published.C_GEMMA)) {
            t.row(p.model() + " (published)", "100", p.rouge1(), p.bleu(), p.meteor(), "–", "–");
        }
        if (s.models().isEmpty()) {
            doc.table(t.build());
            doc.paragraph("QA metrics need trained checkpoints: give the BitNet b1.58 2B4T and Gemma 3 4B GGUF files with"
                    + " --model (the synthetic models answer nonsense by construction). Only the published figures are shown.");
            return;
        }
        List<SquadQuestion> questions = SquadDataset.load(RealModel.dataFile(s.dataDir(),
                "squad/Super_Bowl_50.dev-v1.1.json"), s.questions());
        for (Path file : s.models()) {
            try (RealModel m = RealModel.open(file, s.tokenizer()); KernelPool pool = new KernelPool(s.threads())) {
                Architecture arch = m.source().config().architecture();
                PromptTemplate template = arch == Architecture.BITNET ? PromptTemplate.BITNET_CHAT
                        : arch == Architecture.GEMMA3 ? PromptTemplate.GEMMA3_CHAT : PromptTemplate.LLAMA2C_PLAIN;
                WeightFormat format = arch == Architecture.BITNET ? WeightFormat.TERNARY : WeightFormat.F32;
                s.say(ID, "QA: " + questions.size() + " questions to " + m.name() + " in " + format);
                Transformer model = Models.load(m.source(), QuantizationPlan.uniform(format), LoadOptions.of(s.threads()));
                boolean chat = template != PromptTemplate.LLAMA2C_PLAIN;
                SquadHarness.Report r = new SquadHarness(template, new SquadScorer())
                        .run(questions, prompt -> m.complete(model, prompt, chat, ANSWER_TOKENS, pool));
                t.row(m.name() + ", " + format, String.valueOf(questions.size()), Numbers.format(r.rouge1()),
                        Numbers.format(r.bleu()), Numbers.format(r.meteor()), Numbers.format(r.exactMatch()),
                        Numbers.format(r.f1()));
            }
        }
        doc.table(t.build());
    }

    /** MemAvailable of /proc/meminfo in bytes, or -1 where there is none. */
    static long availableMemory() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return 1024 * Long.parseLong(line.substring("MemAvailable:".length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
