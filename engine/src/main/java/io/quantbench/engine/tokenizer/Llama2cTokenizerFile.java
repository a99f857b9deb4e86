package io.quantbench.engine.tokenizer;

import io.quantbench.engine.io.ByteCursor;
import io.quantbench.engine.io.ByteSource;
import io.quantbench.engine.io.FileFormatException;

import java.util.ArrayList;
import java.util.List;

/**
 * llama2.c's {@code tokenizer.bin} (reference/FORMATS.md §7): {@code u32 max_token_length}, then for each
 * token {@code f32 score, i32 length, length bytes}, to the end of the file (the count is not stored; it is
 * the model's vocabulary size). Ids 0, 1, 2 are {@code <unk>}, BOS and EOS; {@code <0xXX>} tokens are
 * bytes; the exporter wrote spaces as plain spaces.
 */
final class Llama2cTokenizerFile {

    /** No real vocabulary has tokens longer than this; a larger max_token_length means this is not tokenizer.bin. */
    private static final int MAX_TOKEN_LENGTH = 1 << 16;

    private Llama2cTokenizerFile() {
    }

    static Tokenizer read(ByteSource source) throws FileFormatException {
        ByteCursor in = new ByteCursor(source, 0);
        int maxLength = in.i32("max_token_length");
        if (maxLength <= 0 || maxLength > MAX_TOKEN_LENGTH) {
            throw in.error(0, "max_token_length is " + Integer.toUnsignedString(maxLength) + "; expected 1.." + MAX_TOKEN_LENGTH
                    + " (is this a llama2.c tokenizer.bin?)");
        }
        List<String> tokens = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        while (in.remaining() > 0) {
            long at = in.position();
            float score = in.f32("score of token " + tokens.size());
            int length = in.i32("length of token " + tokens.size());
            if (length < 0 || length > maxLength) {
                throw in.error(at + 4, "token " + tokens.size() + " has length " + length + "; expected 0.." + maxLength
                        + " (the file's max_token_length)");
            }
            tokens.add(in.utf8(length, "text of token " + tokens.size()));
            scores.add(score);
        }
        if (tokens.size() < 3) {
            throw in.error(in.position(), "has " + tokens.size() + " tokens; llama2.c needs at least <unk>, BOS and EOS");
        }
        int n = tokens.size();
        float[] scoreArray = new float[n];
        TokenType[] types = new TokenType[n];
        for (int i = 0; i < n; i++) {
            scoreArray[i] = scores.get(i);
            String t = tokens.get(i);
            types[i] = i == 0 ? TokenType.UNKNOWN : i <= 2 ? TokenType.CONTROL
                    : t.matches("<0x[0-9A-F]{2}>") ? TokenType.BYTE : TokenType.NORMAL;
        }
        Vocabulary vocabulary = new Vocabulary(tokens.toArray(new String[0]), scoreArray, types, 1, 2, Vocabulary.NONE, 0, true);
        return new SentencePieceBpe(vocabulary, ' ', true);
    }
}
