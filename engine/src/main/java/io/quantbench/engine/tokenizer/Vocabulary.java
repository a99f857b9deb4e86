package io.quantbench.engine.tokenizer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tokens of a tokenizer: text by id, score and type by id, and the special ids. Token text is stored as
 * the file stores it: byte-level BPE tokens in GPT-2's byte-to-unicode alphabet ({@code Ġthe}),
 * SentencePiece tokens with U+2581 for a space ({@code ▁the}) or, in llama2.c files, a plain space.
 */
public final class Vocabulary {

    /** Marks an absent special id. */
    public static final int NONE = -1;

    private final String[] tokens;
    private final float[] scores;
    private final TokenType[] types;
    private final Map<String, Integer> ids;
    private final int bos;
    private final int eos;
    private final int eot;
    private final int unknown;
    private final boolean addBos;

    /**
     * @param scores may be null (all zero)
     * @param types may be null (all normal)
     */
    public Vocabulary(String[] tokens, float[] scores, TokenType[] types, int bos, int eos, int eot, int unknown, boolean addBos) {
        int n = tokens.length;
        if (scores != null && scores.length != n || types != null && types.length != n) {
            throw new IllegalArgumentException(n + " tokens but " + (scores == null ? "-" : scores.length) + " scores and "
                    + (types == null ? "-" : types.length) + " types");
        }
        for (int id : new int[] {bos, eos, eot, unknown}) {
            if (id != NONE && (id < 0 || id >= n)) {
                throw new IllegalArgumentException("special token id " + id + " is outside the vocabulary of " + n);
            }
        }
        this.tokens = tokens.clone();
        this.scores = scores == null ? new float[n] : scores.clone();
        this.types = types == null ? filled(n) : types.clone();
        this.ids = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            ids.putIfAbsent(tokens[i], i);           // llama.cpp keeps the first id of a duplicated text
        }
        this.bos = bos;
        this.eos = eos;
        this.eot = eot;
        this.unknown = unknown;
        this.addBos = addBos;
    }

    private static TokenType[] filled(int n) {
        TokenType[] t = new TokenType[n];
        java.util.Arrays.fill(t, TokenType.NORMAL);
        return t;
    }

    public int size() {
        return tokens.length;
    }

    public String token(int id) {
        return tokens[id];
    }

    public float score(int id) {
        return scores[id];
    }

    public TokenType type(int id) {
        return types[id];
    }

    /** The id of the token with exactly this text, or {@link #NONE}. */
    public int id(String text) {
        Integer id = ids.get(text);
        return id == null ? NONE : id;
    }

    /** Begin-of-sequence id, or {@link #NONE}. */
    public int bos() {
        return bos;
    }

    /** End-of-sequence id, or {@link #NONE}. */
    public int eos() {
        return eos;
    }

    /** End-of-turn id (chat models, e.g. LLaMA-3's {@code <|eot_id|>}), or {@link #NONE}. */
    public int eot() {
        return eot;
    }

    public int unknown() {
        return unknown;
    }

    /** Whether the model expects BOS in front of a prompt (GGUF {@code tokenizer.ggml.add_bos_token}). */
    public boolean addBos() {
        return addBos;
    }

    /** Ids of the tokens that may be split out of text: control, user-defined and unknown tokens (llama.cpp's set). */
    List<Integer> specialIds() {
        List<Integer> special = new java.util.ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            if ((types[i] == TokenType.CONTROL || types[i] == TokenType.USER_DEFINED || types[i] == TokenType.UNKNOWN)
                    && !tokens[i].isEmpty()) {
                special.add(i);
            }
        }
        return special;
    }
}
