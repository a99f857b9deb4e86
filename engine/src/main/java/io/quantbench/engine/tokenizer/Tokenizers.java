package io.quantbench.engine.tokenizer;

import io.quantbench.engine.io.FileFormatException;
import io.quantbench.engine.io.GgufFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a tokenizer from any of the files that hold one, telling their kinds apart by content. */
public final class Tokenizers {

    /** The kinds of tokenizer file. */
    public enum Kind {
        /** A GGUF file's {@code tokenizer.ggml.*} keys (a model, or a vocabulary-only file). */
        GGUF,
        /** Meta's LLaMA-3 tiktoken {@code tokenizer.model}. */
        TIKTOKEN,
        /** llama2.c's {@code tokenizer.bin}. */
        LLAMA2C
    }

    private Tokenizers() {
    }

    /** The kind of tokenizer file {@code path} is: GGUF by its magic, tiktoken by its first line, otherwise llama2.c. */
    public static Kind detect(Path path) throws IOException {
        byte[] head = new byte[256];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 4 && head[0] == 'G' && head[1] == 'G' && head[2] == 'U' && head[3] == 'F') {
            return Kind.GGUF;
        }
        if (TiktokenFile.looksLikeTiktoken(java.util.Arrays.copyOf(head, n))) {
            return Kind.TIKTOKEN;
        }
        if (n < 4) {
            throw new FileFormatException(path.toString(), 0, "is " + n + " bytes long: not a tokenizer file (GGUF, LLaMA-3"
                    + " tiktoken tokenizer.model, or llama2.c tokenizer.bin)");
        }
        return Kind.LLAMA2C;
    }

    /** Opens whichever kind of tokenizer file {@code path} is. */
    public static Tokenizer open(Path path) throws IOException {
        switch (detect(path)) {
            case GGUF:
                try (GgufFile gguf = GgufFile.open(path)) {
                    return fromGguf(gguf);
                }
            case TIKTOKEN:
                return TiktokenFile.read(path);
            default:
                return Llama2cTokenizerFile.read(path);
        }
    }

    /** The tokenizer in a GGUF file's metadata. */
    public static Tokenizer fromGguf(GgufFile gguf) throws FileFormatException {
        return GgufVocabularies.tokenizer(gguf);
    }

    /** Meta's LLaMA-3 {@code tokenizer.model} plus its 256 special tokens. */
    public static Tokenizer fromTiktoken(Path path) throws IOException {
        return TiktokenFile.read(path);
    }

    /** llama2.c's {@code tokenizer.bin}. */
    public static Tokenizer fromLlama2c(Path path) throws IOException {
        return Llama2cTokenizerFile.read(path);
    }
}
