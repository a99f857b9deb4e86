package io.quantbench.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte-level BPE, as GPT-2 and LLaMA-3 use it (reference/FORMATS.md §6.1, §6.2): a regular expression cuts
 * the text into words; each word's UTF-8 bytes, written in GPT-2's byte alphabet ({@link ByteUnicode}), are
 * merged pair by pair, lowest merge rank first, until no ranked pair is left.
 *
 * <p>Ranks come either from an explicit merge list (GGUF {@code tokenizer.ggml.merges}: rank = index) or, for
 * tiktoken files, from the vocabulary itself (merging {@code a} and {@code b} has the rank of token
 * {@code a+b}, and token ids are ranks). With {@code ignoreMerges} (LLaMA-3), a word that is already a token
 * is taken whole.
 */
public final class ByteLevelBpe extends Tokenizer {

    /** The pre-tokenizer regular expressions. {@code \s} is Unicode whitespace, as in the originals. */
    public enum PreTokenizer {
        /** GPT-2's, from openai/gpt-2 encoder.py. */
        GPT2("'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+"),
        /** LLaMA-3's, with the case-insensitive contractions spelled out as llama.cpp does (ASCII letters only). */
        LLAMA3("(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}"
                + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+");

        private final Pattern pattern;

        PreTokenizer(String regex) {
            this.pattern = Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
        }
    }

    private final PreTokenizer pre;
    private final boolean ignoreMerges;
    private final SymbolMerger.PairScore ranks;
    private final String source;

    private ByteLevelBpe(Vocabulary vocabulary, PreTokenizer pre, boolean ignoreMerges, SymbolMerger.PairScore ranks,
                         String source) {
        super(vocabulary);
        this.pre = pre;
        this.ignoreMerges = ignoreMerges;
        this.ranks = ranks;
        this.source = source;
    }

    /**
     * With an explicit merge list, each entry {@code "left right"} (split at the first space after the first
     * character), rank = index.
     *
     * @throws IllegalArgumentException naming the first malformed merge
     */
    public static ByteLevelBpe withMerges(Vocabulary vocabulary, String[] merges, PreTokenizer pre, boolean ignoreMerges) {
        Map<String, Integer> rank = new HashMap<>(merges.length * 2);
        for (int i = 0; i < merges.length; i++) {
            String m = merges[i];
            int space = m.indexOf(' ', 1);
            if (space < 0 || space == m.length() - 1) {
                throw new IllegalArgumentException("merge " + i + " '" + m + "' is not 'left right'");
            }
            rank.putIfAbsent(m, i);
        }
        return new ByteLevelBpe(vocabulary, pre, ignoreMerges, (l, r) -> {
            Integer k = rank.get(l + " " + r);
            return k == null ? Double.NaN : -k;
        }, "merges");
    }

    /** tiktoken style: token ids below {@code rankedTokens} are ranks, and merging two symbols has the rank of their concatenation. */
    public static ByteLevelBpe withTokenRanks(Vocabulary vocabulary, int rankedTokens, PreTokenizer pre) {
        return new ByteLevelBpe(vocabulary, pre, true, (l, r) -> {
            int id = vocabulary.id(l + r);
            return id == Vocabulary.NONE || id >= rankedTokens ? Double.NaN : -id;
        }, "token ranks");
    }

    @Override
    public String describe() {
        return "byte-level BPE (" + pre + " pre-tokenizer, " + source + (ignoreMerges ? ", whole-word tokens first" : "") + "), "
                + vocabulary.size() + " tokens";
    }

    @Override
    protected void encodeText(String text, boolean afterSpecial, IntList out) {
        Matcher m = pre.pattern.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                encodeWord(text.substring(last, m.start()), out);   // the expressions cover all text; kept for safety
            }
            encodeWord(m.group(), out);
            last = m.end();
        }
        if (last < text.length()) {
            encodeWord(text.substring(last), out);
        }
    }

    private void encodeWord(String word, IntList out) {
        String symbols = ByteUnicode.encode(word.getBytes(StandardCharsets.UTF_8));
        if (ignoreMerges) {
            int whole = vocabulary.id(symbols);
            if (whole != Vocabulary.NONE) {
                out.add(whole);
                return;
            }
        }
        int[] starts = new int[symbols.length()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = i;
        }
        int[] merged = SymbolMerger.merge(symbols, starts, ranks);
        for (int i = 0; i < merged.length; i++) {
            String piece = SymbolMerger.symbol(symbols, merged, i);
            int id = vocabulary.id(piece);
            if (id != Vocabulary.NONE) {
                out.add(id);
                continue;
            }
            for (int c = 0; c < piece.length(); c++) {           // an unmerged byte that is not a token itself
                int byteId = vocabulary.id(piece.substring(c, c + 1));
                if (byteId == Vocabulary.NONE) {
                    byteId = vocabulary.unknown();
                }
                if (byteId == Vocabulary.NONE) {
                    throw new IllegalArgumentException("byte " + (int) piece.charAt(c) + " of '" + word
                            + "' has no token and the vocabulary has no unknown token");
                }
                out.add(byteId);
            }
        }
    }

    @Override
    protected byte[] pieceBytes(int id, boolean renderSpecial) {
        String text = vocabulary.token(id);
        switch (vocabulary.type(id)) {
            case CONTROL:
                return renderSpecial ? text.getBytes(StandardCharsets.UTF_8) : new byte[0];
            case USER_DEFINED:
                return text.getBytes(StandardCharsets.UTF_8);
            default:
                return ByteUnicode.decode(text);
        }
    }
}
