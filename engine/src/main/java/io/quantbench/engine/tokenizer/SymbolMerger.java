package io.quantbench.engine.tokenizer;

import java.util.PriorityQueue;

/**
 * The merge loop both BPE families share: start from single characters of a string, and repeatedly merge
 * the adjacent pair with the best score (ties: the leftmost), until no pair has a score. Byte-level BPE
 * scores a pair by its merge rank (lower is better), SentencePiece by the merged token's score (higher is
 * better). A priority queue of candidate pairs, with stale pairs skipped when popped, makes it
 * O(n log n), as in llama.cpp's {@code llm_tokenizer_*_session}, so a long run of text without spaces
 * cannot make it hang.
 */
final class SymbolMerger {

    /** How good merging two adjacent symbols is; {@link Double#NaN} when they do not merge. Higher is better. */
    @FunctionalInterface
    interface PairScore {
        double score(String left, String right);
    }

    private static final class Pair {
        final int left;
        final int right;
        final double score;
        final int length;

        Pair(int left, int right, double score, int length) {
            this.left = left;
            this.right = right;
            this.score = score;
            this.length = length;
        }
    }

    private SymbolMerger() {
    }

    /**
     * Merges the symbols of {@code text}, whose boundaries are {@code starts} (increasing, first 0; each symbol
     * runs to the next start or the end), and returns the boundaries of the merged symbols.
     */
    static int[] merge(String text, int[] starts, PairScore score) {
        int n = starts.length;
        int[] begin = starts.clone();
        int[] length = new int[n];
        int[] prev = new int[n];
        int[] next = new int[n];
        for (int i = 0; i < n; i++) {
            length[i] = (i + 1 < n ? starts[i + 1] : text.length()) - starts[i];
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
        }
        PriorityQueue<Pair> queue = new PriorityQueue<>((a, b) ->
                a.score != b.score ? Double.compare(b.score, a.score) : Integer.compare(a.left, b.left));
        for (int i = 0; i + 1 < n; i++) {
            offer(queue, text, begin, length, i, i + 1, score);
        }
        while (!queue.isEmpty()) {
            Pair p = queue.poll();
            // Stale if either side was merged away, or grew since the pair was scored (lengths only grow).
            if (length[p.left] == 0 || length[p.right] == 0 || length[p.left] + length[p.right] != p.length) {
                continue;
            }
            length[p.left] += length[p.right];
            length[p.right] = 0;
            next[p.left] = next[p.right];
            if (next[p.right] >= 0) {
                prev[next[p.right]] = p.left;
            }
            if (prev[p.left] >= 0) {
                offer(queue, text, begin, length, prev[p.left], p.left, score);
            }
            if (next[p.left] >= 0) {
                offer(queue, text, begin, length, p.left, next[p.left], score);
            }
        }
        int count = 0;
        for (int i = 0; i >= 0 && n > 0; i = next[i]) {
            count++;
        }
        int[] merged = new int[count];
        int k = 0;
        for (int i = 0; i >= 0 && n > 0; i = next[i]) {
            merged[k++] = begin[i];
        }
        return merged;
    }

    private static void offer(PriorityQueue<Pair> queue, String text, int[] begin, int[] length, int left, int right,
                              PairScore score) {
        String l = text.substring(begin[left], begin[left] + length[left]);
        String r = text.substring(begin[right], begin[right] + length[right]);
        double s = score.score(l, r);
        if (!Double.isNaN(s)) {
            queue.add(new Pair(left, right, s, length[left] + length[right]));
        }
    }

    /** Symbol boundaries of single code points (a surrogate pair stays one symbol). */
    static int[] codePointStarts(String text) {
        int[] starts = new int[text.codePointCount(0, text.length())];
        for (int i = 0, k = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            starts[k++] = i;
        }
        return starts;
    }

    /** The substring of symbol {@code i} given the boundaries {@code starts} of all symbols. */
    static String symbol(String text, int[] starts, int i) {
        return text.substring(starts[i], i + 1 < starts.length ? starts[i + 1] : text.length());
    }
}
