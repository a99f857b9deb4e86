package io.quantbench.engine.tokenizer;

import io.quantbench.engine.io.FileFormatException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Meta's LLaMA-3 {@code tokenizer.model}: a tiktoken rank file, one {@code base64(token bytes) SP rank} line
 * per token, ranks 0..127999 (../shared/data/PROVENANCE.md §3). The 256 special tokens (ids 128000-128255)
 * are not in the file; they are added here with the names of Meta's Llama 3.1 tokenizer
 * ({@code <|begin_of_text|>} 128000, {@code <|end_of_text|>} 128001, {@code <|start_header_id|>} 128006,
 * {@code <|end_header_id|>} 128007, {@code <|eom_id|>} 128008, {@code <|eot_id|>} 128009, reserved tokens
 * elsewhere, FORMATS.md §6.2).
 */
final class TiktokenFile {

    /** LLaMA-3's ranked tokens. */
    static final int LLAMA3_RANKS = 128_000;
    static final int LLAMA3_SPECIALS = 256;

    private TiktokenFile() {
    }

    /** Whether the file's first line looks like {@code base64 SP integer}. */
    static boolean looksLikeTiktoken(byte[] head) {
        int end = 0;
        while (end < head.length && head[end] != '\n') {
            end++;
        }
        String line = new String(head, 0, end, StandardCharsets.ISO_8859_1).trim();
        return line.matches("[A-Za-z0-9+/]+=* \\d+");
    }

    static Tokenizer read(String name, byte[] bytes) throws FileFormatException {
        String[] tokens = new String[LLAMA3_RANKS + LLAMA3_SPECIALS];
        int count = 0;
        int lineStart = 0;
        for (int line = 0; lineStart < bytes.length; line++) {
            int end = lineStart;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            String text = new String(bytes, lineStart, end - lineStart, StandardCharsets.ISO_8859_1).trim();
            if (!text.isEmpty()) {
                int space = text.indexOf(' ');
                int rank;
                byte[] token;
                try {
                    token = Base64.getDecoder().decode(text.substring(0, Math.max(space, 0)));
                    rank = Integer.parseInt(text.substring(space + 1));
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    throw new FileFormatException(name, lineStart, "line " + (line + 1) + " is not 'base64 rank': '"
                            + (text.length() > 60 ? text.substring(0, 60) + "..." : text) + "'");
                }
                if (space <= 0 || rank < 0 || rank >= LLAMA3_RANKS || token.length == 0) {
                    throw new FileFormatException(name, lineStart, "line " + (line + 1) + " has rank " + rank + " for a token of "
                            + token.length + " bytes; expected LLaMA-3's ranks 0.." + (LLAMA3_RANKS - 1) + " and non-empty tokens");
                }
                if (tokens[rank] != null) {
                    throw new FileFormatException(name, lineStart, "rank " + rank + " appears twice");
                }
                tokens[rank] = ByteUnicode.encode(token);
                count++;
            }
            lineStart = end + 1;
        }
        if (count != LLAMA3_RANKS) {
            throw new FileFormatException(name, bytes.length, "has " + count + " ranked tokens; LLaMA-3's tokenizer.model has "
                    + LLAMA3_RANKS + " (other tiktoken vocabularies are not supported: their special tokens and"
                    + " pre-tokenizer differ)");
        }
        TokenType[] types = new TokenType[tokens.length];
        java.util.Arrays.fill(types, 0, LLAMA3_RANKS, TokenType.NORMAL);
        String[] named = {"<|begin_of_text|>", "<|end_of_text|>", "<|reserved_special_token_0|>", "<|reserved_special_token_1|>",
            "<|finetune_right_pad_id|>", "<|reserved_special_token_2|>", "<|start_header_id|>", "<|end_header_id|>",
            "<|eom_id|>", "<|eot_id|>", "<|python_tag|>"};
        for (int i = 0; i < LLAMA3_SPECIALS; i++) {
            tokens[LLAMA3_RANKS + i] = i < named.length ? named[i] : "<|reserved_special_token_" + (i - named.length + 3) + "|>";
            types[LLAMA3_RANKS + i] = TokenType.CONTROL;
        }
        Vocabulary vocabulary = new Vocabulary(tokens, null, types, LLAMA3_RANKS, LLAMA3_RANKS + 1, LLAMA3_RANKS + 9,
                Vocabulary.NONE, true);
        return ByteLevelBpe.withTokenRanks(vocabulary, LLAMA3_RANKS, ByteLevelBpe.PreTokenizer.LLAMA3);
    }
}
