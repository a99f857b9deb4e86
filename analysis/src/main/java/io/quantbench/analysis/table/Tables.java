package io.quantbench.analysis.table;

import io.quantbench.analysis.input.Measurement;
import io.quantbench.analysis.input.SecondaryMetric;
import io.quantbench.analysis.stats.Interval;
import io.quantbench.analysis.stats.TInterval;
import io.quantbench.analysis.summary.AxisRoles;
import io.quantbench.analysis.summary.BenchmarkSummary;
import io.quantbench.analysis.summary.Comparison;
import io.quantbench.analysis.summary.DerivedFigures;
import io.quantbench.analysis.summary.Roofline;
import io.quantbench.analysis.summary.RunAnalysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The tables of a run report, one per benchmark group (class) so that each varying axis gets its own
 * column; axes with one value are named in the table's note instead.
 */
public final class Tables {

    private Tables() {
    }

    /** Speedups against the baseline: the verdicts. */
    public static List<Table> speedups(RunAnalysis a) {
        return comparisons(a, a.speedups(), "speedups", "Speedup against " + a.baseline());
    }

    /**
     * The verdicts at a glance: per group one row per combination of the other axes, and for each
     * candidate (format) its speedup interval and verdict side by side.
     */
    public static List<Table> speedupMatrices(RunAnalysis a) {
        List<Table> tables = new ArrayList<>();
        List<Comparison> all = a.speedups();
        for (AxisRoles group : AxisRoles.groups(all.stream().map(Comparison::candidate).collect(Collectors.toList()))) {
            List<Comparison> mine = all.stream().filter(c -> group.members().contains(c.candidate())).collect(Collectors.toList());
            String axis = mine.get(0).axis();
            String reference = mine.get(0).referenceValue();
            List<String> rowAxes = group.varyingAxes().stream().filter(x -> !x.equals(axis)).collect(Collectors.toList());
            List<String> candidates = mine.stream().map(Comparison::candidateValue).distinct().collect(Collectors.toList());
            Map<List<String>, Map<String, Comparison>> rows = new java.util.LinkedHashMap<>();
            for (Comparison c : mine) {
                Map<String, String> values = group.axesOf(c.candidate());
                List<String> key = rowAxes.stream().map(values::get).collect(Collectors.toList());
                rows.computeIfAbsent(key, k -> new java.util.LinkedHashMap<>()).put(c.candidateValue(), c);
            }
            Table.Builder t = new Table.Builder(fileName("verdicts", group), "Speedup against " + reference + ": " + group.name(),
                    "Each cell: the speedup of that " + axis + " over " + reference + " with its " + a.options().confidenceLabel()
                            + " interval, and the verdict. Details, tests and forks needed: the table under 'Speedup against"
                            + " the baseline'. " + constantNote(group));
            rowAxes.forEach(x -> t.column(Table.Column.text(x)));
            for (String candidate : candidates) {
                t.column(Table.Column.interval(candidate, "× " + reference)).column(Table.Column.verdict(candidate + " verdict"));
            }
            rows.forEach((key, byCandidate) -> {
                List<Object> cells = new ArrayList<>(key);
                for (String candidate : candidates) {
                    Comparison c = byCandidate.get(candidate);
                    cells.add(c == null ? Interval.unknown(Double.NaN) : c.ratio());
                    cells.add(c == null ? Numbers.UNKNOWN : c.verdict().word());
                }
                t.row(cells.toArray());
            });
            tables.add(t.build());
        }
        return tables;
    }

    public static List<Table> jdkComparisons(RunAnalysis a) {
        return comparisons(a, a.jdkComparisons(), "jdk", "JDK against JDK");
    }

    /**
     * One table per group of comparisons: a row per candidate with its ratio interval, the Hodges–Lehmann
     * ratio, the verdict, both tests with Holm's correction, and the forks an inconclusive row needs.
     */
    public static List<Table> comparisons(RunAnalysis a, List<Comparison> comparisons, String name, String title) {
        List<Table> tables = new ArrayList<>();
        for (AxisRoles group : AxisRoles.groups(comparisons.stream().map(Comparison::candidate).collect(Collectors.toList()))) {
            tables.add(comparisonTable(group, comparisons, name, title, a.options().confidenceLabel(), a.options().margin()));
        }
        return tables;
    }

