package io.quantbench.engine.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A SQuAD QA run without the model: each question is rendered with the model family's template, handed to
 * a {@link TextGenerator} (the engine plugs in here), the answer is extracted from the generated text and
 * scored against every gold answer. The report holds each result and the means over the questions.
 */
public final class SquadHarness {

    /** The model: a prompt in, generated text out. */
    @FunctionalInterface
    public interface TextGenerator {
        String generate(String prompt);
    }

    /** One question's run. */
    public record Result(SquadQuestion question, String prompt, String generated, String answer, SquadScorer.Scores scores) {
    }

    /**
     * All results and their means: exact match and F1 on SQuAD's 0–100 scale, ROUGE-1 F-measure and METEOR on
     * 0–1, BLEU on sacreBLEU's 0–100.
     */
    public record Report(List<Result> results, double exactMatch, double f1, double rouge1, double bleu, double meteor) {
    }

    private final PromptTemplate template;
    private final SquadScorer scorer;

    public SquadHarness(PromptTemplate template, SquadScorer scorer) {
        this.template = template;
        this.scorer = scorer;
    }

    /** Runs every question through {@code model}. */
    public Report run(List<SquadQuestion> questions, TextGenerator model) {
        if (questions.isEmpty()) {
            throw new IllegalArgumentException("no questions to run");
        }
        List<Result> results = new ArrayList<>();
        for (SquadQuestion question : questions) {
            String prompt = template.render(question);
            String generated = model.generate(prompt);
            String answer = template.extractAnswer(generated);
            results.add(new Result(question, prompt, generated, answer, scorer.score(answer, question.goldAnswers())));
        }
        return new Report(List.copyOf(results),
                100 * mean(results, s -> s.exactMatch()), 100 * mean(results, s -> s.f1()),
                mean(results, s -> s.rouge1().fmeasure()), mean(results, s -> s.bleu()), mean(results, s -> s.meteor()));
    }

    private static double mean(List<Result> results, ToDoubleFunction<SquadScorer.Scores> metric) {
        return results.stream().mapToDouble(result -> metric.applyAsDouble(result.scores())).average().orElseThrow();
    }
}
