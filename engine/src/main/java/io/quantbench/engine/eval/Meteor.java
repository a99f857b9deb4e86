package io.quantbench.engine.eval;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * METEOR exactly as NLTK computes it ({@code nltk/translate/meteor_score.py}: {@code single_meteor_score}
 * and {@code meteor_score}), with NLTK's defaults alpha = 0.9, beta = 3, gamma = 0.5.
 *
 * <p>Inputs are token lists; each token is lowercased ({@code preprocess=str.lower}). Words are aligned in
 * three stages, each on the words the previous stages left unmatched: exact match, then match of Porter
 * stems ({@link PorterStemmer}), then WordNet synonymy — a reference word matches a hypothesis word when
 * it is one of the lemma names (without "_") of the hypothesis word's synsets. The synonym stage runs only
 * when a {@link Synonyms} source is supplied (e.g. {@link WordNet}); without one this class computes
 * NLTK's score minus that stage, which equals NLTK's whenever no synonym pair remains to be found.
 *
 * <p>Within a stage NLTK walks the hypothesis from its last word to its first and pairs each with the
 * last still-unmatched reference word that matches; which pairs are made decides the chunk count, so
 * this class makes the same pairs (with per-word queues instead of NLTK's nested scan, as NLTK itself now
 * does). As in NLTK, the stem stage hands its leftovers on as stems, so synonyms are looked up for stems.
 *
 * <p>Score: with m matches, P = m/|hypothesis|, R = m/|reference|, Fmean = PR/(αP + (1−α)R), and c the
 * fewest chunks of matches adjacent in both texts, score = (1 − γ(c/m)^β)·Fmean; 0 when m = 0. With several
 * references the best score counts.
 */
public final class Meteor {

    public static final double DEFAULT_ALPHA = 0.9;
    public static final double DEFAULT_BETA = 3.0;
    public static final double DEFAULT_GAMMA = 0.5;

    /** Synonyms of a word for the third stage: NLTK's lemma names of {@code wordnet.synsets(word)}. */
    @FunctionalInterface
    public interface Synonyms {
        /** The lemma names of every sense of {@code word} (the word itself need not be included). */
        Set<String> of(String word);
    }

    /** One aligned pair: a hypothesis position and a reference position. */
    public record Match(int hypothesisIndex, int referenceIndex) {
    }

    /**
     * An alignment ({@code _enum_align_words}): the matches sorted by hypothesis position, and the words left
     * unmatched after the last stage run (stems, once the stem stage has run), in text order.
     */
    public record Alignment(List<Match> matches, List<String> unmatchedHypothesis, List<String> unmatchedReference) {

        /** {@code _count_chunks}: runs of matches adjacent in both the hypothesis and the reference. */
        public int chunks() {
            int chunks = 1;
            for (int i = 0; i + 1 < matches.size(); i++) {
                Match here = matches.get(i);
                Match next = matches.get(i + 1);
                if (next.hypothesisIndex != here.hypothesisIndex + 1 || next.referenceIndex != here.referenceIndex + 1) {
                    chunks++;
                }
            }
            return chunks;
        }
    }

    /** A word still to be matched, with its position in its text. */
    private record Word(int index, String text) {
    }

    private final double alpha;
    private final double beta;
    private final double gamma;
    private final PorterStemmer stemmer = new PorterStemmer();
    private final Synonyms synonyms;

    /** NLTK's defaults, without the WordNet stage. */
    public Meteor() {
        this(null);
    }

    /** NLTK's defaults, with synonyms from {@code synonyms} (null: no synonym stage). */
    public Meteor(Synonyms synonyms) {
        this(DEFAULT_ALPHA, DEFAULT_BETA, DEFAULT_GAMMA, synonyms);
    }

    public Meteor(double alpha, double beta, double gamma, Synonyms synonyms) {
        this.alpha = alpha;
        this.beta = beta;
        this.gamma = gamma;
        this.synonyms = synonyms;
    }

    /** Whether the WordNet (synonym) stage runs. */
    public boolean hasSynonymStage() {
        return synonyms != null;
    }

    /** {@code meteor_score(references, hypothesis)}: the best single-reference score. */
    public double meteorScore(List<List<String>> references, List<String> hypothesis) {
        if (references.isEmpty()) {
            throw new IllegalArgumentException("METEOR needs at least one reference");
        }
        double best = Double.NEGATIVE_INFINITY;
        for (List<String> reference : references) {
            best = Math.max(best, singleMeteorScore(reference, hypothesis));
        }
        return best;
    }

