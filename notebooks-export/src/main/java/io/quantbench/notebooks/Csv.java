package io.quantbench.notebooks;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CSV that {@code pandas.read_csv(path)} reads right with no options, and so do R, spreadsheets and
 * Python's {@code csv} module. The conventions, in one place:
 * <ul>
 *   <li>UTF-8 without a byte-order mark; one header row of unique names; every row as many fields as
 *       the header; lines end with {@code \n};</li>
 *   <li>fields with a comma, a double quote or a line break are quoted, quotes doubled (RFC 4180);</li>
 *   <li>numbers in plain decimal with a '.' point: no exponent, no thousands separator, no locale (the
 *       shortest digits that read back as the same double);</li>
 *   <li>a missing or not-a-number value is an empty field, which read_csv turns into NaN by default;
 *       infinities are {@code inf} and {@code -inf}, which read_csv and Python's float() read;</li>
 *   <li>times in ISO-8601, UTC, e.g. {@code 2026-11-23T06:00:00Z} ({@code pd.to_datetime} reads them).</li>
 * </ul>
 */
final class Csv {

    private final int columns;
    private final StringBuilder text = new StringBuilder();

    Csv(List<String> header) {
        Set<String> seen = new HashSet<>();
        for (String name : header) {
            if (name.isEmpty() || !seen.add(name)) {
                throw new IllegalArgumentException("CSV header names must be unique and non-empty: " + header);
            }
        }
        columns = header.size();
        line(header);
    }

    /** One row: {@code null} for missing, a {@link Number}, an {@link Instant}, or text. */
    void row(List<?> values) {
        if (values.size() != columns) {
            throw new IllegalArgumentException("a row of " + values.size() + " fields under a header of " + columns);
        }
        line(values);
    }

    /** The column lists joined, e.g. the fixed leading columns, the params', the fixed trailing ones. */
    @SafeVarargs
    static List<String> columns(List<String>... parts) {
        return Arrays.stream(parts).flatMap(List::stream).collect(Collectors.toUnmodifiableList());
    }

    String text() {
        return text.toString();
    }

    private void line(List<?> values) {
        text.append(values.stream().map(Csv::field).collect(Collectors.joining(","))).append('\n');
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double || value instanceof Float) {
            return number(((Number) value).doubleValue());
        }
        if (value instanceof Number) {
            return value.toString();                      // Integer, Long: digits only
        }
        if (value instanceof Instant) {
            return DateTimeFormatter.ISO_INSTANT.format((Instant) value);
        }
        String s = value.toString();
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    /** Plain decimal: 1.0E-5 is written 0.00001, 5.36870912E8 is written 536870912. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return new BigDecimal(Double.toString(v)).toPlainString();
    }
}
