package io.quantbench.analysis.table;

import io.quantbench.analysis.stats.Interval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** How numbers are written in tables and the report: about four significant digits, "–" for unknown. */
public final class Numbers {

    public static final String UNKNOWN = "–";

    private Numbers() {
    }

    public static String format(double v) {
        if (Double.isNaN(v)) {
            return UNKNOWN;
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        double a = Math.abs(v);
        String text;
        if (a >= 1000 || a == 0) {
            text = String.format(Locale.ROOT, "%.0f", v);
        } else if (a >= 100) {
            text = String.format(Locale.ROOT, "%.1f", v);
        } else if (a >= 10) {
            text = String.format(Locale.ROOT, "%.2f", v);
        } else if (a >= 1) {
            text = String.format(Locale.ROOT, "%.3f", v);
        } else {
            text = String.format(Locale.ROOT, "%.3g", v);
        }
        return text.startsWith("-") ? "−" + text.substring(1) : text;
    }

    /** Three significant digits, for labels inside plots where space is short: 20.98 -> "21.0", 0.01452 -> "0.0145". */
    public static String compact(double v) {
        if (!Double.isFinite(v)) {
            return format(v);
        }
        String text = new BigDecimal(v).round(new java.math.MathContext(3)).toPlainString();
        return text.startsWith("-") ? "−" + text.substring(1) : text;
    }

    /** {@code estimate [low, high]}, or just the estimate when the interval is unknown. */
    public static String interval(Interval i) {
        if (Double.isNaN(i.low()) || Double.isNaN(i.high())) {
            return format(i.estimate());
        }
        return format(i.estimate()) + " [" + format(i.low()) + ", " + format(i.high()) + "]";
    }

    /** A p-value: three decimals, or "&lt; 0.001". */
    public static String p(double p) {
        if (Double.isNaN(p)) {
            return UNKNOWN;
        }
        return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    /** A share as a percentage with at most two decimals and no trailing zeros: 0.05 -> "5 %". */
    public static String percent(double share) {
        return Double.isNaN(share) ? UNKNOWN : plain(100 * share) + " %";
    }

    /** A signed change with one decimal: +2.6 %, −0.4 %, and +0.0 % rather than "−0.0 %" for tiny negatives. */
    public static String signedPercent(double share) {
        if (Double.isNaN(share)) {
            return UNKNOWN;
        }
        double rounded = Math.round(1000 * share) / 10.0;
        String text = String.format(Locale.ROOT, "%+.1f %%", rounded == 0 ? 0.0 : rounded);
        return text.startsWith("-") ? "−" + text.substring(1) : text;
    }

    /** A setting such as a margin or α as written by hand: at most two decimals, no trailing zeros (0.05, 1.05). */
    public static String plain(double v) {
        return new BigDecimal(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
