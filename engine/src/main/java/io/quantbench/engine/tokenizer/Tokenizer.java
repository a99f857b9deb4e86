package io.quantbench.engine.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Text to token ids and back. Encoding first cuts special tokens out of the text
 * ({@link SpecialTokenSplitter}), then runs the model's algorithm on each piece of plain text: byte-level
 * BPE ({@link ByteLevelBpe}: GPT-2, LLaMA-3) or SentencePiece BPE with byte fallback
 * ({@link SentencePieceBpe}: LLaMA/Llama 2, Gemma, llama2.c).
 */
public abstract class Tokenizer {

    protected final Vocabulary vocabulary;
    private final SpecialTokenSplitter splitter;

    protected Tokenizer(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
        this.splitter = new SpecialTokenSplitter(vocabulary);
    }

    public final Vocabulary vocabulary() {
        return vocabulary;
    }

    /** A short description: {@code byte-level BPE (GPT-2), 50257 tokens}. */
    public abstract String describe();

    /**
     * Token ids of {@code text}.
     *
     * @param addBos put the BOS id first (the vocabulary must have one)
     * @param parseSpecial cut control tokens such as {@code <|eot_id|>} out of the text; without it they are
     *        plain text (user-defined tokens are cut out either way, as llama.cpp does)
     */
    public final int[] encode(String text, boolean addBos, boolean parseSpecial) {
        IntList out = new IntList();
        if (addBos) {
            if (vocabulary.bos() == Vocabulary.NONE) {
                throw new IllegalStateException("this vocabulary has no BOS token");
            }
            out.add(vocabulary.bos());
        }
        boolean afterSpecial = true;                  // the start of the text counts as after a special token
        for (SpecialTokenSplitter.Fragment f : splitter.split(text, parseSpecial)) {
            if (f.isToken()) {
                out.add(f.token);
                afterSpecial = true;
            } else {
                encodeText(f.text, afterSpecial, out);
                afterSpecial = false;
            }
        }
        return out.toArray();
    }

    /** Plain text (no special tokens) to ids; {@code afterSpecial} is true at the start and after a special token. */
    protected abstract void encodeText(String text, boolean afterSpecial, IntList out);

    /** The bytes token {@code id} stands for in running text (control tokens give their text only if {@code renderSpecial}). */
    protected abstract byte[] pieceBytes(int id, boolean renderSpecial);

    /** Whether a decoded text's first space is the one the encoder added (SentencePiece's space prefix). */
    protected boolean stripsLeadingSpace() {
        return false;
    }

    /** The bytes of {@code ids} (control tokens left out unless {@code renderSpecial}). */
    public final byte[] decodeBytes(int[] ids, boolean renderSpecial) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean first = true;
        for (int id : ids) {
            if (id < 0 || id >= vocabulary.size()) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of " + vocabulary.size());
            }
            byte[] piece = pieceBytes(id, renderSpecial);
            if (first && vocabulary.type(id) != TokenType.CONTROL) {
                if (stripsLeadingSpace() && piece.length > 0 && piece[0] == ' ') {
                    piece = Arrays.copyOfRange(piece, 1, piece.length);
                }
                first = false;
            }
            out.write(piece, 0, piece.length);
        }
        return out.toByteArray();
    }

    /** The text of {@code ids}; bytes that are not valid UTF-8 become U+FFFD. */
    public final String decode(int[] ids, boolean renderSpecial) {
        return new String(decodeBytes(ids, renderSpecial), StandardCharsets.UTF_8);
    }

    /** A growable int array, so encoding does not box every id. */
    protected static final class IntList {
        private int[] values = new int[16];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
