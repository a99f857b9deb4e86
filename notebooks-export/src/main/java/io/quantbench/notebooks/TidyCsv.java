package io.quantbench.notebooks;

import io.quantbench.analysis.input.Measurement;
import io.quantbench.analysis.input.SecondaryMetric;
import io.quantbench.analysis.summary.Roofline;
import io.quantbench.analysis.summary.RunAnalysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * {@code tidy.csv}: every measured value, one row each (Wickham's tidy data: one observation per row, one
 * variable per column), so that a pandas {@code groupby} answers any question without reshaping.
 *
 * <p>A row is one iteration of one fork of one benchmark configuration in one run, for the primary
 * metric (the score) or a secondary one ({@code -prof gc}'s {@code gc.alloc.rate.norm}, ...). Columns:
 * <ul>
 *   <li>{@code run}, {@code run_started}, {@code device}, {@code cpu}: which run ({@link RunFacts});</li>
 *   <li>{@code jdk}: the JVM's version as JMH recorded it; {@code benchmark}: JMH's full name; {@code mode};</li>
 *   <li>then one column per {@code @Param} ({@link ParamColumns}), empty where a benchmark has no such param;</li>
 *   <li>{@code metric}: {@code primary} or the secondary metric's name; {@code fork} and {@code iteration},
 *       both counted from 1 as JMH prints them (a metric measured once per fork has iteration 1 only;
 *       in sample mode an iteration's value is the mean of its histogram);</li>
 *   <li>{@code value} in {@code unit}; {@code seconds_per_op}: the primary value as seconds per operation
 *       whether the unit is a time or a throughput (empty for other units);</li>
 *   <li>{@code bytes_per_op}: bytes one operation reads: the weight matrix in its format, scales included,
 *       for a benchmark with {@code format} and {@code shape} params, 512 MiB for BandwidthBenchmark;
 *       {@code flops_per_op}: 2·M·K·N arithmetic operations of a matrix-vector benchmark. Both come from the
 *       formats' metadata, as the report's roofline does, and are empty for other benchmarks.</li>
 * </ul>
 */
final class TidyCsv {

    static final String FILE_NAME = "tidy.csv";
    static final String PRIMARY = "primary";

    private static final List<String> LEADING = List.of("run", "run_started", "device", "cpu", "jdk", "benchmark", "mode");
    private static final List<String> TRAILING = List.of("metric", "fork", "iteration", "value", "unit", "seconds_per_op",
            "bytes_per_op", "flops_per_op");
    static final List<String> FIXED_COLUMNS = Csv.columns(LEADING, TRAILING);

    private TidyCsv() {
    }

    static String text(List<RunAnalysis> analyses, ParamColumns params) {
        Csv csv = new Csv(Csv.columns(LEADING, params.columns(), TRAILING));
        for (RunAnalysis a : analyses) {
            RunFacts facts = RunFacts.of(a.run());
            for (Measurement m : a.run().measurements()) {
                List<Object> configuration = new ArrayList<>(Arrays.asList(a.run().name(), facts.started(), facts.device(),
                        facts.cpu(), m.jvm().label(), m.benchmark(), m.mode()));
                configuration.addAll(params.values(m));
                Long bytes = bytesPerOp(m);
                Long flops = flopsPerOp(m);
                Metric primary = new Metric(PRIMARY, m.unit().text(), m.forks(), m.unit()::secondsPerOp);
                primary.rows(csv, configuration, bytes, flops);
                for (SecondaryMetric s : m.secondary().values()) {
                    new Metric(s.name(), s.unit(), s.forks(), v -> Double.NaN).rows(csv, configuration, bytes, flops);
                }
            }
        }
        return csv.text();
    }

    /** Bytes one operation reads, as the report's roofline counts them; null for benchmarks it knows nothing of. */
    static Long bytesPerOp(Measurement m) {
        if (Roofline.isBandwidth(m)) {
            return Roofline.BANDWIDTH_BYTES_PER_OP;
        }
        return Roofline.matrixOf(m).map(Roofline.Matrix::bytes).orElse(null);
    }

    /** 2·M·K·N for a matrix benchmark; null for others. */
    static Long flopsPerOp(Measurement m) {
        return Roofline.matrixOf(m).map(x -> (long) x.operations()).orElse(null);
    }

    /** One metric's values of one configuration, [fork][iteration]. */
    private record Metric(String name, String unit, double[][] forks, DoubleUnaryOperator secondsPerOp) {

        void rows(Csv csv, List<Object> configuration, Long bytes, Long flops) {
            for (int f = 0; f < forks.length; f++) {
                for (int i = 0; i < forks[f].length; i++) {
                    double value = forks[f][i];
                    List<Object> row = new ArrayList<>(configuration);
                    row.addAll(Arrays.asList(name, f + 1, i + 1, value, unit, secondsPerOp.applyAsDouble(value), bytes, flops));
                    csv.row(row);
                }
            }
        }
    }
}
