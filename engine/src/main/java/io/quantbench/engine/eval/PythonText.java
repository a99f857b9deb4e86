package io.quantbench.engine.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The few Python {@code str} operations the reference implementations (sacreBLEU, rouge-score, NLTK)
 * lean on, with Python's exact semantics rather than Java's near equivalents.
 *
 * <ul>
 *   <li>Whitespace: Python's {@code str.split()} / {@code strip()} treat U+0085, U+00A0, U+2007 and
 *       U+202F as whitespace; {@link Character#isWhitespace} does not.</li>
 *   <li>Fixed-point formatting: Python's {@code f"{x:.2f}"} rounds the exact binary value half to
 *       even ({@code 0.125 -> "0.12"}); {@code String.format} rounds the shortest decimal half up
 *       ({@code "0.13"}). sacreBLEU's printed scores are Python's.</li>
 *   <li>Characters are code points, as Python indexes strings, not UTF-16 units.</li>
 * </ul>
 */
public final class PythonText {

    private PythonText() {
    }

    /** Python's {@code ch.isspace()} for one code point. */
    public static boolean isWhitespace(int codePoint) {
        return Character.isWhitespace(codePoint)
                || codePoint == 0x85 || codePoint == 0xA0 || codePoint == 0x2007 || codePoint == 0x202F;
    }

    /** Python's {@code s.split()}: the maximal runs of non-whitespace, no empty strings. */
    public static List<String> split(String s) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && isWhitespace(s.codePointAt(i))) {
                i += Character.charCount(s.codePointAt(i));
            }
            int start = i;
            while (i < n && !isWhitespace(s.codePointAt(i))) {
                i += Character.charCount(s.codePointAt(i));
            }
            if (i > start) {
                words.add(s.substring(start, i));
            }
        }
        return words;
    }

    /** Python's {@code s.rstrip()}. */
    public static String rstrip(String s) {
        int end = s.length();
        while (end > 0 && isWhitespace(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(0, end);
    }

    /** Python's {@code s.strip()}. */
    public static String strip(String s) {
        String right = rstrip(s);
        int start = 0;
        while (start < right.length() && isWhitespace(right.codePointAt(start))) {
            start += Character.charCount(right.codePointAt(start));
        }
        return right.substring(start);
    }

    /** Python's {@code s.lower()} (full Unicode case mapping, locale-independent). */
    public static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Python's {@code len(s)}: the number of code points. */
    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Python's {@code f"{value:.{digits}f}"}: the exact binary value rounded half to even. */
    public static String fixed(double value, int digits) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String magnitude = new BigDecimal(Math.abs(value)).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
        boolean negative = value < 0 || (value == 0 && 1 / value < 0);   // Python keeps the sign of -0.0
        return negative ? "-" + magnitude : magnitude;
    }
}
