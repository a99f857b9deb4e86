package io.quantbench.engine.eval;

import java.util.List;

/**
 * How a SQuAD question is put to each model family, and how its answer is cut out of what the model
 * generates. Chat formats are those of the shared reference/FORMATS.md (§1.4 BitNet b1.58 2B4T, §4.3
 * Gemma 3); special tokens are written as their text, so the engine's tokenizer must encode them as
 * special tokens, and no further BOS is to be added for the chat formats.
 */
public enum PromptTemplate {

    /**
     * llama2.c-style models (TinyStories): plain text with no chat turns, ending in "Answer:" for the model
     * to continue; the tokenizer adds BOS as llama2.c does. The answer is the rest of that line.
     */
    LLAMA2C_PLAIN("llama2c", List.of("\n")) {
        @Override
        public String render(SquadQuestion question) {
            return "Context: " + question.context() + "\nQuestion: " + question.question() + "\nAnswer:";
        }
    },

    /** BitNet b1.58 2B4T: {@code <|begin_of_text|>User: {msg}<|eot_id|>Assistant: }; generation stops at {@code <|eot_id|>}. */
    BITNET_CHAT("bitnet", List.of("<|eot_id|>", "<|end_of_text|>")) {
        @Override
        public String render(SquadQuestion question) {
            return "<|begin_of_text|>User: " + userMessage(question) + "<|eot_id|>Assistant: ";
        }
    },

    /**
     * Gemma 3: {@code <bos><start_of_turn>user\n{msg}<end_of_turn>\n<start_of_turn>model\n}; the model's
     * turn ends with {@code <end_of_turn>}.
     */
    GEMMA3_CHAT("gemma3", List.of("<end_of_turn>", "<eos>")) {
        @Override
        public String render(SquadQuestion question) {
            return "<bos><start_of_turn>user\n" + userMessage(question) + "<end_of_turn>\n<start_of_turn>model\n";
        }
    };

    private final String familyName;
    private final List<String> stopStrings;

    PromptTemplate(String familyName, List<String> stopStrings) {
        this.familyName = familyName;
        this.stopStrings = stopStrings;
    }

    /** The prompt for {@code question}. */
    public abstract String render(SquadQuestion question);

    /** The short name of the model family: llama2c, bitnet, gemma3. */
    public String familyName() {
        return familyName;
    }

    /** Texts that end the model's answer (its end-of-turn tokens; a newline for plain text). */
    public List<String> stopStrings() {
        return stopStrings;
    }

    /**
     * The answer in {@code generated}: the text before the first stop string, leading whitespace dropped,
     * then its first line, stripped.
     */
    public String extractAnswer(String generated) {
        int end = generated.length();
        for (String stop : stopStrings) {
            int at = generated.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String answer = PythonText.strip(generated.substring(0, end));
        int newline = answer.indexOf('\n');
        return PythonText.strip(newline < 0 ? answer : answer.substring(0, newline));
    }

    /** The template of a family name (llama2c, bitnet, gemma3). */
    public static PromptTemplate byFamily(String name) {
        return NamedChoices.byName(values(), PromptTemplate::familyName, name, "model family");
    }

    /** The instruction, passage and question, for the chat formats' user turn. */
    static String userMessage(SquadQuestion question) {
        return "Answer the question with a short phrase taken from the passage.\n\nPassage: " + question.context()
                + "\n\nQuestion: " + question.question();
    }
}