    /** The comparison table of one group; also used for run-against-run comparisons. */
    public static Table comparisonTable(AxisRoles group, List<Comparison> comparisons, String name, String title,
                                        String confidence, double margin) {
        List<Comparison> rows = comparisons.stream().filter(c -> group.members().contains(c.candidate())).collect(Collectors.toList());
        Comparison first = rows.get(0);
        List<String> axes = group.varyingAxes().stream().filter(x -> !x.equals(first.axis())).collect(Collectors.toList());
        String unit = "× " + first.referenceValue();
        Table.Builder t = new Table.Builder(fileName(name, group), title + ": " + group.name(), String.format(Locale.ROOT,
                "Speedup = reference time ÷ candidate time (or candidate ÷ reference throughput), %s interval by %s over fork"
                        + " means; verdict at the equivalence margin ±%s; p-values two-sided, Holm-corrected over the %d"
                        + " comparisons of this kind (raw in parentheses). %s",
                confidence, first.method().cliName(), Numbers.percent(margin), comparisons.size(), constantNote(group)));
        t.column(Table.Column.text(first.axis()));
        axes.forEach(x -> t.column(Table.Column.text(x)));
        t.column(Table.Column.interval("speedup", unit)).column(Table.Column.number("Hodges–Lehmann", unit))
                .column(Table.Column.verdict("verdict")).column(Table.Column.text("Welch p: Holm (raw)"))
                .column(Table.Column.text("Mann–Whitney p: Holm (raw)")).column(Table.Column.text("forks"))
                .column(Table.Column.text("forks to decide"));
        for (Comparison c : rows) {
            List<Object> cells = new ArrayList<>();
            cells.add(c.candidateValue());
            Map<String, String> values = group.axesOf(c.candidate());
            axes.forEach(x -> cells.add(values.get(x)));
            cells.add(c.ratio());
            cells.add(c.hodgesLehmann());
            cells.add(c.verdict().word());
            cells.add(Numbers.p(c.welchPHolm()) + " (" + Numbers.p(c.welchP()) + ")");
            cells.add(Numbers.p(c.mannWhitneyPHolm()) + " (" + Numbers.p(c.mannWhitneyP()) + ")");
            cells.add(c.candidate().forkCount() + " vs " + c.reference().forkCount());
            cells.add(forksToDecide(c));
            t.row(cells.toArray());
        }
        return t.build();
    }

    /** "—" when decided; the total forks per configuration that would decide it; or "none would". */
    public static String forksToDecide(Comparison c) {
        if (c.verdict() != io.quantbench.analysis.stats.Verdict.INCONCLUSIVE) {
            return "—";
        }
        if (c.forksNeeded().isEmpty()) {
            return c.candidate().forkCount() < 2 || c.reference().forkCount() < 2 ? "≥ 2 forks each, then see"
                    : "none would: the effect sits on the margin";
        }
        return c.forksNeeded().getAsInt() + " (" + c.additionalForks().getAsInt() + " more)";
    }

