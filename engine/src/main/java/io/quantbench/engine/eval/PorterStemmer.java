package io.quantbench.engine.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The Porter stemmer exactly as NLTK's {@code nltk.stem.porter.PorterStemmer()} in its default
 * {@code NLTK_EXTENSIONS} mode, the stemmer both rouge-score and NLTK's METEOR use.
 *
 * <p>The algorithm is M. F. Porter, "An algorithm for suffix stripping", Program 14(3), 1980, 130–137,
 * with Martin Porter's later changes and NLTK's own: a table of irregular forms, words of one or two
 * characters left alone, {@code ies}/{@code ied} of four-letter words to {@code ie} ("dies" → "die"),
 * y → i only after a consonant that is not the first letter, {@code alli} handled before {@code bli},
 * {@code fulli} → {@code ful}, {@code logi} → {@code log} measuring the stem with its {@code l}, and the
 * *o condition also true for a two-letter vowel–consonant stem.
 *
 * <p>Words are sequences of code points (Python's string indexing); the input is lowercased first
 * ({@code stem(word, to_lowercase=True)}, NLTK's default). Rule lists follow NLTK's
 * {@code _apply_rule_list}: the first rule whose suffix matches decides, and if its condition fails the
 * word is left as it is — later rules of the list are not tried.
 */
public final class PorterStemmer {

    /** NLTK's irregular forms: each word maps to its stem and bypasses the algorithm. */
    private static final Map<String, String> IRREGULAR_FORMS = Map.ofEntries(
            Map.entry("sky", "sky"), Map.entry("skies", "sky"),
            Map.entry("dying", "die"), Map.entry("lying", "lie"), Map.entry("tying", "tie"),
            Map.entry("news", "news"),
            Map.entry("innings", "inning"), Map.entry("inning", "inning"),
            Map.entry("outings", "outing"), Map.entry("outing", "outing"),
            Map.entry("cannings", "canning"), Map.entry("canning", "canning"),
            Map.entry("howe", "howe"),
            Map.entry("proceed", "proceed"), Map.entry("exceed", "exceed"), Map.entry("succeed", "succeed"));

    /** NLTK's marker suffix for the *d condition (ends with a double consonant) in a rule list. */
    private static final String DOUBLE_CONSONANT = "*d";

    /** One rule of a step: replace {@code suffix} by {@code replacement} if {@code condition} holds for the stem. */
    private record Rule(String suffix, String replacement, Predicate<int[]> condition) {
    }

    /** The stem of {@code word}. */
    public String stem(String word) {
        String lowered = PythonText.lower(word);
        // NLTK looks the word up as given (so "Sky" is stemmed, "sky" is not) and returns the entry of the lowered word.
        if (IRREGULAR_FORMS.containsKey(word)) {
            return IRREGULAR_FORMS.get(lowered);
        }
        if (PythonText.length(word) <= 2) {
            return lowered;
        }
        int[] stem = lowered.codePoints().toArray();
        stem = step1a(stem);
        stem = step1b(stem);
        stem = step1c(stem);
        stem = step2(stem);
        stem = step3(stem);
        stem = step4(stem);
        stem = step5a(stem);
        stem = step5b(stem);
        return text(stem);
    }

    /** One step alone ("1a", "1b", "1c", "2", "3", "4", "5a", "5b"), for testing the paper's per-step examples. */
    String step(String name, String word) {
        int[] w = word.codePoints().toArray();
        int[] result = switch (name) {
            case "1a" -> step1a(w);
            case "1b" -> step1b(w);
            case "1c" -> step1c(w);
            case "2" -> step2(w);
            case "3" -> step3(w);
            case "4" -> step4(w);
            case "5a" -> step5a(w);
            case "5b" -> step5b(w);
            default -> throw new IllegalArgumentException("no Porter step " + name);
        };
        return text(result);
    }

    // ---- the steps ----

    /** Step 1a: plurals. SSES → SS, IES → I (NLTK: a four-letter -ies word → -ie), SS → SS, S → . */

    private int[] step1a(int[] word) {
        if (endsWith(word, "ies") && word.length == 4) {
            return replaceSuffix(word, "ies", "ie");
        }
        return applyRuleList(word, List.of(
                new Rule("sses", "ss", null),
                new Rule("ies", "i", null),
                new Rule("ss", "ss", null),
                new Rule("s", "", null)));
    }

    /**
     * Step 1b: -ed and -ing. (NLTK: -ied → -ie for four letters, else -i.) (m>0) EED → EE; (*v*) ED → ;
     * (*v*) ING → ; after the last two: AT → ATE, BL → BLE, IZ → IZE, a double consonant other than
     * l, s, z → single, (m=1 and *o) → +E.
     */

    private int[] step1b(int[] word) {
        if (endsWith(word, "ied")) {
            return replaceSuffix(word, "ied", word.length == 4 ? "ie" : "i");
        }
        if (endsWith(word, "eed")) {
            int[] stem = replaceSuffix(word, "eed", "");
            return measure(stem) > 0 ? append(stem, "ee") : word;
        }
        int[] intermediate = null;
        for (String suffix : new String[] {"ed", "ing"}) {
            if (endsWith(word, suffix)) {
                int[] candidate = replaceSuffix(word, suffix, "");
                if (containsVowel(candidate)) {
                    intermediate = candidate;
                    break;
                }
            }
        }
        if (intermediate == null) {
            return word;
        }
        int last = intermediate[intermediate.length - 1];
        return applyRuleList(intermediate, List.of(
                new Rule("at", "ate", null),
                new Rule("bl", "ble", null),
                new Rule("iz", "ize", null),
                new Rule(DOUBLE_CONSONANT, Character.toString(last), stem -> last != 'l' && last != 's' && last != 'z'),
                new Rule("", "e", stem -> measure(stem) == 1 && endsCvc(stem))));
    }

    /** Step 1c (NLTK): Y → I when the y follows a consonant that is not the first letter ("happy" → "happi", "enjoy" stays). */

    private int[] step1c(int[] word) {
        return applyRuleList(word, List.of(
                new Rule("y", "i", stem -> stem.length > 1 && isConsonant(stem, stem.length - 1))));
    }

    /** Step 2: double suffixes to single ones, all under (m>0). */

    private int[] step2(int[] word) {
        // NLTK applies ALLI -> AL first and, if it fires, runs step 2 again on the result.
        if (endsWith(word, "alli") && measure(replaceSuffix(word, "alli", "")) > 0) {
            return step2(replaceSuffix(word, "alli", "al"));
        }
        Predicate<int[]> positive = stem -> measure(stem) > 0;
        int[] whole = word;
        return applyRuleList(word, List.of(
                new Rule("ational", "ate", positive),
                new Rule("tional", "tion", positive),
                new Rule("enci", "ence", positive),
                new Rule("anci", "ance", positive),
                new Rule("izer", "ize", positive),
                new Rule("bli", "ble", positive),               // the paper has ABLI -> ABLE
                new Rule("alli", "al", positive),
                new Rule("entli", "ent", positive),
                new Rule("eli", "e", positive),
                new Rule("ousli", "ous", positive),
                new Rule("ization", "ize", positive),
                new Rule("ation", "ate", positive),
                new Rule("ator", "ate", positive),
                new Rule("alism", "al", positive),
                new Rule("iveness", "ive", positive),
                new Rule("fulness", "ful", positive),
                new Rule("ousness", "ous", positive),
                new Rule("aliti", "al", positive),
                new Rule("iviti", "ive", positive),
                new Rule("biliti", "ble", positive),
                new Rule("fulli", "ful", positive),
                // the l of -logi stays with the stem for the measure, so "geology" and "theology" stem alike
                new Rule("logi", "log", stem -> measure(Arrays.copyOf(whole, whole.length - 3)) > 0)));
    }

    /** Step 3: -ic-, -full, -ness and the like, under (m>0). */

    private int[] step3(int[] word) {
        Predicate<int[]> positive = stem -> measure(stem) > 0;
        return applyRuleList(word, List.of(
                new Rule("icate", "ic", positive),
                new Rule("ative", "", positive),
                new Rule("alize", "al", positive),
                new Rule("iciti", "ic", positive),
                new Rule("ical", "ic", positive),
                new Rule("ful", "", positive),
                new Rule("ness", "", positive)));
    }

    /** Step 4: remove -ant, -ence and the like under (m>1); -ion only after s or t. */

    private int[] step4(int[] word) {
        Predicate<int[]> aboveOne = stem -> measure(stem) > 1;
        return applyRuleList(word, List.of(
                new Rule("al", "", aboveOne),
                new Rule("ance", "", aboveOne),
                new Rule("ence", "", aboveOne),
                new Rule("er", "", aboveOne),
                new Rule("ic", "", aboveOne),
                new Rule("able", "", aboveOne),
                new Rule("ible", "", aboveOne),
                new Rule("ant", "", aboveOne),
                new Rule("ement", "", aboveOne),
                new Rule("ment", "", aboveOne),
                new Rule("ent", "", aboveOne),
                new Rule("ion", "", stem -> measure(stem) > 1 && stem.length > 0
                        && (stem[stem.length - 1] == 's' || stem[stem.length - 1] == 't')),
                new Rule("ou", "", aboveOne),
                new Rule("ism", "", aboveOne),
                new Rule("ate", "", aboveOne),
                new Rule("iti", "", aboveOne),
                new Rule("ous", "", aboveOne),
                new Rule("ive", "", aboveOne),
                new Rule("ize", "", aboveOne)));
    }

    /**
     * Step 5a: (m>1) E → ; (m=1 and not *o) E → . Both conditions are tried (NLTK notes the paper's
     * examples require it here, unlike in rule lists).
     */

    private int[] step5a(int[] word) {
        if (endsWith(word, "e")) {
            int[] stem = replaceSuffix(word, "e", "");
            if (measure(stem) > 1) {
                return stem;
            }
            if (measure(stem) == 1 && !endsCvc(stem)) {
                return stem;
            }
        }
        return word;
    }

    /** Step 5b: (m>1 and *d and *L) → single letter, the measure taken on the word less its last l. */

    private int[] step5b(int[] word) {
        int[] whole = word;
        return applyRuleList(word, List.of(
                new Rule("ll", "l", stem -> measure(Arrays.copyOf(whole, whole.length - 1)) > 1)));
    }

    // ---- NLTK's _apply_rule_list and the paper's conditions ----

    private int[] applyRuleList(int[] word, List<Rule> rules) {
        for (Rule rule : rules) {
            if (rule.suffix.equals(DOUBLE_CONSONANT) && endsDoubleConsonant(word)) {
                int[] stem = Arrays.copyOf(word, word.length - 2);
                return rule.condition == null || rule.condition.test(stem) ? append(stem, rule.replacement) : word;
            }
            // NLTK then also tries "*d" as a literal suffix, so a word ending in the two characters "*d" matches it
            if (endsWith(word, rule.suffix)) {
                int[] stem = replaceSuffix(word, rule.suffix, "");
                return rule.condition == null || rule.condition.test(stem) ? append(stem, rule.replacement) : word;
            }
        }
        return word;
    }

    /**
     * A consonant is a letter other than a, e, i, o, u, and other than a y preceded by a consonant
     * (a y at the start is a consonant). Any other character counts as a consonant, as in NLTK.
     * Iterative form of the paper's recursive definition: find where the run of y's ending at
     * {@code i} starts, and flip the answer once per y.
     */
    private static boolean isConsonant(int[] word, int i) {
        int start = i;
        while (start > 0 && word[start] == 'y') {
            start--;
        }
        boolean consonant = word[start] == 'y' || !isVowel(word[start]);
        for (int k = start + 1; k <= i; k++) {
            consonant = !consonant;
        }
        return consonant;
    }

    private static boolean isVowel(int c) {
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
    }

    /** The measure m of [C](VC)^m[V]: the number of vowel-to-consonant transitions. */
    private static int measure(int[] stem) {
        int m = 0;
        for (int i = 1; i < stem.length; i++) {
            if (!isConsonant(stem, i - 1) && isConsonant(stem, i)) {
                m++;
            }
        }
        return m;
    }

    /** *v*: the stem contains a vowel. */
    private static boolean containsVowel(int[] stem) {
        for (int i = 0; i < stem.length; i++) {
            if (!isConsonant(stem, i)) {
                return true;
            }
        }
        return false;
    }

    /** *d: the word ends with a double consonant. */
    private static boolean endsDoubleConsonant(int[] word) {
        int n = word.length;
        return n >= 2 && word[n - 1] == word[n - 2] && isConsonant(word, n - 1);
    }

    /** *o: the word ends consonant–vowel–consonant, the last not w, x or y; NLTK: or is exactly vowel–consonant. */
    private static boolean endsCvc(int[] word) {
        int n = word.length;
        if (n >= 3 && isConsonant(word, n - 3) && !isConsonant(word, n - 2) && isConsonant(word, n - 1)
                && word[n - 1] != 'w' && word[n - 1] != 'x' && word[n - 1] != 'y') {
            return true;
        }
        return n == 2 && !isConsonant(word, 0) && isConsonant(word, 1);
    }

    // ---- code-point string helpers ----

    private static String text(int[] codePoints) {
        return new String(codePoints, 0, codePoints.length);
    }

    private static boolean endsWith(int[] word, String suffix) {
        int offset = word.length - suffix.length();
        if (offset < 0) {
            return false;
        }
        for (int i = 0; i < suffix.length(); i++) {
            if (word[offset + i] != suffix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int[] replaceSuffix(int[] word, String suffix, String replacement) {
        return append(Arrays.copyOf(word, word.length - suffix.length()), replacement);
    }

    private static int[] append(int[] stem, String ending) {
        int[] result = Arrays.copyOf(stem, stem.length + ending.length());
        for (int i = 0; i < ending.length(); i++) {
            result[stem.length + i] = ending.charAt(i);
        }
        return result;
    }
}
