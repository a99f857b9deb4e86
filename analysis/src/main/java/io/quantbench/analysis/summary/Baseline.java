package io.quantbench.analysis.summary;

/**
 * The reference of the speedups: the configuration with {@code axis = value}, everything else equal.
 * Written {@code F32} (a value of the {@code format} axis, the default) or {@code name=value} for any
 * axis: a {@code @Param} ({@code threads=1}, {@code cold=false}) or {@code jdk} (the JVM).
 */
public record Baseline(String axis, String value) {

    public static final String FORMAT_AXIS = "format";

    public static Baseline parse(String text) {
        String trimmed = text.trim();
        int equals = trimmed.indexOf('=');
        if (equals < 0) {
            return new Baseline(FORMAT_AXIS, trimmed);
        }
        String axis = trimmed.substring(0, equals).trim();
        String value = trimmed.substring(equals + 1).trim();
        if (axis.isEmpty() || value.isEmpty()) {
            throw new IllegalArgumentException("baseline '" + text + "' must be a format name (e.g. F32) or name=value (e.g. threads=1)");
        }
        return new Baseline(axis, value);
    }

    @Override
    public String toString() {
        return axis.equals(FORMAT_AXIS) ? value : axis + "=" + value;
    }
}
