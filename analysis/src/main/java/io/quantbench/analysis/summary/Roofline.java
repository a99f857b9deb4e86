package io.quantbench.analysis.summary;

import io.quantbench.analysis.AnalysisOptions;
import io.quantbench.analysis.input.Measurement;
import io.quantbench.analysis.stats.Interval;
import io.quantbench.engine.format.WeightFormat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The memory roof and what each matrix-vector configuration reaches of it (STATISTICS.md §7).
 *
 * <p>A decode matvec reads every weight once per call, so its effective bandwidth is the matrix's bytes
 * (as its format stores them, scales included: {@link WeightFormat#storageBytes}) divided by the time
 * per call, and its roof is the read bandwidth {@code BandwidthBenchmark} measured in the same run at
 * the same thread count and JDK: the best over its {@code streams} values. Work is {@code 2·M·K·N}
 * operations (N = {@code tokens}, 1 for decode), so the arithmetic intensity of the weights is
 * {@code 2MKN / bytes} operations per byte and the roofline bound is intensity × bandwidth.
 */
public final class Roofline {

    /**
     * Bytes one {@code BandwidthBenchmark} operation reads: 512 MiB (jmh module,
     * {@code BandwidthBenchmark.BYTES}; the analysis cannot depend on the jmh module, and a test there
     * checks the two agree).
     */
    public static final long BANDWIDTH_BYTES_PER_OP = 512L << 20;

    static final String BANDWIDTH_CLASS = "BandwidthBenchmark";

    private Roofline() {
    }

    /** A measured memory roof. */
    public record Roof(Measurement bandwidth, Interval gigabytesPerSecond) {
    }

    /** A weight matrix of a known format and shape, from a benchmark's {@code format} and {@code shape} params. */
    public record Matrix(WeightFormat format, int rows, int cols, int tokens) {

        public long bytes() {
            return format.storageBytes(rows, cols);
        }

        public double operations() {
            return 2.0 * rows * cols * tokens;
        }

        /** Operations per byte of weights. */
        public double arithmeticIntensity() {
            return operations() / bytes();
        }

        public double bitsPerWeight() {
            return format.bitsPerWeight(rows, cols);
        }
    }

    public static boolean isBandwidth(Measurement m) {
        return m.shortName().startsWith(BANDWIDTH_CLASS + ".");
    }

    /** The matrix a measurement multiplies, when its params say (format and {@code MxK} shape; tokens default 1). */
    public static Optional<Matrix> matrixOf(Measurement m) {
        String format = m.params().get(Baseline.FORMAT_AXIS);
        String shape = m.params().get("shape");
        if (format == null || shape == null) {
            return Optional.empty();
        }
        String[] dims = shape.trim().toLowerCase(Locale.ROOT).split("x");
        try {
            WeightFormat weightFormat = WeightFormat.parse(format);
            int tokens = Integer.parseInt(m.params().getOrDefault("tokens", "1").trim());
            if (dims.length != 2) {
                return Optional.empty();
            }
            return Optional.of(new Matrix(weightFormat, Integer.parseInt(dims[0]), Integer.parseInt(dims[1]), tokens));
        } catch (IllegalArgumentException e) {
            return Optional.empty();                  // a format without metadata (yet), or a shape that is not MxK
        }
    }

    /** The read bandwidth of every BandwidthBenchmark configuration. */
    public static List<Roof> roofs(List<BenchmarkSummary> summaries) {
        return summaries.stream().filter(s -> isBandwidth(s.measurement()))
                .map(s -> new Roof(s.measurement(), perSecond(s, BANDWIDTH_BYTES_PER_OP / 1e9)))
                .collect(Collectors.toList());
    }

    /** The roof for a configuration: the best bandwidth at the same thread count and JDK. */
    public static Optional<Roof> roofFor(Measurement m, List<Roof> roofs) {
        return roofs.stream()
                .filter(r -> Objects.equals(threads(r.bandwidth()), threads(m))
                        && r.bandwidth().jvm().label().equals(m.jvm().label()))
                .max(Comparator.comparingDouble(r -> r.gigabytesPerSecond().estimate()));
    }

    private static String threads(Measurement m) {
        return m.params().getOrDefault("threads", String.valueOf(m.settings().threads()));
    }

    /** Effective bandwidth, operations and roof fraction of one configuration. */
    public static DerivedFigures derive(BenchmarkSummary summary, Matrix matrix, Optional<Roof> roof,
                                        AnalysisOptions options) {
        Interval gbps = perSecond(summary, matrix.bytes() / 1e9);
        Interval gops = perSecond(summary, matrix.operations() / 1e9);
        Interval fraction = Interval.unknown(Double.NaN);
        if (roof.isPresent()) {
            // f = (Q/t) / (B/t_bw) = (Q/B) · (t_bw/t): a ratio of times, so the ratio intervals apply.
            Measurement m = summary.measurement();
            Measurement bw = roof.get().bandwidth();
            double[] bandwidthSeconds = Arrays.stream(BenchmarkSummary.replicatesOf(bw)).map(bw.unit()::secondsPerOp).toArray();
            double[] matvecSeconds = Arrays.stream(summary.replicates()).map(m.unit()::secondsPerOp).toArray();
            double scale = (double) matrix.bytes() / BANDWIDTH_BYTES_PER_OP;
            if (bandwidthSeconds.length > 0 && matvecSeconds.length > 0) {
                fraction = options.ratioMethod().interval(bandwidthSeconds, matvecSeconds, options.confidence(),
                        options.resamples(), Seeds.random(options, m, bw)).map(r -> r * scale);
            }
        }
        return new DerivedFigures(summary.measurement(), matrix, gbps, gops, roof, fraction);
    }

    /**
     * {@code amount} (e.g. gigabytes) per second, from the mean time per operation and its interval; for
     * throughput units the same through {@link io.quantbench.analysis.input.MetricUnit#secondsPerOp}.
     */
    static Interval perSecond(BenchmarkSummary summary, double amountPerOp) {
        var unit = summary.measurement().unit();
        Interval mean = summary.mean();
        double estimate = amountPerOp / unit.secondsPerOp(mean.estimate());
        if (!mean.isBounded()) {
            return Interval.unknown(estimate);
        }
        double a = rate(amountPerOp, unit.secondsPerOp(mean.low()));
        double b = rate(amountPerOp, unit.secondsPerOp(mean.high()));
        return new Interval(estimate, Math.min(a, b), Math.max(a, b));
    }

    /**
     * amount ÷ seconds, where a time bound at or below zero (a t interval of very noisy forks can reach
     * there) means no upper limit on the rate.
     */
    private static double rate(double amount, double seconds) {
        return seconds > 0 ? amount / seconds : Double.POSITIVE_INFINITY;
    }
}