    /** Every configuration on its own: the fork-level summary. */
    public static List<Table> summaries(RunAnalysis a) {
        List<Table> tables = new ArrayList<>();
        String level = a.options().confidenceLabel();
        for (AxisRoles group : AxisRoles.groups(a.run().measurements())) {
            Measurement first = group.members().get(0);
            Table.Builder t = new Table.Builder(fileName("summary", group), "Configurations: " + group.name(),
                    "Fork means are the replicates. Mean with a Student t interval over fork means and with a BCa bootstrap"
                            + " interval (forks resampled); median of all iterations with a BCa interval; " + level + " throughout."
                            + " CV: coefficient of variation of fork means. ICC ρ: share of variance between forks; design"
                            + " effect 1 + (k − 1)ρ: how many times JMH's pooled variance understates the truth. JMH: its own"
                            + " score ± 99.9 % half-width (iterations pooled). Outliers: Tukey fences on iterations minus their"
                            + " fork's median (mild/severe). Drift: fitted change across the measured iterations. "
                            + constantNote(group));
            axisColumns(t, group);
            t.column(Table.Column.text("forks × iterations")).column(Table.Column.interval("mean", first.unit().text()))
                    .column(Table.Column.interval("mean, BCa", first.unit().text()))
                    .column(Table.Column.interval("median, BCa", first.unit().text()))
                    .column(Table.Column.number("CV", "%")).column(Table.Column.number("ICC ρ", ""))
                    .column(Table.Column.number("design effect", "")).column(Table.Column.text("JMH score ± error"))
                    .column(Table.Column.text("outliers")).column(Table.Column.text("drift (raw p)"));
            for (Measurement m : group.members()) {
                BenchmarkSummary s = a.summaryOf(m);
                List<Object> cells = axisCells(group, m);
                cells.add(m.forkCount() + " × " + (m.hasRawData() ? iterationsLabel(m) : "?"));
                cells.add(s.mean());
                cells.add(s.meanBca());
                cells.add(s.median());
                cells.add(100 * s.cv());
                cells.add(s.icc());
                cells.add(s.variance().designEffect());
                cells.add(Numbers.format(m.jmhScore()) + " ± " + Numbers.format(m.jmhScoreError()));
                cells.add(s.outliers().lowMild() + s.outliers().highMild() + "/" + (s.outliers().lowSevere() + s.outliers().highSevere()));
                cells.add(Double.isNaN(s.warmup().relativeDrift()) ? Numbers.UNKNOWN
                        : Numbers.signedPercent(s.warmup().relativeDrift()) + " (" + Numbers.p(s.warmup().p()) + ")");
                t.row(cells.toArray());
            }
            tables.add(t.build());
        }
        return tables;
    }

    /** Figures derived from format metadata, per group of matrix-vector configurations. */
    public static List<Table> derived(RunAnalysis a) {
        List<Table> tables = new ArrayList<>();
        List<Measurement> withMatrix = a.derived().stream().map(DerivedFigures::measurement).collect(Collectors.toList());
        for (AxisRoles group : AxisRoles.groups(withMatrix)) {
            Table.Builder t = new Table.Builder(fileName("derived", group), "Bandwidth, operations and the roof: " + group.name(),
                    "Bits per weight and bytes from the format's layout (scales included). GB/s = weight bytes ÷ mean time;"
                            + " GOPS = 2·M·K·N ÷ mean time; intensity = 2·M·K·N ÷ weight bytes; intervals map the "
                            + a.options().confidenceLabel() + " interval of the time. Roof: BandwidthBenchmark's read bandwidth at"
                            + " the same threads and JDK (best stream count); share of roof with a ratio interval over both"
                            + " benchmarks' forks. " + constantNote(group));
            axisColumns(t, group);
            t.column(Table.Column.number("bits per weight", "")).column(Table.Column.number("weights", "MB"))
                    .column(Table.Column.interval("effective bandwidth", "GB/s")).column(Table.Column.interval("throughput", "GOPS"))
                    .column(Table.Column.number("intensity", "op/B")).column(Table.Column.interval("roof", "GB/s"))
                    .column(Table.Column.interval("share of roof", "%"));
            for (DerivedFigures d : a.derived()) {
                if (!group.members().contains(d.measurement())) {
                    continue;
                }
                List<Object> cells = axisCells(group, d.measurement());
                cells.add(d.matrix().bitsPerWeight());
                cells.add(d.matrix().bytes() / 1e6);
                cells.add(d.gigabytesPerSecond());
                cells.add(d.gigaOpsPerSecond());
                cells.add(d.matrix().arithmeticIntensity());
                cells.add(d.roof().map(Roofline.Roof::gigabytesPerSecond).orElse(Interval.unknown(Double.NaN)));
                cells.add(d.roofFraction().map(f -> 100 * f));
                t.row(cells.toArray());
            }
            tables.add(t.build());
        }
        return tables;
    }

