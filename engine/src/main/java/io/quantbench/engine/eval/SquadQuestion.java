package io.quantbench.engine.eval;

import java.util.List;

/**
 * One SQuAD v1.1 question with what a QA run needs.
 *
 * @param id           the question id, e.g. {@code 56be4db0acb8001400a502ec}
 * @param title        the article title, e.g. {@code Super_Bowl_50}
 * @param context      the paragraph the answer is taken from
 * @param question     the question text
 * @param goldAnswers  every gold answer text, in file order (SQuAD scores against the best of them)
 */
public record SquadQuestion(String id, String title, String context, String question, List<String> goldAnswers) {

    public SquadQuestion {
        goldAnswers = List.copyOf(goldAnswers);
        if (goldAnswers.isEmpty()) {
            throw new IllegalArgumentException("question " + id + " has no gold answer");
        }
    }
}
