package io.quantbench.engine.tokenizer;

import io.quantbench.engine.Fixtures;
import io.quantbench.engine.io.GgufFile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * llama.cpp's tokenizer test vectors (../shared/data/llamacpp-vocab, PROVENANCE.md §3), read as llama.cpp's
 * test-tokenizer-0 reads them: the {@code .inp} file split on the separator and the {@code .out} file split on
 * newlines give 47 cases each (the 47th is the empty string after the final separator, whose ids are the
 * empty last line). Each string is encoded without BOS and with special-token text taken as plain text, and
 * must give exactly the ids of the {@code .out} file; for byte-level BPE, decoding must give back the string.
 */
class LlamaCppVocabTest {

    static final String SEPARATOR = "\n__ggml_vocab_test__\n";

    /** The cases of an .inp file: the pieces between separators (the file ends with one, so the last piece is empty). */
    static List<String> inputs(Path inp) throws IOException {
        String all = Files.readString(inp, StandardCharsets.UTF_8);
        return Arrays.asList(all.split(SEPARATOR, -1));
    }

    /** One line of ids per case, each id preceded by a space (the file ends with a newline, so the last line is empty). */
    static List<int[]> outputs(Path out) throws IOException {
        List<int[]> ids = new ArrayList<>();
        for (String line : Files.readString(out, StandardCharsets.UTF_8).split("\n", -1)) {
            String t = line.trim();
            ids.add(t.isEmpty() ? new int[0] : Arrays.stream(t.split(" ")).mapToInt(Integer::parseInt).toArray());
        }
        return ids;
    }

    private static void passesAll(Tokenizer tokenizer, String vectors, boolean roundTripsText) throws IOException {
        List<String> inputs = inputs(Fixtures.require("llamacpp-vocab/" + vectors + ".inp"));
        List<int[]> expected = outputs(Fixtures.require("llamacpp-vocab/" + vectors + ".out"));
        assertEquals(47, inputs.size());
        assertEquals(inputs.size(), expected.size());
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            int[] ids = tokenizer.encode(inputs.get(i), false, false);
            if (!Arrays.equals(expected.get(i), ids)) {
                failures.add("case " + i + " " + GgufValueQuote.of(inputs.get(i)) + ": expected " + Arrays.toString(expected.get(i))
                        + " got " + Arrays.toString(ids));
            } else if (roundTripsText && !inputs.get(i).equals(tokenizer.decode(ids, false))) {
                failures.add("case " + i + " decodes to " + GgufValueQuote.of(tokenizer.decode(ids, false)));
            }
        }
        assertTrue(failures.isEmpty(), (inputs.size() - failures.size()) + "/" + inputs.size() + " pass:\n" + String.join("\n", failures));
    }

    @Test
    void gpt2FromGguf() throws IOException {
        try (GgufFile gguf = GgufFile.open(Fixtures.require("llamacpp-vocab/ggml-vocab-gpt-2.gguf"))) {
            passesAll(Tokenizers.fromGguf(gguf), "ggml-vocab-gpt-2.gguf", true);
        }
    }

    @Test
    void llamaSpmFromGguf() throws IOException {
        try (GgufFile gguf = GgufFile.open(Fixtures.require("llamacpp-vocab/ggml-vocab-llama-spm.gguf"))) {
            // SentencePiece normalizes (a leading space is added, so "" and " " differ only in ids), so only ids are compared.
            passesAll(Tokenizers.fromGguf(gguf), "ggml-vocab-llama-spm.gguf", false);
        }
    }

    @Test
    void llama3FromTiktoken() throws IOException {
        Tokenizer tokenizer = Tokenizers.fromTiktoken(Fixtures.require("llamacpp-vocab/llama3-tiktoken/tokenizer.model"));
        passesAll(tokenizer, "ggml-vocab-llama-bpe.gguf", true);
    }

    /**
     * The LLaMA-3 vocabulary as a GGUF file holds it (model gpt2, pre llama-bpe, explicit merges), built here from
     * the tiktoken ranks the way Hugging Face converts tiktoken files: every split of token t into two tokens is a
     * merge, ordered by t's rank, then the ranks of the left and right parts. Checks the GGUF path of byte-level
     * BPE against the same 47 vectors.
     */
    @Test
    void llama3FromAGgufVocabulary(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Tokenizer tiktoken = Tokenizers.fromTiktoken(Fixtures.require("llamacpp-vocab/llama3-tiktoken/tokenizer.model"));
        Vocabulary v = tiktoken.vocabulary();
        String[] tokens = new String[v.size()];
        int[] types = new int[v.size()];
        List<String> merges = new ArrayList<>();
        for (int id = 0; id < v.size(); id++) {
            tokens[id] = v.token(id);
            types[id] = v.type(id) == TokenType.CONTROL ? 3 : 1;
            if (id < 128_000) {
                merges.addAll(splits(v, tokens[id]));
            }
        }
        Path file = dir.resolve("llama-bpe.gguf");
        new io.quantbench.engine.io.GgufWriter()
                .put("general.architecture", io.quantbench.engine.io.GgufValue.string("llama"))
                .put("tokenizer.ggml.model", io.quantbench.engine.io.GgufValue.string("gpt2"))
                .put("tokenizer.ggml.pre", io.quantbench.engine.io.GgufValue.string("llama-bpe"))
                .put("tokenizer.ggml.tokens", io.quantbench.engine.io.GgufValue.strings(tokens))
                .put("tokenizer.ggml.token_type", io.quantbench.engine.io.GgufValue.int32s(types))
                .put("tokenizer.ggml.merges", io.quantbench.engine.io.GgufValue.strings(merges.toArray(new String[0])))
                .put("tokenizer.ggml.bos_token_id", io.quantbench.engine.io.GgufValue.u32(128000))
                .write(file);
        try (GgufFile gguf = GgufFile.open(file)) {
            passesAll(Tokenizers.fromGguf(gguf), "ggml-vocab-llama-bpe.gguf", true);
        }
    }

    /** Every "left right" whose parts are both tokens and whose concatenation is {@code text}, by left then right rank. */
    private static List<String> splits(Vocabulary v, String text) {
        List<int[]> found = new ArrayList<>();
        for (int i = 1; i < text.length(); i++) {
            int left = v.id(text.substring(0, i));
            int right = v.id(text.substring(i));
            if (left >= 0 && right >= 0) {
                found.add(new int[] {left, right, i});
            }
        }
        found.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
        List<String> merges = new ArrayList<>();
        for (int[] f : found) {
            merges.add(text.substring(0, f[2]) + " " + text.substring(f[2]));
        }
        return merges;
    }

    /** llama2.c's tokenizer.bin is the same LLaMA SentencePiece vocabulary (spaces written as spaces), read by another path. */
    @Test
    void llamaSpmFromLlama2cTokenizerBin() throws IOException {
        passesAll(Tokenizers.fromLlama2c(Fixtures.require("tinyllama-llama2c/tokenizer.bin")), "ggml-vocab-llama-spm.gguf", false);
    }

    /** Strings in failure messages, escaped onto one line. */
    static final class GgufValueQuote {
        static String of(String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r") + "\"";
        }
    }
}
