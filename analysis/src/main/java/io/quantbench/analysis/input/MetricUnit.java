package io.quantbench.analysis.input;

import java.util.Locale;
import java.util.Map;

/**
 * A JMH score unit such as {@code us/op} (time per operation: lower is better) or {@code ops/s}
 * (throughput: higher is better), read from the text JMH writes. Other units (a secondary metric's
 * {@code B/op}, {@code MB/sec}, {@code #}) are kept as text with no direction.
 */
public record MetricUnit(String text, Kind kind, double secondsPerTimeUnit) {

    public enum Kind { TIME_PER_OP, OPS_PER_TIME, OTHER }

    /** JMH's time unit abbreviations (TimeValue.tuToString) and the common spellings of microseconds. */
    private static final Map<String, Double> SECONDS = Map.of(
            "ns", 1e-9, "us", 1e-6, "µs", 1e-6, "μs", 1e-6, "ms", 1e-3, "s", 1.0, "sec", 1.0,
            "min", 60.0, "hr", 3600.0, "day", 86400.0);

    public static MetricUnit parse(String text) {
        String unit = text.trim();
        String[] parts = unit.split("/");
        if (parts.length == 2) {
            String numerator = parts[0].toLowerCase(Locale.ROOT);
            String denominator = parts[1].toLowerCase(Locale.ROOT);
            if (denominator.equals("op") && SECONDS.containsKey(numerator)) {
                return new MetricUnit(unit, Kind.TIME_PER_OP, SECONDS.get(numerator));
            }
            if (numerator.equals("ops") && SECONDS.containsKey(denominator)) {
                return new MetricUnit(unit, Kind.OPS_PER_TIME, SECONDS.get(denominator));
            }
        }
        return new MetricUnit(unit, Kind.OTHER, Double.NaN);
    }

    /** True for time per operation, where a smaller score is better. */
    public boolean lowerIsBetter() {
        return kind == Kind.TIME_PER_OP;
    }

    public boolean isTimeOrThroughput() {
        return kind != Kind.OTHER;
    }

    /** Seconds per operation for a score in this unit (NaN for units that are neither time nor throughput). */
    public double secondsPerOp(double score) {
        switch (kind) {
            case TIME_PER_OP:
                return score * secondsPerTimeUnit;
            case OPS_PER_TIME:
                return secondsPerTimeUnit / score;
            default:
                return Double.NaN;
        }
    }

    /** How a score in this unit reads in a sentence: "time per operation" or "throughput". */
    public String quantity() {
        switch (kind) {
            case TIME_PER_OP:
                return "time per operation";
            case OPS_PER_TIME:
                return "throughput";
            default:
                return "score";
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
