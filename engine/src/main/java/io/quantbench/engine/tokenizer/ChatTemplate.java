package io.quantbench.engine.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The chat prompt formats of the instruction-tuned models quantbench runs (reference/FORMATS.md §1.4, §4.3).
 * {@link #render} gives the prompt text without BOS; {@link #encode} adds BOS through the tokenizer and parses
 * the turn markers as special tokens. Message text is trimmed of surrounding whitespace, as llama.cpp's
 * built-in templates do.
 */
public enum ChatTemplate {

    /**
     * BitNet b1.58 2B4T: {@code User: {msg}<|eot_id|>Assistant: }, each finished turn ending in
     * {@code <|eot_id|>}. A system turn is written {@code System: {sys}<|eot_id|>} first; that form follows the
     * same pattern but is UNCONFIRMED (FORMATS.md §1.4).
     */
    BITNET_2B4T {
        @Override
        String renderText(List<Message> messages, boolean addGenerationPrompt) {
            StringBuilder b = new StringBuilder();
            for (Message m : messages) {
                String role = m.role.equals("system") ? "System" : m.role.equals("user") ? "User" : "Assistant";
                b.append(role).append(": ").append(m.content.strip()).append("<|eot_id|>");
            }
            if (addGenerationPrompt) {
                b.append("Assistant: ");
            }
            return b.toString();
        }

        @Override
        List<String> stopTexts() {
            return List.of("<|eot_id|>", "<|end_of_text|>");
        }
    },

    /**
     * Gemma 3: {@code <start_of_turn>user\n{msg}<end_of_turn>\n<start_of_turn>model\n}. The model's role is
     * {@code model}; a system prompt has no turn of its own and is put in front of the first user message,
     * followed by a blank line (FORMATS.md §4.3).
     */
    GEMMA3 {
        @Override
        String renderText(List<Message> messages, boolean addGenerationPrompt) {
            StringBuilder b = new StringBuilder();
            StringBuilder system = new StringBuilder();
            for (Message m : messages) {
                if (m.role.equals("system")) {
                    system.append(m.content.strip());
                    continue;
                }
                String role = m.role.equals("assistant") ? "model" : "user";
                b.append("<start_of_turn>").append(role).append('\n');
                if (system.length() > 0 && role.equals("user")) {
                    b.append(system).append("\n\n");
                    system.setLength(0);
                }
                b.append(m.content.strip()).append("<end_of_turn>\n");
            }
            if (addGenerationPrompt) {
                b.append("<start_of_turn>model\n");
            }
            return b.toString();
        }

        @Override
        List<String> stopTexts() {
            return List.of("<end_of_turn>", "<eos>");
        }
    };

    /** One turn: role {@code system}, {@code user} or {@code assistant}, and its text. */
    public static final class Message {
        final String role;
        final String content;

        public Message(String role, String content) {
            if (!role.equals("system") && !role.equals("user") && !role.equals("assistant")) {
                throw new IllegalArgumentException("role '" + role + "' is not one of system, user, assistant");
            }
            this.role = role;
            this.content = Objects.requireNonNull(content);
        }

        public static Message system(String content) {
            return new Message("system", content);
        }

        public static Message user(String content) {
            return new Message("user", content);
        }

        public static Message assistant(String content) {
            return new Message("assistant", content);
        }
    }

    abstract String renderText(List<Message> messages, boolean addGenerationPrompt);

    abstract List<String> stopTexts();

    /** The prompt text, without BOS; {@code addGenerationPrompt} ends it with the opening of the model's turn. */
    public final String render(List<Message> messages, boolean addGenerationPrompt) {
        return renderText(messages, addGenerationPrompt);
    }

    /** BOS, then the prompt with its turn markers as special tokens. */
    public final int[] encode(Tokenizer tokenizer, List<Message> messages, boolean addGenerationPrompt) {
        return tokenizer.encode(render(messages, addGenerationPrompt), true, true);
    }

    /** The ids that end the model's turn in {@code vocabulary} (those of the stop texts it has). */
    public final int[] stopTokens(Vocabulary vocabulary) {
        List<Integer> ids = new ArrayList<>();
        for (String text : stopTexts()) {
            int id = vocabulary.id(text);
            if (id != Vocabulary.NONE) {
                ids.add(id);
            }
        }
        if (vocabulary.eos() != Vocabulary.NONE && !ids.contains(vocabulary.eos())) {
            ids.add(vocabulary.eos());
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }
}
