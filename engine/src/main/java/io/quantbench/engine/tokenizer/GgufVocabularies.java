package io.quantbench.engine.tokenizer;

import io.quantbench.engine.io.FileFormatException;
import io.quantbench.engine.io.GgufFile;
import io.quantbench.engine.io.GgufKeys;
import io.quantbench.engine.io.GgufValue;

import java.util.Locale;

/**
 * The tokenizer stored in a GGUF file's {@code tokenizer.ggml.*} keys (reference/FORMATS.md §6.4):
 * {@code gpt2} (byte-level BPE with merges; {@code pre} selects GPT-2's or LLaMA-3's pre-tokenizer) or
 * {@code llama} (SentencePiece with scores; Llama 2, Gemma). Every array length and special id is checked
 * against the vocabulary, with errors that name the file and key.
 */
final class GgufVocabularies {

    private GgufVocabularies() {
    }

    static Tokenizer tokenizer(GgufFile gguf) throws FileFormatException {
        String model = gguf.getString(GgufKeys.TOKENIZER_MODEL);
        switch (model) {
            case "gpt2":
                return byteLevel(gguf);
            case "llama":
                return sentencePiece(gguf);
            default:
                throw new FileFormatException(gguf.name(), "metadata key " + GgufKeys.TOKENIZER_MODEL, "is '" + model
                        + "'; quantbench reads 'gpt2' (byte-level BPE) and 'llama' (SentencePiece) tokenizers");
        }
    }

    private static Tokenizer byteLevel(GgufFile gguf) throws FileFormatException {
        String pre = gguf.typed(GgufKeys.TOKENIZER_PRE, GgufValue::asString, "gpt-2");
        ByteLevelBpe.PreTokenizer preTokenizer;
        boolean ignoreMerges;
        switch (pre.toLowerCase(Locale.ROOT)) {
            case "gpt-2":
            case "gpt2":
            case "default":
                preTokenizer = ByteLevelBpe.PreTokenizer.GPT2;
                ignoreMerges = false;
                break;
            case "llama3":
            case "llama-v3":
            case "llama-bpe":
                preTokenizer = ByteLevelBpe.PreTokenizer.LLAMA3;
                ignoreMerges = true;
                break;
            default:
                throw new FileFormatException(gguf.name(), "metadata key " + GgufKeys.TOKENIZER_PRE, "is '" + pre
                        + "'; quantbench has the pre-tokenizers of gpt-2 and llama3 (llama-bpe, llama-v3)");
        }
        Vocabulary vocabulary = vocabulary(gguf, false);
        String[] merges = gguf.typed(GgufKeys.MERGES, GgufValue::asStrings);
        try {
            return ByteLevelBpe.withMerges(vocabulary, merges, preTokenizer, ignoreMerges);
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(gguf.name(), "metadata key " + GgufKeys.MERGES, e.getMessage());
        }
    }

    private static Tokenizer sentencePiece(GgufFile gguf) throws FileFormatException {
        boolean addSpacePrefix = gguf.typed(GgufKeys.ADD_SPACE_PREFIX, GgufValue::asBoolean, true);
        return new SentencePieceBpe(vocabulary(gguf, true), SentencePieceBpe.META_SPACE, addSpacePrefix);
    }

    private static Vocabulary vocabulary(GgufFile gguf, boolean sentencePiece) throws FileFormatException {
        String[] tokens = gguf.typed(GgufKeys.TOKENS, GgufValue::asStrings);
        float[] scores = gguf.typed(GgufKeys.SCORES, GgufValue::asFloats, null);
        int[] typeIds = gguf.typed(GgufKeys.TOKEN_TYPE, GgufValue::asInts, null);
        if (scores != null && scores.length != tokens.length) {
            throw new FileFormatException(gguf.name(), "metadata key " + GgufKeys.SCORES, "has " + scores.length
                    + " entries for " + tokens.length + " tokens");
        }
        TokenType[] types = null;
        if (typeIds != null) {
            if (typeIds.length != tokens.length) {
                throw new FileFormatException(gguf.name(), "metadata key " + GgufKeys.TOKEN_TYPE, "has " + typeIds.length
                        + " entries for " + tokens.length + " tokens");
            }
            types = new TokenType[tokens.length];
            for (int i = 0; i < tokens.length; i++) {
                types[i] = TokenType.fromId(typeIds[i]);
                if (types[i] == null) {
                    throw new FileFormatException(gguf.name(), "metadata key " + GgufKeys.TOKEN_TYPE, "entry " + i + " is "
                            + typeIds[i] + "; token types are 0..6");
                }
            }
        }
        // SentencePiece defaults when the ids are absent: bos 1, eos 2, unk 0 (FORMATS.md §6.4).
        int bos = id(gguf, GgufKeys.BOS_ID, sentencePiece ? 1 : Vocabulary.NONE, tokens.length);
        int eos = id(gguf, GgufKeys.EOS_ID, sentencePiece ? 2 : Vocabulary.NONE, tokens.length);
        int eot = id(gguf, GgufKeys.EOT_ID, Vocabulary.NONE, tokens.length);
        int unk = id(gguf, GgufKeys.UNKNOWN_ID, sentencePiece ? 0 : Vocabulary.NONE, tokens.length);
        boolean addBos = gguf.typed(GgufKeys.ADD_BOS, GgufValue::asBoolean, sentencePiece);
        return new Vocabulary(tokens, scores, types, bos, eos, eot, unk, addBos);
    }

    /**
     * A special id, or {@code fallback} when the key is absent. An id outside the vocabulary (files write -1 as
     * 4294967295 for "none") is treated as absent, as llama.cpp does, rather than trusted.
     */
    private static int id(GgufFile gguf, String key, int fallback, int vocabularySize) throws FileFormatException {
        long id = gguf.typed(key, v -> v.type().isInteger() ? v.asLongBits() : (long) v.asInt(), (long) fallback);
        if (id >= 0 && id < vocabularySize) {
            return (int) id;
        }
        return fallback >= 0 && fallback < vocabularySize ? fallback : Vocabulary.NONE;
    }
}
