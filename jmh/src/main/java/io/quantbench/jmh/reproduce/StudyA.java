package io.quantbench.jmh.reproduce;

import io.quantbench.analysis.stats.Interval;
import io.quantbench.analysis.stats.TInterval;
import io.quantbench.analysis.summary.BenchmarkSummary;
import io.quantbench.analysis.summary.Comparison;
import io.quantbench.analysis.table.Table;
import io.quantbench.analysis.table.Table.Column;
import io.quantbench.engine.adaptive.Ablation;
import io.quantbench.engine.adaptive.Allocation;
import io.quantbench.engine.adaptive.Importance;
import io.quantbench.engine.adaptive.LayerImportance;
import io.quantbench.engine.adaptive.Measure;
import io.quantbench.engine.adaptive.PlanUnit;
import io.quantbench.engine.adaptive.ReferenceLogits;
import io.quantbench.engine.adaptive.TokenSequences;
import io.quantbench.engine.eval.SquadScorer;
import io.quantbench.engine.format.WeightFormat;
import io.quantbench.engine.kernel.KernelPool;
import io.quantbench.engine.model.LoadOptions;
import io.quantbench.engine.model.ModelSource;
import io.quantbench.engine.model.Models;
import io.quantbench.engine.model.Transformer;
import io.quantbench.engine.plan.QuantizationPlan;
import io.quantbench.engine.synth.KnownModel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Study A: FP32, INT8, INT4 and adaptive mixed precision. Speed on the DistilGPT-2 shape (JMH decode steps, synthetic
 * weights); quality on stories260K, a trained model (KL divergence from FP32, top-1 agreement, perplexity, and ROUGE-1,
 * BLEU and METEOR of each greedy continuation against FP32's); the importance of every layer; and the ablation:
 * importance order against random and reversed orders at the same bits per weight.
 */
final class StudyA {

    static final String ID = "A";
    /** Decode steps run with this many tokens in the KV cache: study A's 7-token prompt and the start of a continuation. */
    static final int CONTEXT = 16;
    /** Calibration and evaluation texts: the FP32 model's own samples (temperature 1), different seeds for each. */
    static final int CALIBRATION_SEQUENCES = 4;
    static final int EVALUATION_SEQUENCES = 8;
    static final int SEQUENCE_TOKENS = 128;
    static final int CONTINUATION_TOKENS = 48;
    /** A prompt stories260K knows the world of, beside study A's prompt (which it does not). */
    static final String STORY_PROMPT = "Once upon a time, there was a little girl named Lily.";
    /** Below this many block weights a model runs its quality measurements on one thread. */
    static final long SMALL_MODEL = 10_000_000;

    /** One configuration of the quality table. */
    private record Config(String name, QuantizationPlan plan, double bitsPerWeight) {
    }

    private StudyA() {
    }

    static void run(ReproduceSettings s, SpeedModels speedModels, ReportDocument doc) throws IOException {
        long start = System.nanoTime();
        doc.heading(2, "Study A: FP32, INT8, INT4 and layer-importance adaptive");
        doc.paragraph("Published setup: " + Published.A_SETUP + ". Adaptive: " + Published.A_SPLIT + ".");
        speed(s, speedModels, doc);
        quality(s, doc);
        double seconds = (System.nanoTime() - start) / 1e9;
        doc.paragraph(String.format(Locale.ROOT, "Study A took %.0f s on this machine.", seconds));
        s.say(ID, String.format(Locale.ROOT, "done in %.0f s", seconds));
    }

    private static void speed(ReproduceSettings s, SpeedModels speedModels, ReportDocument doc) {
        Allocation adaptive = speedModels.adaptive(KnownModel.DISTILGPT2, s, ID);
        List<String> names = List.of("FP32", "INT8", "INT4", "adaptive");
        List<String> formats = List.of("F32", "INT8", "INT4", adaptive.plan().toString());
        Table.Builder t = new Table.Builder("study-a-speed", "Speed on the DistilGPT-2 shape",
                "One decode step of the whole model (6 blocks, the 50257-token head) with " + CONTEXT + " tokens in the KV"
                        + " cache, synthetic weights, " + s.threads() + " threads; mean of fork means with a 95 % t interval;"
                        + " speedup = FP32's time / this time, log-Welch 95 % interval over forks. JMH: " + s.jmhSettings()
                        + ". Published: seconds to generate the whole continuation on a Raspberry Pi 5.")
                .column(Column.text("configuration"))
                .column(Column.interval("decode step", "ms"))
                .column(Column.interval("speedup vs FP32", "x"))
                .column(Column.text("verdict"))
                .column(Column.text("published time (s)"))
                .column(Column.text("published speedup (x)"))
                .column(Column.text("published quality"));
        JmhRun.Result result = null;
        if (s.skipBenchmarks()) {
            doc.paragraph("Speed not measured: --skip-benchmarks was given. Only the published figures are shown.");
        } else {
            s.say(ID, "JMH: decode steps of the DistilGPT-2 shape in FP32, INT8, INT4 and adaptive (" + s.jmhSettings() + ")");
            result = new JmhRun("DecodeBenchmark", "decodeStep", SpeedModels.heap(KnownModel.DISTILGPT2, "F32"))
                    .param("model", KnownModel.DISTILGPT2.id).param("format", formats)
                    .param("threads", String.valueOf(s.threads())).param("context", String.valueOf(CONTEXT))
                    .run(s, s.out().resolve(ID));
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Published.ARow published = Published.A_ROWS.stream().filter(r -> r.configuration().equals(name))
                    .findFirst().orElseThrow();
            Interval time = Interval.unknown(Double.NaN);
            Interval speedup = Interval.unknown(Double.NaN);
            String verdict = "not measured";
            if (result != null) {
                Map<String, String> wanted = Map.of("format", formats.get(i));
                time = result.summary("decodeStep", wanted).map(BenchmarkSummary::mean).orElse(time);
                Optional<Comparison> c = result.speedup("decodeStep", wanted);
                speedup = i == 0 ? Interval.unknown(1.0) : c.map(Comparison::ratio).orElse(speedup);
                verdict = i == 0 ? "baseline" : c.map(x -> x.verdict().name().toLowerCase(Locale.ROOT)).orElse("no F32 partner");
            }
            t.row(name, time, speedup, verdict, published.seconds(), published.speedup(), published.quality());
        }
        doc.table(t.build());
        doc.paragraph(String.format(Locale.ROOT, "The adaptive plan of the DistilGPT-2 shape (blocks ranked by %s over"
                        + " random tokens; the weights are synthetic, so only the mix of formats matters for speed): %.2f bits"
                        + " per weight in the blocks.", speedModels.rankedBy(KnownModel.DISTILGPT2).description(),
                adaptive.bitsPerWeight()));
        doc.verbatim(adaptive.plan().toString());
        if (result != null) {
            doc.paragraph(result.loadNote());
            doc.link("Full statistics of these runs (forks, intervals, tests, plots)", ID + "/analysis/index.html");
        }
    }

    private static void quality(ReproduceSettings s, ReportDocument doc) throws IOException {
        Path modelFile = s.models().isEmpty() ? RealModel.dataFile(s.dataDir(), "tinyllama-llama2c/stories260K.bin")
                : s.models().get(0);
        Path tokenizerFile = s.models().isEmpty() ? RealModel.dataFile(s.dataDir(), "tinyllama-llama2c/tok512.bin")
                : s.tokenizer();
        try (RealModel m = RealModel.open(modelFile, tokenizerFile)) {
            ModelSource source = m.source();
            int threads = qualityThreads(source, s);
            try (KernelPool pool = new KernelPool(threads)) {
                measureQuality(s, doc, m, threads, pool);
            }
        }
    }

    /** Quality, importance and the ablation on a trained model (not timed: {@code threads} suits the model's size). */
    private static void measureQuality(ReproduceSettings s, ReportDocument doc, RealModel m, int threads, KernelPool pool) {
        ModelSource source = m.source();
        s.say(ID, "quality on " + m.name() + ": FP32 reference, calibration and evaluation texts");
        Transformer fp32 = load(source, QuantizationPlan.uniform(WeightFormat.F32), s);
        List<int[]> calibration = TokenSequences.sampled(fp32, m.start(), CALIBRATION_SEQUENCES, SEQUENCE_TOKENS,
                s.seed() + 1000, pool);
        List<int[]> evaluation = TokenSequences.sampled(fp32, m.start(), EVALUATION_SEQUENCES, SEQUENCE_TOKENS,
                s.seed() + 2000, pool);
        ReferenceLogits reference = ReferenceLogits.of(fp32, evaluation, pool, null);
        List<String> prompts = List.of(Published.A_PROMPT, STORY_PROMPT);
        List<String> fp32Texts = new ArrayList<>();
        for (String p : prompts) {
            fp32Texts.add(m.complete(fp32, p, false, CONTINUATION_TOKENS, pool));
        }

        s.say(ID, "importance of every linear layer (INT4 and INT8 sensitivity, proxies)");
        List<LayerImportance> linear = Importance.measure(source, PlanUnit.of(source, PlanUnit.Granularity.LINEAR),
                calibration, true, threads, line -> s.say(ID, "  " + line));
        s.say(ID, "importance of every block");
        List<LayerImportance> blocks = Importance.measure(source, PlanUnit.of(source, PlanUnit.Granularity.BLOCK),
                calibration, true, threads, line -> s.say(ID, "  " + line));
        Allocation adaptive = Allocation.split(Measure.SENSITIVITY.rank(blocks), SpeedModels.F32_SHARE, SpeedModels.INT8_SHARE);
        Allocation adaptiveLinear = Allocation.split(Measure.SENSITIVITY.rank(linear), SpeedModels.F32_SHARE,
                SpeedModels.INT8_SHARE);
        Allocation greedy = Allocation.greedy(linear, adaptive.bitsPerWeight());
        List<PlanUnit> units = linear.stream().map(LayerImportance::unit).toList();

        List<Config> configs = List.of(
                new Config("FP32", QuantizationPlan.uniform(WeightFormat.F32), Allocation.split(units, 1, 0).bitsPerWeight()),
                new Config("INT8", QuantizationPlan.uniform(WeightFormat.INT8), Allocation.split(units, 0, 1).bitsPerWeight()),
                new Config("INT4", QuantizationPlan.uniform(WeightFormat.INT4), Allocation.split(units, 0, 0).bitsPerWeight()),
                new Config("adaptive (blocks, 30/30/40)", adaptive.plan(), adaptive.bitsPerWeight()),
                new Config("adaptive (linear layers, 30/30/40)", adaptiveLinear.plan(), adaptiveLinear.bitsPerWeight()),
                new Config("greedy KL per bit (linear layers)", greedy.plan(), greedy.bitsPerWeight()));
        qualityTables(s, doc, m, configs, reference, prompts, fp32Texts, pool);
        importanceTable(doc, linear, "study-a-importance", "Importance of every linear layer of " + m.name());
        importanceTable(doc, blocks, "study-a-block-importance", "Importance of every block of " + m.name());

        s.say(ID, "ablation: " + (Measure.values().length + 2 + s.randomOrders()) + " rankings at "
                + String.format(Locale.ROOT, "%.2f", adaptive.bitsPerWeight()) + " bits per weight");
        List<Ablation.Arm> arms = Ablation.run(source, linear, reference, adaptive.bitsPerWeight(), s.randomOrders(),
                s.seed(), threads, line -> s.say(ID, "  " + line));
        ablationTables(s, doc, m.name(), arms, adaptive.bitsPerWeight());
    }

    /**
     * Threads for untimed model runs: one for a model of fewer than {@value #SMALL_MODEL} weights in its blocks, whose
     * matrices are too small for a kernel pool's dispatches to pay (stories260K runs several times faster on one
     * thread, and does not stall when other work shares the cores); otherwise all of them.
     */
    static int qualityThreads(ModelSource source, ReproduceSettings s) {
        long weights = PlanUnit.of(source, PlanUnit.Granularity.BLOCK).stream().mapToLong(PlanUnit::weights).sum();
        return weights < SMALL_MODEL ? 1 : s.threads();
    }

    private static Transformer load(ModelSource source, QuantizationPlan plan, ReproduceSettings s) {
        return Models.load(source, plan, LoadOptions.of(s.threads()));
    }

    private static void qualityTables(ReproduceSettings s, ReportDocument doc, RealModel m, List<Config> configs,
                                      ReferenceLogits reference, List<String> prompts, List<String> fp32Texts,
                                      KernelPool pool) {
        Table.Builder quality = new Table.Builder("study-a-quality", "Quality on " + m.name(),
                "Against FP32 on an evaluation text of " + EVALUATION_SEQUENCES + " x " + SEQUENCE_TOKENS + " tokens (FP32's"
                        + " own samples, seeds other than the calibration's): mean KL divergence (nats) with a 95 % t interval"
                        + " over the sequences, top-1 agreement, perplexity of the text. ROUGE-1 F, BLEU (sentence, 0-100)"
                        + " and METEOR: the greedy continuation (" + CONTINUATION_TOKENS + " tokens) of each prompt against"
                        + " FP32's, averaged over the " + prompts.size() + " prompts. Bits per weight: the blocks' linear"
                        + " layers, scales included; the head is INT8 except in FP32.")
                .column(Column.text("configuration"))
                .column(Column.number("bits per weight", ""))
                .column(Column.interval("KL from FP32", "nats"))
                .column(Column.number("top-1 agreement", "%"))
                .column(Column.number("perplexity", ""))
                .column(Column.number("ROUGE-1 F", ""))
                .column(Column.number("BLEU", ""))
                .column(Column.number("METEOR", ""));
        Table.Builder texts = new Table.Builder("study-a-texts", "Continuations side by side",
                "Greedy, " + CONTINUATION_TOKENS + " tokens at most, after each prompt.")
                .column(Column.text("configuration"));
        prompts.forEach(p -> texts.column(Column.text("\"" + p + "\" ...")));
        SquadScorer scorer = new SquadScorer();
        for (Config c : configs) {
            s.say(ID, "quality of " + c.name());
            Transformer model = load(m.source(), c.plan(), s);
            ReferenceLogits.Agreement a = reference.compare(model, pool);
            double rouge = 0;
            double bleu = 0;
            double meteor = 0;
            List<Object> row = new ArrayList<>(List.of(c.name()));
            for (int p = 0; p < prompts.size(); p++) {
                String text = m.complete(model, prompts.get(p), false, CONTINUATION_TOKENS, pool);
                row.add(text);
                SquadScorer.Scores scores = fp32Texts.get(p).isBlank() ? null : scorer.score(text, List.of(fp32Texts.get(p)));
                rouge += scores == null ? Double.NaN : scores.rouge1().fmeasure() / prompts.size();
                bleu += scores == null ? Double.NaN : scores.bleu() / prompts.size();
                meteor += scores == null ? Double.NaN : scores.meteor() / prompts.size();
            }
            quality.row(c.name(), c.bitsPerWeight(), TInterval.of(a.klPerSequence(), AblationStatistics.CONFIDENCE),
                    100 * a.top1(), a.perplexity(), rouge, bleu, meteor);
            texts.row(row.toArray());
        }
        doc.table(quality.build());
        doc.table(texts.build());
        for (Config c : configs.subList(3, configs.size())) {
            doc.paragraph("Plan of " + c.name() + ":");
            doc.verbatim(c.plan().toString());
        }
    }

    private static void importanceTable(ReportDocument doc, List<LayerImportance> importances, String name, String title) {
        List<PlanUnit> ranking = Measure.SENSITIVITY.rank(importances);
        Table.Builder t = new Table.Builder(name, title, "Sensitivity: mean KL divergence (nats) from FP32 over the"
                + " calibration text with only this unit quantized; weight error: relative INT4 error ‖W − Q(W)‖²/‖W‖²;"
                + " activation-weighted: the same with each input column weighted by its mean square activation over the"
                + " calibration text; outliers: weights beyond 4 standard deviations; position: 1 at the first and last"
                + " block, 0 in the middle. Rank: by INT4 sensitivity, 1 = most important.")
                .column(Column.text("unit"))
                .column(Column.text("rank"))
                .column(Column.number("KL INT4", "nats"))
                .column(Column.number("KL INT8", "nats"))
                .column(Column.number("weight error", ""))
                .column(Column.number("activation-weighted error", ""))
                .column(Column.number("kurtosis", ""))
                .column(Column.number("outliers", "%"))
                .column(Column.number("position", ""));
        for (LayerImportance i : importances) {
            t.row(i.unit().selector(), String.valueOf(ranking.indexOf(i.unit()) + 1), i.klInt4(), i.klInt8(), i.int4Error(),
                    i.activationError(), i.kurtosis(), 100 * i.outlierShare(), i.position());
        }
        doc.table(t.build());
    }

    private static void ablationTables(ReproduceSettings s, ReportDocument doc, String model, List<Ablation.Arm> arms,
                                       double budget) {
        doc.heading(3, "Ablation: does the importance ranking matter?");
        doc.paragraph(String.format(Locale.ROOT, "Every arm gets the same budget, %.2f bits per weight (that of the"
                + " adaptive blocks plan), and the same rule: all linear layers INT4, then down the arm's ranking each layer"
                + " raised to the most bits (FP32, else INT8) that still fit. Arms differ only in the ranking: by each"
                + " importance measure, by sensitivity reversed, by %d random orders (seeds %d to %d); one more arm spends the"
                + " budget greedily by measured KL per bit. Quality is measured on the evaluation text, which the"
                + " rankings never saw.", budget, s.randomOrders(), s.seed(), s.seed() + s.randomOrders() - 1));
        Table.Builder t = new Table.Builder("study-a-ablation", "Ablation arms on " + model,
                "KL divergence from FP32 (nats) with a 95 % t interval over the evaluation sequences.")
                .column(Column.text("ranking"))
                .column(Column.number("bits per weight", ""))
                .column(Column.text("FP32 / INT8 / INT4 layers"))
                .column(Column.interval("KL from FP32", "nats"))
                .column(Column.number("top-1 agreement", "%"))
                .column(Column.number("perplexity", ""));
        for (Ablation.Arm a : arms) {
            Map<WeightFormat, Integer> counts = a.allocation().counts();
            t.row(a.name(), a.allocation().bitsPerWeight(), counts.getOrDefault(WeightFormat.F32, 0) + " / "
                            + counts.getOrDefault(WeightFormat.INT8, 0) + " / " + counts.getOrDefault(WeightFormat.INT4, 0),
                    TInterval.of(a.quality().klPerSequence(), AblationStatistics.CONFIDENCE), 100 * a.quality().top1(),
                    a.quality().perplexity());
        }
        doc.table(t.build());
        if (s.randomOrders() == 0) {
            doc.paragraph("No random orders (--random-orders 0): no comparison with chance.");
            return;
        }
        Ablation.Arm importance = arms.get(0);
        AblationStatistics st = AblationStatistics.of(importance, arms, s.seed());
        Ablation.Arm reversed = arms.stream().filter(a -> a.kind() == Ablation.Kind.REVERSED).findFirst().orElseThrow();
        Table.Builder summary = new Table.Builder("study-a-ablation-summary", "Importance order against random order",
                "Importance KL: t interval over evaluation sequences. Random: mean over the " + st.orders() + " orders, t"
                        + " interval over orders. Ratio: importance / random, BCa bootstrap over evaluation sequences ("
                        + AblationStatistics.RESAMPLES + " resamples). p: share of random orders at least as good, (1 + k) /"
                        + " (R + 1), one-sided.")
                .column(Column.interval("importance KL", "nats"))
                .column(Column.interval("random KL", "nats"))
                .column(Column.interval("ratio importance / random", ""))
                .column(Column.number("random orders at least as good", "%"))
                .column(Column.number("p", ""))
                .column(Column.number("reversed KL", "nats"));
        summary.row(st.importanceKl(), st.randomKl(), st.ratio(), 100 * st.atLeastAsGoodShare(), st.p(),
                reversed.quality().meanKl());
        doc.table(summary.build());
        doc.paragraph("Verdict: " + st.verdict() + ".");
        s.say(ID, "ablation: " + st.verdict());
    }
}
