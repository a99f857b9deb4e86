package io.quantbench.engine.tokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cuts special tokens out of text before the model's own algorithm sees it, as llama.cpp's
 * {@code tokenizer_st_partition} does: special tokens are tried longest first, and each splits every piece
 * of plain text that is left at each of its occurrences, left to right.
 *
 * <p>Which tokens count: user-defined tokens always; control and unknown tokens only when special tokens are
 * parsed ({@code parseSpecial}). Without it, text such as {@code <|endoftext|>} stays plain text, the
 * convention of llama.cpp's tokenizer tests.
 */
final class SpecialTokenSplitter {

    /** A piece of the input: plain text, or one special token. */
    static final class Fragment {
        final String text;
        final int token;

        private Fragment(String text, int token) {
            this.text = text;
            this.token = token;
        }

        static Fragment text(String text) {
            return new Fragment(text, Vocabulary.NONE);
        }

        static Fragment token(int id) {
            return new Fragment(null, id);
        }

        boolean isToken() {
            return token != Vocabulary.NONE;
        }
    }

    /** A trie of the special tokens' text, so finding which of thousands occur costs one pass over the input. */
    private static final class Node {
        final Map<Character, Node> next = new HashMap<>();
        int token = Vocabulary.NONE;
    }

    private final Vocabulary vocabulary;
    private final Node root = new Node();
    /** Special ids, longest text first (ties by id, so the order is deterministic). */
    private final List<Integer> longestFirst;

    SpecialTokenSplitter(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
        List<Integer> ids = vocabulary.specialIds();
        ids.sort(Comparator.comparingInt((Integer id) -> -vocabulary.token(id).length()).thenComparingInt(id -> id));
        this.longestFirst = ids;
        for (int id : ids) {
            Node node = root;
            for (char c : vocabulary.token(id).toCharArray()) {
                node = node.next.computeIfAbsent(c, k -> new Node());
            }
            if (node.token == Vocabulary.NONE) {
                node.token = id;
            }
        }
    }

    private boolean applies(int id, boolean parseSpecial) {
        TokenType type = vocabulary.type(id);
        return parseSpecial || type == TokenType.USER_DEFINED;
    }

    List<Fragment> split(String text, boolean parseSpecial) {
        List<Fragment> fragments = new ArrayList<>();
        if (text.isEmpty()) {
            return fragments;                       // no text, no fragment: "" encodes to nothing, not to a space prefix
        }
        fragments.add(Fragment.text(text));
        if (longestFirst.isEmpty()) {
            return fragments;
        }
        Set<String> present = occurring(text, parseSpecial);
        for (int id : longestFirst) {
            String special = vocabulary.token(id);
            if (!present.contains(special) || !applies(id, parseSpecial)) {
                continue;
            }
            List<Fragment> next = new ArrayList<>();
            for (Fragment f : fragments) {
                if (f.isToken()) {
                    next.add(f);
                    continue;
                }
                int from = 0;
                for (int at = f.text.indexOf(special); at >= 0; at = f.text.indexOf(special, from)) {
                    if (at > from) {
                        next.add(Fragment.text(f.text.substring(from, at)));
                    }
                    next.add(Fragment.token(id));
                    from = at + special.length();
                }
                if (from < f.text.length()) {
                    next.add(Fragment.text(f.text.substring(from)));
                }
            }
            fragments = next;
        }
        return fragments;
    }

    /** The special texts that occur anywhere in {@code text} and may be split out. */
    private Set<String> occurring(String text, boolean parseSpecial) {
        Set<String> found = new LinkedHashSet<>();
        for (int start = 0; start < text.length(); start++) {
            Node node = root;
            for (int i = start; i < text.length(); i++) {
                node = node.next.get(text.charAt(i));
                if (node == null) {
                    break;
                }
                if (node.token != Vocabulary.NONE && applies(node.token, parseSpecial)) {
                    found.add(vocabulary.token(node.token));
                }
            }
        }
        return found;
    }
}
