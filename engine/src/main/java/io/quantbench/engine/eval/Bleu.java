package io.quantbench.engine.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * BLEU exactly as sacreBLEU 2.x computes it ({@code sacrebleu/metrics/bleu.py}, {@code metrics/base.py},
 * {@code metrics/helpers.py} in mjpost/sacrebleu), on the 0–100 scale.
 *
 * <p>The computation, per segment: lowercase (optional), strip trailing whitespace, tokenize, split on
 * whitespace; count the hypothesis n-grams of orders 1..max and clip each by its largest count in any one
 * reference; take as reference length the reference length closest to the hypothesis length (the shorter
 * on a tie). The corpus score sums these statistics over segments, then computes the brevity penalty
 * {@code exp(1 - r/h)} (when {@code h < r}; 0 when {@code h = 0}) and the geometric mean of the smoothed
 * precisions. A sentence score is the corpus score of a one-segment corpus.
 *
 * <p>Defaults follow sacreBLEU's {@code BLEU()}: tokenizer 13a, smoothing exp, case kept, max order 4, no
 * effective order. sacreBLEU's command line turns effective order on for sentence-level BLEU
 * ({@code --sentence-level}); {@link #sentenceDefaults()} does the same. With effective order, orders
 * whose hypothesis n-gram total is zero are left out of the mean instead of counting as zero precision,
 * so short sentences are not zeroed.
 */
public final class Bleu {

    /** sacreBLEU's {@code MAX_NGRAM_ORDER}. */
    public static final int DEFAULT_MAX_ORDER = 4;
    /** sacreBLEU's {@code my_log(0)}: a floor instead of minus infinity. */
    private static final double LOG_OF_ZERO = -9999999999.0;

    private final BleuTokenizer tokenizer;
    private final BleuSmoothing smoothing;
    private final Double smoothValue;
    private final boolean lowercase;
    private final int maxOrder;
    private final boolean effectiveOrder;

    private Bleu(Builder builder) {
        this.tokenizer = builder.tokenizer;
        this.smoothing = builder.smoothing;
        this.smoothValue = builder.smoothValue;
        this.lowercase = builder.lowercase;
        this.maxOrder = builder.maxOrder;
        this.effectiveOrder = builder.effectiveOrder;
    }

    /** sacreBLEU's {@code BLEU()} defaults: 13a, exp, mixed case, max order 4, no effective order. */
    public static Builder builder() {
        return new Builder();
    }

    /** sacreBLEU's corpus-level defaults. */
    public static Bleu corpusDefaults() {
        return builder().build();
    }

    /** sacreBLEU's sentence-level defaults (its command line's {@code --sentence-level}): effective order on. */
    public static Bleu sentenceDefaults() {
        return builder().effectiveOrder(true).build();
    }

    /**
     * Corpus BLEU of {@code hypotheses} against reference streams: {@code referenceStreams.get(k).get(i)}
     * is the k-th reference of hypothesis i. An empty reference is left out for its segment (sacreBLEU's
     * variable number of references); a segment whose references are all empty is an error.
     */
    public BleuScore corpusScore(List<String> hypotheses, List<List<String>> referenceStreams) {
        checkStreams(hypotheses, referenceStreams);
        long hypothesisLength = 0;
        long referenceLength = 0;
        long[] correct = new long[maxOrder];
        long[] total = new long[maxOrder];
        for (int i = 0; i < hypotheses.size(); i++) {
            List<String> hypothesisTokens = tokens(hypotheses.get(i));
            List<List<String>> referenceTokens = new ArrayList<>();
            for (String reference : segmentReferences(referenceStreams, i)) {
                referenceTokens.add(tokens(reference));
            }
            hypothesisLength += hypothesisTokens.size();
            referenceLength += closestReferenceLength(hypothesisTokens.size(), referenceTokens);
            Map<String, Integer> referenceCounts = maxReferenceCounts(referenceTokens);
            for (Map.Entry<String, int[]> entry : ngramCounts(hypothesisTokens).entrySet()) {
                int order = entry.getValue()[0];
                int count = entry.getValue()[1];
                total[order - 1] += count;
                correct[order - 1] += Math.min(count, referenceCounts.getOrDefault(entry.getKey(), 0));
            }
        }
        return compute(toDoubles(correct), toDoubles(total), hypothesisLength, referenceLength,
                smoothing, smoothValue, effectiveOrder, maxOrder);
    }

    /** Sentence BLEU of one hypothesis against its references (a one-segment corpus, as sacreBLEU). */
    public BleuScore sentenceScore(String hypothesis, List<String> references) {
        List<List<String>> streams = new ArrayList<>();
        for (String reference : references) {
            streams.add(List.of(reference));
        }
        return corpusScore(List.of(hypothesis), streams);
    }

    /**
     * BLEU from its sufficient statistics ({@code BLEU.compute_bleu}). {@code smoothValue} null means the
     * method's default. The arrays are not modified.
     */
    public static BleuScore compute(double[] correct, double[] total, long hypothesisLength, long referenceLength,
                                    BleuSmoothing smoothing, Double smoothValue, boolean effectiveOrder, int maxOrder) {
        double[] counts = correct.clone();
        double[] totals = total.clone();
        Double value = smoothing.valueOrDefault(smoothValue);
        double brevityPenalty = hypothesisLength >= referenceLength ? 1.0
                : hypothesisLength > 0 ? Math.exp(1 - (double) referenceLength / hypothesisLength) : 0.0;
        double[] precisions = new double[maxOrder];
        boolean anyMatch = false;
        for (double c : counts) {
            anyMatch |= c != 0;
        }
        if (!anyMatch) {
            // sacreBLEU stops early (its issue #141): no match at any order is BLEU 0, whatever the smoothing.
            return new BleuScore(0.0, counts, totals, precisions, brevityPenalty, hypothesisLength, referenceLength);
        }
        double mtevalDivisor = 1.0;
        int orders = maxOrder;
        for (int n = 1; n <= maxOrder; n++) {
            if (smoothing == BleuSmoothing.ADD_K && n > 1) {
                counts[n - 1] += value;
                totals[n - 1] += value;
            }
            if (totals[n - 1] == 0) {
                break;                      // no hypothesis n-grams of this order or any higher
            }
            if (effectiveOrder) {
                orders = n;
            }
            if (counts[n - 1] == 0) {
                if (smoothing == BleuSmoothing.EXP) {
                    mtevalDivisor *= 2;
                    precisions[n - 1] = 100.0 / (mtevalDivisor * totals[n - 1]);
                } else if (smoothing == BleuSmoothing.FLOOR) {
                    precisions[n - 1] = 100.0 * value / totals[n - 1];
                }
            } else {
                precisions[n - 1] = 100.0 * counts[n - 1] / totals[n - 1];
            }
        }
        double logSum = 0;
        for (int n = 0; n < orders; n++) {
            logSum += precisions[n] == 0.0 ? LOG_OF_ZERO : Math.log(precisions[n]);
        }
        double score = brevityPenalty * Math.exp(logSum / orders);
        return new BleuScore(score, counts, totals, precisions, brevityPenalty, hypothesisLength, referenceLength);
    }

    /**
     * sacreBLEU's signature without the version field, e.g. {@code nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp};
     * nrefs is {@code var} when segments have different numbers of non-empty references.
     */
    public String signature(List<List<String>> referenceStreams) {
        TreeSet<Integer> referenceCounts = new TreeSet<>();
        int segments = referenceStreams.isEmpty() ? 0 : referenceStreams.get(0).size();
        for (int i = 0; i < segments; i++) {
            referenceCounts.add(segmentReferences(referenceStreams, i).size());
        }
        String references = referenceCounts.size() == 1 ? String.valueOf(referenceCounts.first()) : "var";
        String smooth = smoothing.sacrebleuName();
        if (smoothing.takesValue()) {
            smooth += "[" + PythonText.fixed(smoothing.valueOrDefault(smoothValue), 2) + "]";
        }
        return "nrefs:" + references + "|case:" + (lowercase ? "lc" : "mixed") + "|eff:" + (effectiveOrder ? "yes" : "no")
                + "|tok:" + tokenizer.sacrebleuName() + "|smooth:" + smooth;
    }

    /** {@code _preprocess_segment} then {@code line.split()}. */
    private List<String> tokens(String segment) {
        String text = lowercase ? PythonText.lower(segment) : segment;
        return PythonText.split(tokenizer.tokenize(PythonText.rstrip(text)));
    }

    /** The non-empty references of segment {@code i} (sacreBLEU drops {@code ""} before tokenizing). */
    private static List<String> segmentReferences(List<List<String>> referenceStreams, int i) {
        List<String> references = new ArrayList<>();
        for (List<String> stream : referenceStreams) {
            String reference = stream.get(i);
            if (reference != null && !reference.isEmpty()) {
                references.add(reference);
            }
        }
        if (references.isEmpty()) {
            throw new IllegalArgumentException("segment " + (i + 1) + " has no reference: it is empty in every reference stream");
        }
        return references;
    }

    private static void checkStreams(List<String> hypotheses, List<List<String>> referenceStreams) {
        Objects.requireNonNull(hypotheses, "hypotheses");
        if (referenceStreams.isEmpty()) {
            throw new IllegalArgumentException("BLEU needs at least one reference stream");
        }
        for (int k = 0; k < referenceStreams.size(); k++) {
            if (referenceStreams.get(k).size() != hypotheses.size()) {
                throw new IllegalArgumentException("reference stream " + (k + 1) + " has " + referenceStreams.get(k).size()
                        + " segments but there are " + hypotheses.size() + " hypotheses");
            }
        }
    }

    /** {@code _get_closest_ref_len}: the reference length nearest the hypothesis length, the shorter on a tie. */
    private static int closestReferenceLength(int hypothesisLength, List<List<String>> references) {
        int closestLength = -1;
        int closestDistance = -1;
        for (List<String> reference : references) {
            int distance = Math.abs(hypothesisLength - reference.size());
            if (closestDistance == -1 || distance < closestDistance
                    || (distance == closestDistance && reference.size() < closestLength)) {
                closestDistance = distance;
                closestLength = reference.size();
            }
        }
        return closestLength;
    }

    /** For every n-gram in any reference, its largest count in a single reference. */
    private Map<String, Integer> maxReferenceCounts(List<List<String>> references) {
        Map<String, Integer> merged = new HashMap<>();
        for (List<String> reference : references) {
            for (Map.Entry<String, int[]> entry : ngramCounts(reference).entrySet()) {
                merged.merge(entry.getKey(), entry.getValue()[1], Math::max);
            }
        }
        return merged;
    }

    /**
     * Counts of the n-grams of orders 1..max ({@code extract_all_word_ngrams}), keyed by the tokens
     * joined with a space (tokens never contain whitespace, and the order tells n-grams apart), each
     * value {order, count}.
     */
    private Map<String, int[]> ngramCounts(List<String> tokens) {
        Map<String, int[]> counts = new HashMap<>();
        for (int n = 1; n <= maxOrder; n++) {
            for (int start = 0; start + n <= tokens.size(); start++) {
                String key = String.join(" ", tokens.subList(start, start + n));
                int order = n;
                counts.computeIfAbsent(key, k -> new int[] {order, 0})[1]++;
            }
        }
        return counts;
    }

    private static double[] toDoubles(long[] values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i];
        }
        return result;
    }

    /** The settings of a {@link Bleu}; defaults are sacreBLEU's. */
    public static final class Builder {
        private BleuTokenizer tokenizer = BleuTokenizer.THIRTEEN_A;
        private BleuSmoothing smoothing = BleuSmoothing.EXP;
        private Double smoothValue;
        private boolean lowercase;
        private int maxOrder = DEFAULT_MAX_ORDER;
        private boolean effectiveOrder;

        private Builder() {
        }

        public Builder tokenizer(BleuTokenizer value) {
            tokenizer = Objects.requireNonNull(value);
            return this;
        }

        public Builder smoothing(BleuSmoothing value) {
            smoothing = Objects.requireNonNull(value);
            return this;
        }

        /** The value for {@code floor} and {@code add-k}; null means the method's default (0.1, 1). */
        public Builder smoothValue(Double value) {
            smoothValue = value;
            return this;
        }

        public Builder lowercase(boolean value) {
            lowercase = value;
            return this;
        }

        public Builder maxOrder(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("BLEU max n-gram order must be at least 1, was " + value);
            }
            maxOrder = value;
            return this;
        }

        public Builder effectiveOrder(boolean value) {
            effectiveOrder = value;
            return this;
        }

        public Bleu build() {
            return new Bleu(this);
        }
    }
}
