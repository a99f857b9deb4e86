package io.quantbench.engine.model;

import io.quantbench.engine.tokenizer.Tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns generated tokens into text as they come. A token's text can depend on the one before it (SentencePiece
 * drops the space of the first word after BOS), and a character can be split over several byte tokens, so each
 * token is decoded together with its predecessor, and bytes that do not yet end a UTF-8 character wait for the
 * next token.
 */
public final class TextStream {

    private final Tokenizer tokenizer;
    private int previous;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    /** @param previous the last prompt token (BOS for an empty prompt), or -1 when there is none */
    public TextStream(Tokenizer tokenizer, int previous) {
        this.tokenizer = tokenizer;
        this.previous = previous;
    }

    /** The text {@code token} completes (possibly empty, while a character is incomplete). */
    public String next(int token) {
        byte[] piece;
        if (previous < 0) {
            piece = tokenizer.decodeBytes(new int[] {token}, false);
        } else {
            byte[] both = tokenizer.decodeBytes(new int[] {previous, token}, false);
            int before = tokenizer.decodeBytes(new int[] {previous}, false).length;
            piece = Arrays.copyOfRange(both, before, both.length);
        }
        previous = token;
        pending.write(piece, 0, piece.length);
        byte[] bytes = pending.toByteArray();
        int complete = completeLength(bytes);
        pending.reset();
        pending.write(bytes, complete, bytes.length - complete);
        return new String(bytes, 0, complete, StandardCharsets.UTF_8);
    }

    /** What is still waiting, decoded as it is (invalid bytes become U+FFFD): call at the end. */
    public String flush() {
        String rest = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        return rest;
    }

    /** The length of the longest prefix that does not end inside a UTF-8 character. */
    static int completeLength(byte[] b) {
        int n = b.length;
        for (int back = 1; back <= Math.min(3, n); back++) {
            int lead = b[n - back] & 0xFF;
            if (lead < 0x80) {
                return n;                                  // ASCII: everything before it is settled too
            }
            if (lead >= 0xC0) {
                int needs = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
                return needs > back ? n - back : n;
            }
        }
        return n;                                          // stray continuation bytes: let the decoder replace them
    }
}
