package io.quantbench.engine.tokenizer;

import io.quantbench.engine.io.ByteSource;
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

    /** The largest tiktoken or llama2.c tokenizer file read into memory (LLaMA-3's is 2 MB). */
    private static final long MAX_BYTES = 64L << 20;

    private Tokenizers() {
    }

    /** The kind of tokenizer file {@code path} is: GGUF by its magic, tiktoken by its first line, otherwise llama2.c. */
    public static Kind detect(Path path) throws IOException {
        byte[] head = new byte[256];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        }
        return detect(path.toString(), java.util.Arrays.copyOf(head, n));
    }

    private static Kind detect(String name, byte[] head) throws FileFormatException {
        if (head.length >= 4 && head[0] == 'G' && head[1] == 'G' && head[2] == 'U' && head[3] == 'F') {
            return Kind.GGUF;
        }
        if (TiktokenFile.looksLikeTiktoken(head)) {
            return Kind.TIKTOKEN;
        }
        if (head.length < 4) {
            throw new FileFormatException(name, 0, "is " + head.length + " bytes long: not a tokenizer file (GGUF, LLaMA-3"
                    + " tiktoken tokenizer.model, or llama2.c tokenizer.bin)");
        }
        return Kind.LLAMA2C;
    }

    /** Opens whichever kind of tokenizer file {@code path} is (a GGUF file is mapped; the others are read whole). */
    public static Tokenizer open(Path path) throws IOException {
        if (detect(path) == Kind.GGUF) {
            try (GgufFile gguf = GgufFile.open(path)) {
                return fromGguf(gguf);
            }
        }
        long size = Files.size(path);
        if (size > MAX_BYTES) {
            throw new FileFormatException(path.toString(), 0, "is " + size + " bytes; a tiktoken or llama2.c tokenizer file"
                    + " larger than " + MAX_BYTES + " is not one");
        }
        return read(path.toString(), Files.readAllBytes(path));
    }

    /** The tokenizer in {@code bytes}, which hold a file of any of the kinds; {@code name} is what errors call it. */
    public static Tokenizer read(String name, byte[] bytes) throws FileFormatException {
        switch (detect(name, java.util.Arrays.copyOf(bytes, Math.min(bytes.length, 256)))) {
            case GGUF:
                return fromGguf(GgufFile.read(ByteSource.of(name, bytes)));
            case TIKTOKEN:
                return TiktokenFile.read(name, bytes);
            default:
                return Llama2cTokenizerFile.read(ByteSource.of(name, bytes));
        }
    }

    /** The tokenizer in a GGUF file's metadata. */
    public static Tokenizer fromGguf(GgufFile gguf) throws FileFormatException {
        return GgufVocabularies.tokenizer(gguf);
    }

    /** Meta's LLaMA-3 {@code tokenizer.model} plus its 256 special tokens. */
    public static Tokenizer fromTiktoken(Path path) throws IOException {
        return TiktokenFile.read(path.toString(), readSmall(path));
    }

    /** llama2.c's {@code tokenizer.bin}. */
    public static Tokenizer fromLlama2c(Path path) throws IOException {
        return Llama2cTokenizerFile.read(ByteSource.of(path.toString(), readSmall(path)));
    }

    private static byte[] readSmall(Path path) throws IOException {
        long size = Files.size(path);
        if (size > MAX_BYTES) {
            throw new FileFormatException(path.toString(), 0, "is " + size + " bytes; a tokenizer file this large is not one"
                    + " (at most " + MAX_BYTES + ")");
        }
        return Files.readAllBytes(path);
    }
}
