package io.quantbench.engine.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * ROUGE exactly as Google's rouge-score package computes it (google-research/google-research,
 * {@code rouge/rouge_scorer.py}, {@code rouge/tokenize.py}, {@code rouge/scoring.py}), which replicates
 * ROUGE-1.5.5 ({@code -e data -n 2}, with {@code -m} when stemming).
 *
 * <p>Types: {@code rougeN} for N = 1..9 (n-gram overlap), {@code rougeL} (longest common subsequence of
 * the whole texts) and {@code rougeLsum} (summary-level LCS over newline-separated sentences, with
 * ROUGE-1.5.5's guard against counting a token twice). As in rouge-score, the target (reference) comes
 * first and the prediction second; precision is over the prediction, recall over the target, and the
 * F-measure is their harmonic mean (0 when both are 0).
 */
public final class Rouge {

    private static final Pattern NGRAM_TYPE = Pattern.compile("rouge[0-9]");
    private static final Pattern NON_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");
    private static final Pattern VALID_TOKEN = Pattern.compile("[a-z0-9]+");
    /** rouge-score only stems tokens longer than this. */
    private static final int SHORTEST_STEMMED_LENGTH = 4;

    private final String rougeType;
    private final PorterStemmer stemmer;

    /**
     * A scorer for one ROUGE type ({@code rouge1}, {@code rouge2}, ..., {@code rougeL}, {@code rougeLsum});
     * {@code useStemmer} applies NLTK's Porter stemmer to tokens longer than three characters.
     */
    public Rouge(String rougeType, boolean useStemmer) {
        if (!isValidType(rougeType)) {
            throw new IllegalArgumentException("invalid ROUGE type '" + rougeType + "'; valid types: rouge1 .. rouge9, rougeL, rougeLsum");
        }
        this.rougeType = rougeType;
        this.stemmer = useStemmer ? new PorterStemmer() : null;
    }

    /** Whether rouge-score accepts {@code rougeType}: {@code rougeL}, {@code rougeLsum} or {@code rouge<digit>} other than rouge0. */
    public static boolean isValidType(String rougeType) {
        return rougeType.equals("rougeL") || rougeType.equals("rougeLsum")
                || (NGRAM_TYPE.matcher(rougeType).matches() && !rougeType.equals("rouge0"));
    }

    public String rougeType() {
        return rougeType;
    }

    /**
     * rouge-score's tokenizer ({@code tokenize.tokenize}): lowercase; replace every run of characters other
     * than a–z and 0–9 by a space (so non-ASCII letters separate words); split on whitespace; with a
     * stemmer, stem tokens of more than three characters; keep only non-empty [a-z0-9]+ tokens.
     */
    public static List<String> tokenize(String text, PorterStemmer stemmer) {
        String spaced = NON_ALPHANUMERIC.matcher(PythonText.lower(text)).replaceAll(" ");
        List<String> tokens = new ArrayList<>();
        for (String token : spaced.split(" ")) {       // only spaces remain between tokens
            if (stemmer != null && token.length() >= SHORTEST_STEMMED_LENGTH) {
                token = stemmer.stem(token);
            }
            if (VALID_TOKEN.matcher(token).matches()) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    /** The score of {@code prediction} against {@code target} ({@code RougeScorer.score(target, prediction)}). */
    public RougeScore score(String target, String prediction) {
        if (rougeType.equals("rougeLsum")) {
            return summaryLevelLcs(sentenceTokens(target), sentenceTokens(prediction));
        }
        List<String> targetTokens = tokenize(target, stemmer);
        List<String> predictionTokens = tokenize(prediction, stemmer);
        if (rougeType.equals("rougeL")) {
            return lcsScore(targetTokens, predictionTokens);
        }
        int n = rougeType.charAt(5) - '0';
        return ngramScore(ngramCounts(targetTokens, n), ngramCounts(predictionTokens, n));
    }

    /**
     * The score against several targets ({@code RougeScorer.score_multi}): the score of the target with the
     * highest F-measure, the first of them on a tie ({@code np.argmax}).
     */
    public RougeScore scoreMulti(List<String> targets, String prediction) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("ROUGE needs at least one target");
        }
        RougeScore best = null;
        for (String target : targets) {
            RougeScore score = score(target, prediction);
            if (best == null || score.fmeasure() > best.fmeasure()) {
                best = score;
            }
        }
        return best;
    }

    // ---- rougeN ----

    private static Map<List<String>, Integer> ngramCounts(List<String> tokens, int n) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int start = 0; start + n <= tokens.size(); start++) {
            counts.merge(tokens.subList(start, start + n), 1, Integer::sum);
        }
        return counts;
    }

    /** {@code _score_ngrams}: the clipped overlap over the prediction's and the target's n-gram counts (each at least 1). */
    private static RougeScore ngramScore(Map<List<String>, Integer> target, Map<List<String>, Integer> prediction) {
        int overlap = 0;
        for (Map.Entry<List<String>, Integer> entry : target.entrySet()) {
            overlap += Math.min(entry.getValue(), prediction.getOrDefault(entry.getKey(), 0));
        }
        int targetCount = target.values().stream().mapToInt(Integer::intValue).sum();
        int predictionCount = prediction.values().stream().mapToInt(Integer::intValue).sum();
        return RougeScore.of((double) overlap / Math.max(predictionCount, 1), (double) overlap / Math.max(targetCount, 1));
    }

    // ---- rougeL ----

    /** {@code _score_lcs}: LCS length over the prediction length and over the target length; 0 if either is empty. */
    private static RougeScore lcsScore(List<String> target, List<String> prediction) {
        if (target.isEmpty() || prediction.isEmpty()) {
            return RougeScore.ZERO;
        }
        int lcsLength = lcsTable(target, prediction)[target.size()][prediction.size()];
        return RougeScore.of((double) lcsLength / prediction.size(), (double) lcsLength / target.size());
    }

    /** {@code _lcs_table}: {@code table[i][j]} is the LCS length of the first i reference and first j candidate tokens. */
    private static int[][] lcsTable(List<String> reference, List<String> candidate) {
        int[][] table = new int[reference.size() + 1][candidate.size() + 1];
        for (int i = 1; i <= reference.size(); i++) {
            for (int j = 1; j <= candidate.size(); j++) {
                table[i][j] = reference.get(i - 1).equals(candidate.get(j - 1))
                        ? table[i - 1][j - 1] + 1
                        : Math.max(table[i - 1][j], table[i][j - 1]);
            }
        }
        return table;
    }

    // ---- rougeLsum ----

    /** {@code get_sents}: the text split on "\n", empty pieces dropped, each piece tokenized. */
    private List<List<String>> sentenceTokens(String text) {
        List<List<String>> sentences = new ArrayList<>();
        for (String sentence : text.split("\n", -1)) {
            if (!sentence.isEmpty()) {
                sentences.add(tokenize(sentence, stemmer));
            }
        }
        return sentences;
    }

    /**
     * {@code _summary_level_lcs} (ROUGE paper §3.2): for each reference sentence, the union of its LCS
     * positions with every candidate sentence; a token of that union is a hit only while both texts still
     * have an unused occurrence of it (ROUGE-1.5.5's double-count guard).
     */
    private static RougeScore summaryLevelLcs(List<List<String>> referenceSentences, List<List<String>> candidateSentences) {
        if (referenceSentences.isEmpty() || candidateSentences.isEmpty()) {
            return RougeScore.ZERO;
        }
        int referenceTokens = referenceSentences.stream().mapToInt(List::size).sum();
        int candidateTokens = candidateSentences.stream().mapToInt(List::size).sum();
        if (referenceTokens == 0 || candidateTokens == 0) {
            return RougeScore.ZERO;
        }
        Map<String, Integer> unusedInReference = tokenCounts(referenceSentences);
        Map<String, Integer> unusedInCandidate = tokenCounts(candidateSentences);
        int hits = 0;
        for (List<String> reference : referenceSentences) {
            TreeSet<Integer> union = new TreeSet<>();
            for (List<String> candidate : candidateSentences) {
                union.addAll(lcsIndices(reference, candidate));
            }
            for (int index : union) {
                String token = reference.get(index);
                if (unusedInCandidate.getOrDefault(token, 0) > 0 && unusedInReference.getOrDefault(token, 0) > 0) {
                    hits++;
                    unusedInCandidate.merge(token, -1, Integer::sum);
                    unusedInReference.merge(token, -1, Integer::sum);
                }
            }
        }
        return RougeScore.of((double) hits / candidateTokens, (double) hits / referenceTokens);
    }

    /**
     * {@code lcs_ind} / {@code _backtrack_norec}: the reference positions of one LCS, read back from the
     * table's corner; on a tie it steps up (drops a reference token) unless the left cell is strictly larger.
     * Which LCS is chosen matters for the union, so this follows rouge-score's walk exactly.
     */
    private static List<Integer> lcsIndices(List<String> reference, List<String> candidate) {
        int[][] table = lcsTable(reference, candidate);
        List<Integer> indices = new ArrayList<>();
        int i = reference.size();
        int j = candidate.size();
        while (i > 0 && j > 0) {
            if (reference.get(i - 1).equals(candidate.get(j - 1))) {
                indices.add(0, i - 1);
                i--;
                j--;
            } else if (table[i][j - 1] > table[i - 1][j]) {
                j--;
            } else {
                i--;
            }
        }
        return indices;
    }

    private static Map<String, Integer> tokenCounts(List<List<String>> sentences) {
        Map<String, Integer> counts = new HashMap<>();
        for (List<String> sentence : sentences) {
            for (String token : sentence) {
                counts.merge(token, 1, Integer::sum);
            }
        }
        return counts;
    }
}