    /** {@code single_meteor_score(reference, hypothesis)}. */
    public double singleMeteorScore(List<String> reference, List<String> hypothesis) {
        Alignment alignment = align(hypothesis, reference);
        int matches = alignment.matches().size();
        if (matches == 0 || hypothesis.isEmpty() || reference.isEmpty()) {
            return 0.0;                               // NLTK returns 0 on its ZeroDivisionError
        }
        double precision = (double) matches / hypothesis.size();
        double recall = (double) matches / reference.size();
        double fmean = precision * recall / (alpha * precision + (1 - alpha) * recall);
        double fragmentation = (double) alignment.chunks() / matches;
        double penalty = gamma * Math.pow(fragmentation, beta);
        return (1 - penalty) * fmean;
    }

    /** The alignment of the lowercased tokens: exact, stem, then (when supplied) synonym stage. */
    public Alignment align(List<String> hypothesis, List<String> reference) {
        List<Word> hypothesisWords = enumerateLowercased(hypothesis);
        List<Word> referenceWords = enumerateLowercased(reference);
        List<Match> matches = new ArrayList<>();
        matchStage(hypothesisWords, referenceWords, matches, null);
        hypothesisWords = mapWords(hypothesisWords, stemmer::stem);
        referenceWords = mapWords(referenceWords, stemmer::stem);
        matchStage(hypothesisWords, referenceWords, matches, null);
        if (synonyms != null) {
            matchStage(hypothesisWords, referenceWords, matches, synonyms);
        }
        matches.sort(Comparator.comparingInt(Match::hypothesisIndex));
        return new Alignment(Collections.unmodifiableList(matches), texts(hypothesisWords), texts(referenceWords));
    }

    /**
     * One matching stage. {@code _match_enums} (exact and stem stages, {@code synonymSource} null): from the
     * last hypothesis word to the first, pair it with the last unmatched reference word of equal text.
     * {@code _enum_wordnetsyn_match} (synonym stage): a reference word also matches when it is one of the
     * hypothesis word's synonyms; again the last such unmatched reference word is taken. Paired words
     * leave both lists.
     */
    private static void matchStage(List<Word> hypothesis, List<Word> reference, List<Match> matches, Synonyms synonymSource) {
        Map<String, ArrayDeque<Word>> unmatchedByText = byText(reference);
        List<Word> leftHypothesis = new ArrayList<>();
        for (int i = hypothesis.size() - 1; i >= 0; i--) {
            Word word = hypothesis.get(i);
            ArrayDeque<Word> best = unmatchedByText.get(word.text());
            if (synonymSource != null) {
                for (String synonym : synonymSource.of(word.text())) {
                    ArrayDeque<Word> candidates = unmatchedByText.get(synonym);
                    if (candidates != null && !candidates.isEmpty()
                            && (best == null || best.isEmpty() || candidates.peekLast().index() > best.peekLast().index())) {
                        best = candidates;
                    }
                }
            }
            if (best != null && !best.isEmpty()) {
                matches.add(new Match(word.index(), best.pollLast().index()));
            } else {
                leftHypothesis.add(word);
            }
        }
        keepUnmatched(hypothesis, leftHypothesis, reference, unmatchedByText);
    }

    /** Replaces the contents of both lists by their still unmatched words, in text order. */
    private static void keepUnmatched(List<Word> hypothesis, List<Word> leftHypothesis,
                                      List<Word> reference, Map<String, ArrayDeque<Word>> unmatchedReferenceByText) {
        Collections.reverse(leftHypothesis);               // collected from the last word back
        hypothesis.clear();
        hypothesis.addAll(leftHypothesis);
        List<Word> leftReference = new ArrayList<>();
        for (ArrayDeque<Word> words : unmatchedReferenceByText.values()) {
            leftReference.addAll(words);
        }
        leftReference.sort(Comparator.comparingInt(Word::index));
        reference.clear();
        reference.addAll(leftReference);
    }

    /** The words grouped by text, each group in text order (so the last is the highest position). */
    private static Map<String, ArrayDeque<Word>> byText(List<Word> words) {
        Map<String, ArrayDeque<Word>> groups = new HashMap<>();
        for (Word word : words) {
            groups.computeIfAbsent(word.text(), k -> new ArrayDeque<>()).addLast(word);
        }
        return groups;
    }

    private static List<Word> enumerateLowercased(List<String> tokens) {
        List<Word> words = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            words.add(new Word(i, PythonText.lower(tokens.get(i))));
        }
        return words;
    }

    private static List<Word> mapWords(List<Word> words, UnaryOperator<String> function) {
        List<Word> mapped = new ArrayList<>(words.size());
        for (Word word : words) {
            mapped.add(new Word(word.index(), function.apply(word.text())));
        }
        return mapped;
    }

    private static List<String> texts(List<Word> words) {
        List<String> texts = new ArrayList<>(words.size());
        for (Word word : words) {
            texts.add(word.text());
        }
        return Collections.unmodifiableList(texts);
    }
}
