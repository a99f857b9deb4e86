package io.quantbench.engine.tokenizer;

import java.nio.charset.StandardCharsets;

/**
 * SentencePiece BPE with byte fallback (reference/FORMATS.md §6.3, §7), as llama.cpp's SPM tokenizer and
 * llama2.c's {@code encode} do it: spaces become the vocabulary's space symbol (U+2581 in GGUF files; a
 * plain space in llama2.c's {@code tokenizer.bin}), a space is put in front when {@code addSpacePrefix}
 * (Llama 2: yes, Gemma 3: no), then single characters are merged pair by pair, always the pair whose merged
 * token has the highest score (ties: leftmost). A final symbol that is not a token is emitted as its
 * UTF-8 bytes, each as its {@code <0xXX>} token.
 */
public final class SentencePieceBpe extends Tokenizer {

    /** The space symbol of GGUF SentencePiece vocabularies, U+2581. */
    public static final char META_SPACE = '\u2581';

    private final char spaceSymbol;
    private final boolean addSpacePrefix;
    private final int[] byteTokens = new int[256];

    public SentencePieceBpe(Vocabulary vocabulary, char spaceSymbol, boolean addSpacePrefix) {
        super(vocabulary);
        this.spaceSymbol = spaceSymbol;
        this.addSpacePrefix = addSpacePrefix;
        for (int b = 0; b < 256; b++) {
            int id = vocabulary.id(String.format("<0x%02X>", b));
            if (id == Vocabulary.NONE && b < 0x80) {
                id = vocabulary.id(String.valueOf((char) b));     // llama.cpp's fallback: the byte as text
            }
            byteTokens[b] = id == Vocabulary.NONE ? vocabulary.unknown() : id;
        }
    }

    @Override
    public String describe() {
        return "SentencePiece BPE with byte fallback (space symbol " + (spaceSymbol == ' ' ? "' '" : "U+2581")
                + (addSpacePrefix ? ", space prefix" : ", no space prefix") + "), " + vocabulary.size() + " tokens";
    }

    @Override
    protected void encodeText(String text, boolean afterSpecial, IntList out) {
        String s = addSpacePrefix && afterSpecial ? " " + text : text;
        if (spaceSymbol != ' ') {
            s = s.replace(' ', spaceSymbol);
        }
        if (s.isEmpty()) {
            return;
        }
        int[] merged = SymbolMerger.merge(s, SymbolMerger.codePointStarts(s), (l, r) -> {
            int id = vocabulary.id(l + r);
            return id == Vocabulary.NONE ? Double.NaN : vocabulary.score(id);
        });
        for (int i = 0; i < merged.length; i++) {
            String piece = SymbolMerger.symbol(s, merged, i);
            int id = vocabulary.id(piece);
            if (id != Vocabulary.NONE) {
                out.add(id);
                continue;
            }
            for (byte b : piece.getBytes(StandardCharsets.UTF_8)) {
                int byteId = byteTokens[b & 0xFF];
                if (byteId == Vocabulary.NONE) {
                    throw new IllegalArgumentException("'" + piece + "' is not a token, and the vocabulary has neither a <0x"
                            + String.format("%02X", b & 0xFF) + "> byte token nor an unknown token");
                }
                out.add(byteId);
            }
        }
    }

    @Override
    protected byte[] pieceBytes(int id, boolean renderSpecial) {
        String text = vocabulary.token(id);
        TokenType type = vocabulary.type(id);
        if (type == TokenType.CONTROL) {
            return renderSpecial ? text.getBytes(StandardCharsets.UTF_8) : new byte[0];
        }
        if (isByteToken(text)) {
            return new byte[] {(byte) Integer.parseInt(text.substring(3, 5), 16)};
        }
        return (spaceSymbol == ' ' ? text : text.replace(spaceSymbol, ' ')).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code <0xXX>}: the token of one raw byte. */
    private static boolean isByteToken(String text) {
        return text.length() == 6 && text.startsWith("<0x") && text.endsWith(">")
                && Character.digit(text.charAt(3), 16) >= 0 && Character.digit(text.charAt(4), 16) >= 0;
    }

    @Override
    protected boolean stripsLeadingSpace() {
        return addSpacePrefix;
    }
}
