package io.quantbench.engine.eval;

/**
 * Perplexity of a model over a token sequence, accumulated one position at a time:
 * exp of the mean negative log-likelihood of each next token under the model's logits.
 *
 * <p>Feed {@link #add} the logits at position t and the token that actually follows; perplexity is
 * {@code exp(-(1/T) Σ log p(token_t))}. A uniform distribution over V tokens has perplexity V.
 */
public final class Perplexity {

    private double negativeLogLikelihoodSum;
    private long tokens;

    /** Adds one position: the model's logits and the index of the true next token. */
    public void add(float[] logits, int target) {
        if (target < 0 || target >= logits.length) {
            throw new IllegalArgumentException("target token " + target + " is outside the " + logits.length + " logits");
        }
        negativeLogLikelihoodSum += LogProbabilities.logSumExp(logits) - logits[target];
        tokens++;
    }

    /** The number of positions added. */
    public long tokens() {
        return tokens;
    }

    /** Mean negative log-likelihood in nats per token (the cross-entropy). */
    public double meanNegativeLogLikelihood() {
        if (tokens == 0) {
            throw new IllegalStateException("no tokens added");
        }
        return negativeLogLikelihoodSum / tokens;
    }

    /** exp(mean negative log-likelihood). */
    public double perplexity() {
        return Math.exp(meanNegativeLogLikelihood());
    }
}
