package io.quantbench.engine.tokenizer;

import io.quantbench.engine.io.GgufFile;
import io.quantbench.engine.io.GgufValue;
import io.quantbench.engine.io.GgufWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A SentencePiece GGUF vocabulary laid out as Gemma's is (FORMATS.md §4.3, §6.3): {@code add_space_prefix} false,
 * byte tokens, control tokens for the chat turns and a user-defined token. There is no Gemma vocabulary among the
 * fixtures, so this one is small and every expected id is worked out by hand from the algorithm in §6.3.
 */
class GemmaStyleVocabularyTest {

    private static final int BYTES = 4;                 // <0x00> is id 4
    private static final int SPACE = 260;
    private static final int HI = 263;
    private static final int SPACE_HI = 265;
    private static final int START_OF_TURN = 266;
    private static final int BOLD = 267;

    private static Tokenizer tokenizer;

    @BeforeAll
    static void write(@TempDir Path dir) throws IOException {
        List<String> tokens = new ArrayList<>(List.of("<pad>", "<eos>", "<bos>", "<unk>"));
        List<Float> scores = new ArrayList<>(List.of(0f, 0f, 0f, 0f));
        List<Integer> types = new ArrayList<>(List.of(3, 3, 3, 2));
        for (int b = 0; b < 256; b++) {
            tokens.add(String.format("<0x%02X>", b));
            scores.add(0f);
            types.add(6);
        }
        String[] pieces = {"\u2581", "H", "i", "Hi", "\u2581H", "\u2581Hi", "<start_of_turn>", "<b>"};
        float[] pieceScores = {-1f, -2f, -3f, -0.5f, -4f, -0.25f, 0f, 0f};
        int[] pieceTypes = {1, 1, 1, 1, 1, 1, 3, 4};
        for (int i = 0; i < pieces.length; i++) {
            tokens.add(pieces[i]);
            scores.add(pieceScores[i]);
            types.add(pieceTypes[i]);
        }
        float[] scoreArray = new float[scores.size()];
        for (int i = 0; i < scoreArray.length; i++) {
            scoreArray[i] = scores.get(i);
        }
        Path file = dir.resolve("gemma-style.gguf");
        new GgufWriter()
                .put("general.architecture", GgufValue.string("gemma3"))
                .put("tokenizer.ggml.model", GgufValue.string("llama"))
                .put("tokenizer.ggml.add_space_prefix", GgufValue.bool(false))
                .put("tokenizer.ggml.tokens", GgufValue.strings(tokens.toArray(new String[0])))
                .put("tokenizer.ggml.scores", GgufValue.float32s(scoreArray))
                .put("tokenizer.ggml.token_type", GgufValue.int32s(types.stream().mapToInt(Integer::intValue).toArray()))
                .put("tokenizer.ggml.bos_token_id", GgufValue.u32(2))
                .put("tokenizer.ggml.eos_token_id", GgufValue.u32(1))
                .put("tokenizer.ggml.unknown_token_id", GgufValue.u32(3))
                .write(file);
        try (GgufFile gguf = GgufFile.open(file)) {
            tokenizer = Tokenizers.fromGguf(gguf);
        }
    }

    private static int[] bytesOf(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[utf8.length];
        for (int i = 0; i < utf8.length; i++) {
            ids[i] = BYTES + (utf8[i] & 0xFF);
        }
        return ids;
    }

    @Test
    void noSpacePrefixAndHighestScoreMergesFirst() {
        // "Hi Hi" -> H i ▁ H i: "Hi" (-0.5) twice, leftmost first, then "▁Hi" (-0.25) beats "▁H" (-4).
        assertArrayEquals(new int[] {HI, SPACE_HI}, tokenizer.encode("Hi Hi", false, false));
        assertArrayEquals(new int[] {SPACE_HI}, tokenizer.encode(" Hi", false, false));
        assertArrayEquals(new int[] {2, HI}, tokenizer.encode("Hi", true, false));
        assertEquals("Hi Hi", tokenizer.decode(new int[] {HI, SPACE_HI}, false));
    }

    @Test
    void unknownCharactersFallBackToBytes() {
        int[] ids = tokenizer.encode("Hé", false, false);
        int[] expected = new int[1 + 2];
        expected[0] = 261;                                // "H" is a token; "é" is not, so its two UTF-8 bytes are emitted
        System.arraycopy(bytesOf("é"), 0, expected, 1, 2);
        assertArrayEquals(expected, ids);
        assertEquals("Hé", tokenizer.decode(ids, false));
    }

    @Test
    void userDefinedTokensAreAlwaysSplitControlTokensOnlyWhenParsed() {
        assertArrayEquals(new int[] {BOLD, HI}, tokenizer.encode("<b>Hi", false, false));
        int[] plain = tokenizer.encode("<start_of_turn>Hi", false, false);
        int[] expected = new int[15 + 1];
        System.arraycopy(bytesOf("<start_of_turn>"), 0, expected, 0, 15);
        expected[15] = HI;
        assertArrayEquals(expected, plain);
        assertArrayEquals(new int[] {START_OF_TURN, HI}, tokenizer.encode("<start_of_turn>Hi", false, true));
    }

    @Test
    void gemmaChatPromptUsesTheTurnTokens() {
        int[] ids = ChatTemplate.GEMMA3.encode(tokenizer, List.of(ChatTemplate.Message.user("Hi")), true);
        assertEquals(2, ids[0], "BOS");
        assertEquals(START_OF_TURN, ids[1]);
        assertEquals(2, java.util.Arrays.stream(ids).filter(id -> id == START_OF_TURN).count(), "the user turn and the model turn");
        assertEquals("<start_of_turn>user\nHi<end_of_turn>\n<start_of_turn>model\n",
                tokenizer.decode(java.util.Arrays.copyOfRange(ids, 1, ids.length), true));
        assertEquals(SPACE, tokenizer.vocabulary().id("\u2581"));
    }
}
