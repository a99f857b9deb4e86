package io.quantbench.engine.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Scores one answer against all gold answers of a SQuAD question, the best over the golds for each metric:
 * ROUGE-1 (rouge-score, no stemming: {@code score_multi}, the gold with the best F-measure), sentence BLEU
 * (sacreBLEU sentence-level defaults: 13a, exp smoothing, effective order; 0–100), METEOR (NLTK,
 * {@code meteor_score} over the golds, tokens split on whitespace) and SQuAD's official exact match and
 * token F1 ({@code evaluate-v1.1.py}).
 */
public final class SquadScorer {

    /** The scores of one answer. */
    public record Scores(double exactMatch, double f1, RougeScore rouge1, double bleu, double meteor) {
    }

    /** string.punctuation: SQuAD removes ASCII punctuation only. */
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    /** Python's \b is Unicode-aware for str patterns; UNICODE_CHARACTER_CLASS gives Java the same on every JDK. */
    private static final Pattern ARTICLES = Pattern.compile("\\b(a|an|the)\\b", Pattern.UNICODE_CHARACTER_CLASS);

    private final Rouge rouge1 = new Rouge("rouge1", false);
    private final Bleu bleu = Bleu.sentenceDefaults();
    private final Meteor meteor;

    /** Scorer whose METEOR has no synonym stage. */
    public SquadScorer() {
        this(new Meteor());
    }

    /** Scorer with the given METEOR (e.g. one with {@link WordNet} synonyms). */
    public SquadScorer(Meteor meteor) {
        this.meteor = meteor;
    }

    /** The scores of {@code answer} against {@code golds}, each the best over the golds. */
    public Scores score(String answer, List<String> golds) {
        if (golds.isEmpty()) {
            throw new IllegalArgumentException("no gold answer to score against");
        }
        double exactMatch = 0;
        double f1 = 0;
        double bleuScore = 0;
        List<List<String>> goldTokens = golds.stream().map(PythonText::split).toList();
        for (String gold : golds) {
            exactMatch = Math.max(exactMatch, normalize(answer).equals(normalize(gold)) ? 1 : 0);
            f1 = Math.max(f1, tokenF1(answer, gold));
            bleuScore = Math.max(bleuScore, bleu.sentenceScore(answer, List.of(gold)).score());
        }
        return new Scores(exactMatch, f1, rouge1.scoreMulti(golds, answer), bleuScore,
                meteor.meteorScore(goldTokens, PythonText.split(answer)));
    }

    /** SQuAD's {@code normalize_answer}: lowercase, drop punctuation, drop articles, collapse whitespace. */
    public static String normalize(String text) {
        StringBuilder kept = new StringBuilder();
        PythonText.lower(text).codePoints()
                .filter(c -> c >= 128 || PUNCTUATION.indexOf(c) < 0)
                .forEach(kept::appendCodePoint);
        return String.join(" ", PythonText.split(ARTICLES.matcher(kept).replaceAll(" ")));
    }

    /** SQuAD's {@code f1_score}: harmonic mean of token precision and recall of the normalized texts. */
    public static double tokenF1(String prediction, String gold) {
        List<String> predicted = PythonText.split(normalize(prediction));
        List<String> expected = PythonText.split(normalize(gold));
        Map<String, Integer> goldCounts = new HashMap<>();
        expected.forEach(token -> goldCounts.merge(token, 1, Integer::sum));
        int common = 0;
        for (String token : predicted) {
            Integer left = goldCounts.get(token);
            if (left != null && left > 0) {
                common++;
                goldCounts.put(token, left - 1);
            }
        }
        if (common == 0) {
            return 0;
        }
        double precision = (double) common / predicted.size();
        double recall = (double) common / expected.size();
        return 2 * precision * recall / (precision + recall);
    }
}
