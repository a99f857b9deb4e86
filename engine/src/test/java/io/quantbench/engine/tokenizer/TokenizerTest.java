package io.quantbench.engine.tokenizer;

import io.quantbench.engine.Fixtures;
import io.quantbench.engine.io.FileFormatException;
import io.quantbench.engine.io.GgufFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Special tokens, BOS, decoding, llama2.c vocabularies, file detection and bad tokenizer files. */
class TokenizerTest {

    @TempDir
    Path dir;

    private static Tokenizer llama3() throws IOException {
        return Tokenizers.fromTiktoken(Fixtures.require("llamacpp-vocab/llama3-tiktoken/tokenizer.model"));
    }

    private static Tokenizer gpt2() throws IOException {
        try (GgufFile gguf = GgufFile.open(Fixtures.require("llamacpp-vocab/ggml-vocab-gpt-2.gguf"))) {
            return Tokenizers.fromGguf(gguf);
        }
    }

    private static int count(int[] ids, int id) {
        return (int) Arrays.stream(ids).filter(i -> i == id).count();
    }

    @Test
    void llama3SpecialTokensAreTextUnlessParsed() throws IOException {
        Tokenizer t = llama3();
        Vocabulary v = t.vocabulary();
        assertEquals(128256, v.size());
        // Ids from FORMATS.md §6.2.
        assertEquals(128000, v.id("<|begin_of_text|>"));
        assertEquals(128001, v.id("<|end_of_text|>"));
        assertEquals(128006, v.id("<|start_header_id|>"));
        assertEquals(128007, v.id("<|end_header_id|>"));
        assertEquals(128008, v.id("<|eom_id|>"));
        assertEquals(128009, v.id("<|eot_id|>"));
        assertEquals(128000, v.bos());
        assertEquals(128009, v.eot());

        String text = "Hi<|eot_id|>";
        int[] parsed = t.encode(text, false, true);
        assertEquals(128009, parsed[parsed.length - 1]);
        assertArrayEquals(t.encode("Hi", false, false), Arrays.copyOf(parsed, parsed.length - 1));
        int[] plain = t.encode(text, false, false);
        assertEquals(0, count(plain, 128009), "without parsing, <|eot_id|> is plain text");
        assertEquals(text, t.decode(plain, false));
        assertEquals(text, t.decode(parsed, true));
        assertEquals("Hi", t.decode(parsed, false), "control tokens are left out unless rendered");
    }

    @Test
    void bosComesFirstOnlyWhenAsked() throws IOException {
        Tokenizer t = llama3();
        int[] without = t.encode("Hello", false, false);
        int[] with = t.encode("Hello", true, false);
        assertEquals(128000, with[0]);
        assertArrayEquals(without, Arrays.copyOfRange(with, 1, with.length));
    }

    @Test
    void gpt2EndOfTextIsOneTokenOnlyWhenParsed() throws IOException {
        Tokenizer t = gpt2();
        assertEquals(50256, t.vocabulary().bos());
        assertArrayEquals(new int[] {50256}, t.encode("<|endoftext|>", false, true));
        int[] plain = t.encode("<|endoftext|>", false, false);
        assertTrue(plain.length > 1 && count(plain, 50256) == 0, Arrays.toString(plain));
        assertEquals("<|endoftext|>", t.decode(plain, false));
    }

    @Test
    void llama2cTok512ReadsAndEncodesTheGreedySample() throws IOException {
        Tokenizer t = Tokenizers.fromLlama2c(Fixtures.require("tinyllama-llama2c/tok512.bin"));
        Vocabulary v = t.vocabulary();
        // PROVENANCE.md §1: 512 tokens; 0-2 are <unk>, BOS, EOS; 3-258 are <0x00>..<0xFF>.
        assertEquals(512, v.size());
        assertEquals("<unk>", v.token(0));
        assertEquals(1, v.bos());
        assertEquals(2, v.eos());
        assertEquals("<0x00>", v.token(3));
        assertEquals("<0xFF>", v.token(258));
        assertEquals(TokenType.BYTE, v.type(3 + 'A'));
        // The first tokens of karpathy's greedy stories260K sample, and its text (PROVENANCE.md §1).
        int[] sample = {1, 403, 407, 261, 378, 432, 383, 286, 261, 376, 298};
        String text = t.decode(sample, false);
        assertTrue("Once upon a time, there was a little girl named Lily.".startsWith(text) && text.length() > 30, text);
        assertArrayEquals(sample, t.encode(text, true, false));
        assertEquals("\n<s>\n" + text, t.decode(sample, true), "BOS rendered, and the space after it stripped");
    }

    @Test
    void sentencePieceFallsBackToBytes() throws IOException {
        Tokenizer t = Tokenizers.fromLlama2c(Fixtures.require("tinyllama-llama2c/tok512.bin"));
        String text = "漢字";                                 // not in a 512-token vocabulary of English stories
        int[] ids = t.encode(text, false, false);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int[] bytes = Arrays.copyOfRange(ids, ids.length - utf8.length, ids.length);
        for (int i = 0; i < utf8.length; i++) {
            assertEquals((utf8[i] & 0xFF) + 3, bytes[i], "byte " + i + " is token <0xXX> = byte + 3 (FORMATS.md §7)");
        }
        assertEquals(text, t.decode(ids, false));
    }

