package io.quantbench.engine.synth;

import io.quantbench.engine.tokenizer.SentencePieceBpe;
import io.quantbench.engine.tokenizer.TokenType;
import io.quantbench.engine.tokenizer.Tokenizer;
import io.quantbench.engine.tokenizer.Vocabulary;

/**
 * A SentencePiece vocabulary of any size for synthetic checkpoints, so that a synthetic model can encode a
 * prompt and print its (random) continuation without a real tokenizer file: {@code <unk>} 0, {@code <s>} 1
 * (BOS), {@code </s>} 2 (EOS), the 256 byte tokens {@code <0x00>} .. {@code <0xFF>}, then every string over the
 * 13 symbols {@code ▁etaoinshrdlu} in order of length (so every prefix of a token is a token, and merging
 * builds words of those letters; any other character falls back to its bytes). Shorter pieces score higher.
 */
public final class SyntheticVocabulary {

    static final String ALPHABET = SentencePieceBpe.META_SPACE + "etaoinshrdlu";
    /** Ids before the letter pieces: 3 special tokens and 256 bytes. */
    static final int FIRST_PIECE = 3 + 256;

    private SyntheticVocabulary() {
    }

    /** The vocabulary of {@code size} tokens (at least {@value #FIRST_PIECE}). */
    public static Vocabulary of(int size) {
        if (size < FIRST_PIECE) {
            throw new IllegalArgumentException("a synthetic vocabulary needs at least " + FIRST_PIECE
                    + " tokens (3 special, 256 bytes), got " + size);
        }
        String[] tokens = new String[size];
        float[] scores = new float[size];
        TokenType[] types = new TokenType[size];
        tokens[0] = "<unk>";
        types[0] = TokenType.UNKNOWN;
        tokens[1] = "<s>";
        types[1] = TokenType.CONTROL;
        tokens[2] = "</s>";
        types[2] = TokenType.CONTROL;
        for (int b = 0; b < 256; b++) {
            tokens[3 + b] = String.format("<0x%02X>", b);
            types[3 + b] = TokenType.BYTE;
        }
        int id = FIRST_PIECE;
        for (int length = 1; id < size; length++) {
            int[] digits = new int[length];
            while (id < size) {
                StringBuilder piece = new StringBuilder(length);
                for (int d : digits) {
                    piece.append(ALPHABET.charAt(d));
                }
                tokens[id] = piece.toString();
                types[id] = TokenType.NORMAL;
                scores[id] = -id;
                id++;
                if (!increment(digits)) {
                    break;
                }
            }
        }
        return new Vocabulary(tokens, scores, types, 1, 2, Vocabulary.NONE, 0, true);
    }

    /** The tokenizer over {@link #of}: SentencePiece with U+2581 spaces and a space prefix, as Llama 2's. */
    public static Tokenizer tokenizer(int size) {
        return new SentencePieceBpe(of(size), SentencePieceBpe.META_SPACE, true);
    }

    /** Counts in base 13; false after the last string of this length. */
    private static boolean increment(int[] digits) {
        for (int i = digits.length - 1; i >= 0; i--) {
            if (++digits[i] < ALPHABET.length()) {
                return true;
            }
            digits[i] = 0;
        }
        return false;
    }
}
