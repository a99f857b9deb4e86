package io.quantbench.engine.tokenizer;

/** What a vocabulary entry is, as GGUF's {@code tokenizer.ggml.token_type} stores it (reference/FORMATS.md §6.4). */
public enum TokenType {
    /** 0: llama.cpp's "undefined", treated as normal text. */
    UNDEFINED,
    NORMAL,
    UNKNOWN,
    /** BOS, EOS, chat-turn markers: split out of text only when special tokens are parsed. */
    CONTROL,
    /** Added tokens that are always split out of text before the model's own algorithm runs (llama.cpp's rule). */
    USER_DEFINED,
    UNUSED,
    /** {@code <0xXX>}: one raw byte (SentencePiece byte fallback). */
    BYTE;

    /** The type with GGUF id {@code id}, or null for an id outside 0..6. */
    public static TokenType fromId(int id) {
        return id >= 0 && id < values().length ? values()[id] : null;
    }
}
