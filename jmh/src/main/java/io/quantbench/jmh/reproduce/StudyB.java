package io.quantbench.jmh.reproduce;

import io.quantbench.analysis.stats.Interval;
import io.quantbench.analysis.summary.BenchmarkSummary;
import io.quantbench.analysis.summary.Comparison;
import io.quantbench.analysis.table.Table;
import io.quantbench.analysis.table.Table.Column;
import io.quantbench.engine.adaptive.Allocation;
import io.quantbench.engine.synth.KnownModel;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Study B: time against input length for every format. Prefill and one decode step are timed apart at each of study
 * B's lengths ({@code SequenceLengthBenchmark}), on one synthetic shape in FP32, INT8, INT4, TERNARY and study A's
 * adaptive plan; each table gives the TERNARY / FP32 speedup per length, which is what study B reported (its 1-bit model
 * 2-5 x faster than a 32-bit one, more so for longer inputs).
 */
final class StudyB {

    static final String ID = "B";
    static final List<String> LENGTHS = List.of("10", "20", "50", "100", "200", "500", "1000");
    private static final List<String> UNIFORM = List.of("F32", "INT8", "INT4", "TERNARY");

    private StudyB() {
    }

    static void run(ReproduceSettings s, SpeedModels speedModels, ReportDocument doc) {
        long start = System.nanoTime();
        KnownModel model = KnownModel.byId(s.speedModel());
        doc.heading(2, "Study B: time against input length");
        doc.paragraph("Published setup: " + Published.B_SETUP + ". Result: " + Published.B_RESULT + ". Context cited: "
                + Published.B_CONTEXT + ".");
        doc.paragraph("Here: the " + model.displayName + " shape with synthetic weights (every format on the same shape, so"
                + " the ratios isolate the weight format; --b-model chooses another shape), " + s.threads() + " threads,"
                + " prompts of exactly N random tokens. JMH: " + s.jmhSettings() + ".");
        if (s.skipBenchmarks()) {
            doc.paragraph("Not measured: --skip-benchmarks was given.");
            return;
        }
        if (model.maxPositions <= Integer.parseInt(LENGTHS.get(LENGTHS.size() - 1))) {
            throw new IllegalArgumentException("--b-model " + model.id + " has a context of " + model.maxPositions
                    + " tokens; study B needs more than " + LENGTHS.get(LENGTHS.size() - 1));
        }
        Allocation adaptive = speedModels.adaptive(model, s, ID);
        List<String> formats = new java.util.ArrayList<>(UNIFORM);
        formats.add(adaptive.plan().toString());
        List<String> names = List.of("FP32", "INT8", "INT4", "TERNARY", "adaptive");
        s.say(ID, "JMH: prefill and decode step of the " + model.displayName + " shape at " + LENGTHS.size() + " lengths x "
                + formats.size() + " formats (" + s.jmhSettings() + ")");
        JmhRun.Result result = new JmhRun("SequenceLengthBenchmark", null, SpeedModels.heap(model, "F32"))
                .param("model", model.id).param("format", formats).param("threads", String.valueOf(s.threads()))
                .param("seqLen", LENGTHS)
                .run(s, s.out().resolve(ID));
        for (String method : List.of("prefill", "decodeStep")) {
            boolean prefill = method.equals("prefill");
            Table.Builder t = new Table.Builder("study-b-" + method, prefill ? "Prefill time against input length"
                    : "Decode step time against context length",
                    (prefill ? "The whole prompt of N tokens in one batched forward call." : "One token after N tokens in the"
                            + " KV cache.") + " Milliseconds per call, mean of fork means with a 95 % t interval; TERNARY /"
                            + " FP32: FP32's time over TERNARY's (above 1: ternary faster), log-Welch 95 % interval."
                            + " Published (study B, bitnet.cpp against a 32-bit model): " + Published.B_SPEEDUP + " x.");
            t.column(Column.text("tokens"));
            names.forEach(n -> t.column(Column.interval(n, "ms")));
            t.column(Column.interval("speedup TERNARY / FP32", "x")).column(Column.text("verdict"));
            for (String length : LENGTHS) {
                Object[] row = new Object[names.size() + 3];
                row[0] = length;
                for (int f = 0; f < formats.size(); f++) {
                    row[f + 1] = result.summary(method, Map.of("format", formats.get(f), "seqLen", length))
                            .map(BenchmarkSummary::mean).orElse(Interval.unknown(Double.NaN));
                }
                Map<String, String> ternary = Map.of("format", "TERNARY", "seqLen", length);
                row[names.size() + 1] = result.speedup(method, ternary).map(Comparison::ratio).orElse(Interval.unknown(Double.NaN));
                row[names.size() + 2] = result.speedup(method, ternary).map(c -> c.verdict().name().toLowerCase(Locale.ROOT))
                        .orElse("not measured");
                t.row(row);
            }
            doc.table(t.build());
        }
        doc.paragraph(String.format(Locale.ROOT, "Adaptive plan of this shape (blocks ranked by %s; %.2f bits per weight):",
                speedModels.rankedBy(model).description(), adaptive.bitsPerWeight()));
        doc.verbatim(adaptive.plan().toString());
        doc.paragraph(result.loadNote());
        doc.link("Full statistics of these runs, with time-against-length plots", ID + "/analysis/index.html");
        double seconds = (System.nanoTime() - start) / 1e9;
        doc.paragraph(String.format(Locale.ROOT, "Study B took %.0f s on this machine.", seconds));
        s.say(ID, String.format(Locale.ROOT, "done in %.0f s", seconds));
    }
}
