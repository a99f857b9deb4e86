package io.quantbench.engine.eval;

import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * sacreBLEU's tokenizers (mjpost/sacrebleu, {@code sacrebleu/tokenizers/}). Each maps a detokenized
 * line to a line of space-separated tokens; BLEU then splits it on whitespace.
 */
public enum BleuTokenizer {

    /**
     * {@code tokenizer_13a.py} + {@code tokenizer_re.py}: mteval-v13a, the WMT standard. Unescapes four
     * XML entities, pads the line with spaces, then separates ASCII punctuation and symbols, and periods
     * and commas except inside numbers, and a dash after a digit.
     */
    THIRTEEN_A("13a") {
        @Override
        public String tokenize(String line) {
            String s = line.replace("<skipped>", "")
                    .replace("-\n", "")
                    .replace("\n", " ")
                    .replace("&quot;", "\"")
                    .replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">");
            s = " " + s + " ";
            s = ASCII_SYMBOL.matcher(s).replaceAll(" $1 ");
            s = PERIOD_COMMA_AFTER_NON_DIGIT.matcher(s).replaceAll("$1 $2 ");
            s = PERIOD_COMMA_BEFORE_NON_DIGIT.matcher(s).replaceAll(" $1 $2");
            s = DASH_AFTER_DIGIT.matcher(s).replaceAll("$1 $2 ");
            return String.join(" ", PythonText.split(s));
        }
    },

    /** {@code tokenizer_none.py}: the line as it is (tokens are its whitespace-separated words). */
    NONE("none") {
        @Override
        public String tokenize(String line) {
            return line;
        }
    },

    /** {@code tokenizer_char.py}: every character (code point) is a token; whitespace characters vanish in the split. */
    CHAR("char") {
        @Override
        public String tokenize(String line) {
            return line.codePoints().mapToObj(Character::toString).collect(Collectors.joining(" "));
        }
    },

    /**
     * {@code tokenizer_intl.py}: mteval-v14's international tokenization. Unicode punctuation is split
     * off unless it sits between digits; Unicode symbols are always split off. Unlike 13a the line is
     * not padded, so a number followed by a final period keeps it (a quirk of mteval-v14 that sacreBLEU
     * keeps on purpose).
     */
    INTL("intl") {
        @Override
        public String tokenize(String line) {
            String s = PUNCTUATION_AFTER_NON_NUMBER.matcher(line).replaceAll("$1 $2 ");
            s = PUNCTUATION_BEFORE_NON_NUMBER.matcher(s).replaceAll(" $1 $2");
            s = SYMBOL.matcher(s).replaceAll(" $1 ");
            return String.join(" ", PythonText.split(s));
        }
    };

    // 13a: the character class of tokenizer_re.py, ranges {-~ [-` space-& (-+ :-@ and /.
    private static final Pattern ASCII_SYMBOL = Pattern.compile("([\\{-\\~\\[-\\` -\\&\\(-\\+\\:-\\@\\/])");
    private static final Pattern PERIOD_COMMA_AFTER_NON_DIGIT = Pattern.compile("([^0-9])([\\.,])");
    private static final Pattern PERIOD_COMMA_BEFORE_NON_DIGIT = Pattern.compile("([\\.,])([^0-9])");
    private static final Pattern DASH_AFTER_DIGIT = Pattern.compile("([0-9])(-)");
    // intl: Unicode general categories, as the Python `regex` module's \p{N}, \p{P}, \p{S}.
    private static final Pattern PUNCTUATION_AFTER_NON_NUMBER = Pattern.compile("(\\P{N})(\\p{P})");
    private static final Pattern PUNCTUATION_BEFORE_NON_NUMBER = Pattern.compile("(\\p{P})(\\P{N})");
    private static final Pattern SYMBOL = Pattern.compile("(\\p{S})");

    private final String sacrebleuName;

    BleuTokenizer(String sacrebleuName) {
        this.sacrebleuName = sacrebleuName;
    }

    /** The line as space-separated tokens. */
    public abstract String tokenize(String line);

    /** The name sacreBLEU uses ({@code --tokenize} value and signature field). */
    public String sacrebleuName() {
        return sacrebleuName;
    }

    /** The valid names, for error messages. */
    public static String validNames() {
        return NamedChoices.names(values(), BleuTokenizer::sacrebleuName);
    }

    /** The value sacreBLEU calls {@code name}. */
    public static BleuTokenizer byName(String name) {
        return NamedChoices.byName(values(), BleuTokenizer::sacrebleuName, name, "BLEU tokenizer");
    }
}
