package io.quantbench.engine.tokenizer;

import io.quantbench.engine.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static io.quantbench.engine.tokenizer.ChatTemplate.Message.assistant;
import static io.quantbench.engine.tokenizer.ChatTemplate.Message.system;
import static io.quantbench.engine.tokenizer.ChatTemplate.Message.user;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The chat formats, against the prompts FORMATS.md §1.4 and §4.3 spell out. */
class ChatTemplateTest {

    @Test
    void bitnetPromptIsUserTurnThenAssistant() {
        // FORMATS.md §1.4: <|begin_of_text|>User: {msg}<|eot_id|>Assistant: (BOS comes from the tokenizer).
        assertEquals("User: Hey, are you conscious?<|eot_id|>Assistant: ",
                ChatTemplate.BITNET_2B4T.render(List.of(user("Hey, are you conscious?")), true));
        assertEquals("System: Be brief.<|eot_id|>User: Hi<|eot_id|>Assistant: Hello!<|eot_id|>User: Again<|eot_id|>",
                ChatTemplate.BITNET_2B4T.render(List.of(system("Be brief."), user(" Hi\n"), assistant("Hello!"), user("Again")), false));
    }

    @Test
    void bitnetPromptEncodesWithTheLlama3SpecialTokens() throws IOException {
        Tokenizer t = Tokenizers.fromTiktoken(Fixtures.require("llamacpp-vocab/llama3-tiktoken/tokenizer.model"));
        int[] ids = ChatTemplate.BITNET_2B4T.encode(t, List.of(user("Hi")), true);
        int[] user = t.encode("User: Hi", false, false);
        int[] assistant = t.encode("Assistant: ", false, false);
        int[] expected = new int[1 + user.length + 1 + assistant.length];
        expected[0] = 128000;
        System.arraycopy(user, 0, expected, 1, user.length);
        expected[1 + user.length] = 128009;
        System.arraycopy(assistant, 0, expected, 2 + user.length, assistant.length);
        assertArrayEquals(expected, ids);
        int[] stops = ChatTemplate.BITNET_2B4T.stopTokens(t.vocabulary());
        Arrays.sort(stops);
        assertArrayEquals(new int[] {128001, 128009}, stops);
    }

    @Test
    void gemmaPromptUsesModelRoleAndMergesTheSystemPrompt() {
        // FORMATS.md §4.3: <bos><start_of_turn>user\n{msg}<end_of_turn>\n<start_of_turn>model\n
        assertEquals("<start_of_turn>user\nWhat is 2+2?<end_of_turn>\n<start_of_turn>model\n",
                ChatTemplate.GEMMA3.render(List.of(user("What is 2+2?")), true));
        assertEquals("<start_of_turn>user\nAnswer in French.\n\nHello<end_of_turn>\n<start_of_turn>model\nBonjour<end_of_turn>\n",
                ChatTemplate.GEMMA3.render(List.of(system("Answer in French."), user("Hello"), assistant("Bonjour")), false));
    }

    @Test
    void rolesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new ChatTemplate.Message("tool", "x"));
    }
}
