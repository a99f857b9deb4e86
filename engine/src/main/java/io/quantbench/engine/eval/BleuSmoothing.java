package io.quantbench.engine.eval;


/**
 * sacreBLEU's smoothing methods for zero n-gram matches ({@code BLEU.SMOOTH_DEFAULTS} and
 * {@code compute_bleu} in {@code sacrebleu/metrics/bleu.py}), after Chen and Cherry, "A Systematic
 * Comparison of Smoothing Techniques for Sentence-Level BLEU", WMT 2014.
 */
public enum BleuSmoothing {

    /** No smoothing: a zero precision makes BLEU zero. */
    NONE("none", null),
    /** Method 1: a zero count is replaced by {@code smooth_value} (default 0.1). */
    FLOOR("floor", 0.1),
    /** Method 2: {@code smooth_value} (default 1) is added to the matches and totals of orders 2 and up. */
    ADD_K("add-k", 1.0),
    /** Method 3, mteval-v13a's NIST smoothing: the k-th zero precision becomes 1 / (2^k · total). The default. */
    EXP("exp", null);

    private final String sacrebleuName;
    private final Double defaultValue;

    BleuSmoothing(String sacrebleuName, Double defaultValue) {
        this.sacrebleuName = sacrebleuName;
        this.defaultValue = defaultValue;
    }

    /** The name sacreBLEU uses ({@code --smooth-method} value and signature field). */
    public String sacrebleuName() {
        return sacrebleuName;
    }

    /** Whether the method takes a value ({@code floor}, {@code add-k}). */
    public boolean takesValue() {
        return defaultValue != null;
    }

    /** {@code value} when given, else the method's default (null for methods without a value). */
    public Double valueOrDefault(Double value) {
        return value != null ? value : defaultValue;
    }

    /** The valid names, for error messages. */
    public static String validNames() {
        return NamedChoices.names(values(), BleuSmoothing::sacrebleuName);
    }

    /** The value sacreBLEU calls {@code name}. */
    public static BleuSmoothing byName(String name) {
        return NamedChoices.byName(values(), BleuSmoothing::sacrebleuName, name, "BLEU smoothing method");
    }
}