    /** The measured memory roofs. */
    public static List<Table> roofs(RunAnalysis a) {
        if (a.roofs().isEmpty()) {
            return List.of();
        }
        AxisRoles group = AxisRoles.groups(a.roofs().stream().map(Roofline.Roof::bandwidth).collect(Collectors.toList())).get(0);
        Table.Builder t = new Table.Builder("roofs", "Memory read bandwidth: " + group.name(),
                "512 MiB ÷ mean time per operation, with the " + a.options().confidenceLabel() + " interval of the time. "
                        + constantNote(group));
        axisColumns(t, group);
        t.column(Table.Column.interval("read bandwidth", "GB/s"));
        for (Roofline.Roof r : a.roofs()) {
            List<Object> cells = axisCells(group, r.bandwidth());
            cells.add(r.gigabytesPerSecond());
            t.row(cells.toArray());
        }
        return List.of(t.build());
    }

    /** Secondary metrics (e.g. -prof gc's B/op) with a t interval over fork means where the raw data allow. */
    public static List<Table> secondary(RunAnalysis a) {
        List<Table> tables = new ArrayList<>();
        Predicate<Measurement> hasSecondary = m -> !m.secondary().isEmpty();
        List<Measurement> with = a.run().measurements().stream().filter(hasSecondary).collect(Collectors.toList());
        for (AxisRoles group : AxisRoles.groups(with)) {
            Table.Builder t = new Table.Builder(fileName("secondary", group), "Secondary metrics: " + group.name(),
                    "JMH's secondary metrics (profilers). Mean of fork means with a " + a.options().confidenceLabel()
                            + " t interval where per-fork values exist (one fork: over its iterations); otherwise JMH's score. "
                            + constantNote(group));
            axisColumns(t, group);
            t.column(Table.Column.text("metric")).column(Table.Column.interval("mean", "")).column(Table.Column.text("unit"));
            for (Measurement m : group.members()) {
                for (SecondaryMetric metric : m.secondary().values()) {
                    List<Object> cells = axisCells(group, m);
                    cells.add(metric.name());
                    cells.add(secondaryInterval(metric, a.options().confidence()));
                    cells.add(metric.unit());
                    t.row(cells.toArray());
                }
            }
            tables.add(t.build());
        }
        return tables;
    }

    private static Interval secondaryInterval(SecondaryMetric metric, double confidence) {
        double[][] forks = Arrays.stream(metric.forks()).filter(f -> f.length > 0 && Arrays.stream(f).allMatch(Double::isFinite))
                .toArray(double[][]::new);
        if (forks.length == 0) {
            return Interval.unknown(metric.score());
        }
        double[] replicates = forks.length >= 2
                ? Arrays.stream(forks).mapToDouble(f -> Arrays.stream(f).average().orElse(Double.NaN)).toArray()
                : forks[0];
        return TInterval.of(replicates, confidence);
    }

    private static void axisColumns(Table.Builder t, AxisRoles group) {
        group.varyingAxes().forEach(x -> t.column(Table.Column.text(x)));
    }

    private static List<Object> axisCells(AxisRoles group, Measurement m) {
        Map<String, String> values = group.axesOf(m);
        return group.varyingAxes().stream().map(values::get).collect(Collectors.toCollection(ArrayList::new));
    }

    private static String iterationsLabel(Measurement m) {
        int[] lengths = Arrays.stream(m.forks()).mapToInt(f -> f.length).distinct().toArray();
        return lengths.length == 1 ? String.valueOf(lengths[0]) : Arrays.toString(lengths);
    }

    /** "All rows: jdk = 17.0.15, cold = true." for the axes with one value. */
    static String constantNote(AxisRoles group) {
        Map<String, String> constant = group.constantAxes();
        if (constant.isEmpty()) {
            return "";
        }
        return "All rows: " + constant.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining(", ")) + ".";
    }

    private static String fileName(String kind, AxisRoles group) {
        return kind + "-" + group.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }
}
