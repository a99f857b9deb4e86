package io.quantbench.jmh.cli;

import io.quantbench.engine.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tokenize}, with expected ids taken from llama.cpp's test vectors (../shared/data/llamacpp-vocab). */
class TokenizeCommandTest {

    @TempDir
    Path dir;

    /** The ids llama.cpp's vectors give for {@code text} (which must be one of the test strings), as the .out line has them. */
    private static String expected(String vectors, String text) throws IOException {
        String inp = Files.readString(Fixtures.require("llamacpp-vocab/" + vectors + ".inp"), StandardCharsets.UTF_8);
        List<String> cases = Arrays.asList(inp.split("\n__ggml_vocab_test__\n", -1));
        int i = cases.indexOf(text);
        assertTrue(i >= 0, text);
        return Files.readString(Fixtures.require("llamacpp-vocab/" + vectors + ".out"), StandardCharsets.UTF_8).split("\n", -1)[i].trim();
    }

    private static String file(String fixture) {
        return Fixtures.require(fixture).toString();
    }

    @Test
    void printsIdsOnOneLineForEachKindOfTokenizerFile() throws IOException {
        CliRun gpt2 = CliRun.run("tokenize", "--tokenizer", file("llamacpp-vocab/ggml-vocab-gpt-2.gguf"), "--text", "Hello world");
        assertEquals(0, gpt2.exitCode, gpt2.toString());
        assertEquals(expected("ggml-vocab-gpt-2.gguf", "Hello world") + "\n", gpt2.out);

        CliRun llama3 = CliRun.run("tokenize", "--tokenizer", file("llamacpp-vocab/llama3-tiktoken/tokenizer.model"), "--text", " Hello World!");
        assertEquals(expected("ggml-vocab-llama-bpe.gguf", " Hello World!") + "\n", llama3.out);

        CliRun spm = CliRun.run("tokenize", "--tokenizer", file("tinyllama-llama2c/tokenizer.bin"), "--text", "Hello, world!");
        assertEquals(expected("ggml-vocab-llama-spm.gguf", "Hello, world!") + "\n", spm.out);
    }

    @Test
    void bosOnlyWhenAsked() throws IOException {
        String ids = expected("ggml-vocab-llama-spm.gguf", "Hello world");
        CliRun run = CliRun.run("tokenize", "--tokenizer", file("llamacpp-vocab/ggml-vocab-llama-spm.gguf"), "--text", "Hello world", "--bos");
        assertEquals("1 " + ids + "\n", run.out, "BOS of the llama-spm vocabulary is 1 (PROVENANCE.md §3)");
        CliRun gpt2 = CliRun.run("tokenize", "--tokenizer", file("llamacpp-vocab/ggml-vocab-gpt-2.gguf"), "--text", "Hi", "--bos");
        assertTrue(gpt2.out.startsWith("50256 "), gpt2.toString());
    }

    @Test
    void specialTokenTextIsPlainUnlessSpecial() {
        String gguf = file("llamacpp-vocab/ggml-vocab-gpt-2.gguf");
        assertEquals("50256\n", CliRun.run("tokenize", "--tokenizer", gguf, "--text", "<|endoftext|>", "--special").out);
        String plain = CliRun.run("tokenize", "--tokenizer", gguf, "--text", "<|endoftext|>").out.trim();
        assertTrue(plain.split(" ").length > 1 && !plain.contains("50256"), plain);
    }

    @Test
    void readsTheTextFromAFileOrStandardInput() throws IOException {
        String tok = file("tinyllama-llama2c/tok512.bin");
        Path text = dir.resolve("story.txt");
        Files.writeString(text, "Once upon a time", StandardCharsets.UTF_8);
        String fromText = CliRun.run("tokenize", "--tokenizer", tok, "--text", "Once upon a time").out;
        assertEquals(fromText, CliRun.run("tokenize", "--tokenizer", tok, "--file", text.toString()).out);
        assertEquals(fromText, CliRun.withInput("Once upon a time".getBytes(StandardCharsets.UTF_8), "tokenize", "--tokenizer", tok).out);
        assertNotEquals("\n", fromText);
    }

    @Test
    void badInputs() throws IOException {
        String tok = file("tinyllama-llama2c/tok512.bin");
        Path bad = dir.resolve("bad.txt");
        Files.write(bad, new byte[] {'o', 'k', ' ', (byte) 0xC3, 0x28});
        CliRun invalid = CliRun.run("tokenize", "--tokenizer", tok, "--file", bad.toString());
        assertEquals(1, invalid.exitCode, invalid.toString());
        assertTrue(invalid.err.contains(bad + ": at byte offset 3: the text is not valid UTF-8"), invalid.err);

        assertEquals(2, CliRun.run("tokenize", "--tokenizer", tok, "--text", "a", "--file", bad.toString()).exitCode);
        assertEquals(2, CliRun.run("tokenize", "--text", "a").exitCode);
        CliRun missing = CliRun.run("tokenize", "--tokenizer", dir.resolve("none").toString(), "--text", "a");
        assertEquals(1, missing.exitCode);
        assertTrue(missing.err.contains("no such file"), missing.err);
        CliRun notTokenizer = CliRun.run("tokenize", "--tokenizer", bad.toString(), "--text", "a");
        assertEquals(1, notTokenizer.exitCode, notTokenizer.toString());
        assertTrue(notTokenizer.err.startsWith("error: " + bad + ": at byte offset"), notTokenizer.err);
    }
}