    @Test
    void llamaSpmDecodesWithoutTheSpacePrefix() throws IOException {
        try (GgufFile gguf = GgufFile.open(Fixtures.require("llamacpp-vocab/ggml-vocab-llama-spm.gguf"))) {
            Tokenizer t = Tokenizers.fromGguf(gguf);
            assertArrayEquals(new int[] {1, 15043, 3186}, t.encode("Hello world", true, false));  // ids as in the .out file
            assertEquals("Hello world", t.decode(t.encode("Hello world", true, false), false));
            assertEquals("Hello\n world", t.decode(t.encode("Hello\n world", false, false), false));
        }
    }

    @Test
    void aLongRunWithoutSpacesDoesNotHang() throws IOException {
        Tokenizer t = Tokenizers.fromLlama2c(Fixtures.require("tinyllama-llama2c/tokenizer.bin"));
        String text = "ab".repeat(50_000);
        int[] ids = t.encode(text, false, false);
        assertEquals(text, t.decode(ids, false));
        Tokenizer g = gpt2();
        assertEquals(text, g.decode(g.encode(text, false, false), false));
    }

    @Test
    void detectsEachKindOfFile() throws IOException {
        assertEquals(Tokenizers.Kind.GGUF, Tokenizers.detect(Fixtures.require("llamacpp-vocab/ggml-vocab-gpt-2.gguf")));
        assertEquals(Tokenizers.Kind.TIKTOKEN, Tokenizers.detect(Fixtures.require("llamacpp-vocab/llama3-tiktoken/tokenizer.model")));
        assertEquals(Tokenizers.Kind.LLAMA2C, Tokenizers.detect(Fixtures.require("tinyllama-llama2c/tok512.bin")));
        assertEquals(32000, Tokenizers.open(Fixtures.require("tinyllama-llama2c/tokenizer.bin")).vocabulary().size());
    }

    @Test
    void specialIdsOutsideTheVocabularyAreIgnoredAsLlamaCppDoes() throws IOException {
        Path file = dir.resolve("ids.gguf");
        new io.quantbench.engine.io.GgufWriter()
                .put("tokenizer.ggml.model", io.quantbench.engine.io.GgufValue.string("gpt2"))
                .put("tokenizer.ggml.tokens", io.quantbench.engine.io.GgufValue.strings("a", "b", "ab"))
                .put("tokenizer.ggml.merges", io.quantbench.engine.io.GgufValue.strings("a b"))
                .put("tokenizer.ggml.bos_token_id", io.quantbench.engine.io.GgufValue.u32(0xFFFF_FFFFL))
                .put("tokenizer.ggml.eos_token_id", io.quantbench.engine.io.GgufValue.u32(2))
                .write(file);
        Tokenizer t = Tokenizers.open(file);
        assertEquals(Vocabulary.NONE, t.vocabulary().bos(), "-1 written as u32");
        assertEquals(2, t.vocabulary().eos());
        assertArrayEquals(new int[] {2, 0}, t.encode("aba", false, false));
        assertThrows(IllegalStateException.class, () -> t.encode("a", true, false));
    }

    @Test
    void badTokenizerFilesGiveClearErrors() throws IOException {
        byte[] tok512 = Files.readAllBytes(Fixtures.require("tinyllama-llama2c/tok512.bin"));
        Path cut = dir.resolve("cut.bin");
        Files.write(cut, Arrays.copyOf(tok512, 3000));
        FileFormatException e = assertThrows(FileFormatException.class, () -> Tokenizers.open(cut));
        assertTrue(e.getMessage().startsWith(cut + ": at byte offset") && e.getMessage().contains("truncated"), e.getMessage());

        byte[] bigLength = tok512.clone();
        bigLength[8] = (byte) 0xFF;                              // first token's length: 255 > max_token_length 7
        Path bad = dir.resolve("bad.bin");
        Files.write(bad, bigLength);
        e = assertThrows(FileFormatException.class, () -> Tokenizers.open(bad));
        assertTrue(e.getMessage().contains("at byte offset 8") && e.getMessage().contains("max_token_length"), e.getMessage());

        Path tiktoken = dir.resolve("tokenizer.model");
        Files.writeString(tiktoken, "IQ== 0\nIg== 1\n@@notbase64 2\n");
        e = assertThrows(FileFormatException.class, () -> Tokenizers.open(tiktoken));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        Files.writeString(tiktoken, "IQ== 0\nIg== 1\n");
        e = assertThrows(FileFormatException.class, () -> Tokenizers.open(tiktoken));
        assertTrue(e.getMessage().contains("has 2 ranked tokens"), e.getMessage());

        Path empty = dir.resolve("empty");
        Files.write(empty, new byte[0]);
        e = assertThrows(FileFormatException.class, () -> Tokenizers.open(empty));
        assertTrue(e.getMessage().contains("not a tokenizer file"), e.getMessage());
    }
}
