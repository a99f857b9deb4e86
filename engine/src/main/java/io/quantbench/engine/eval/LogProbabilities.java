package io.quantbench.engine.eval;

/**
 * Log-probabilities from logits, computed in double precision with the log-sum-exp shift so that large
 * logits neither overflow ({@code exp(1000)}) nor small ones underflow to a log of zero.
 *
 * <p>Logits must be finite or minus infinity (a masked token); NaN or plus infinity is an error, since no
 * distribution follows from them.
 */
public final class LogProbabilities {

    private LogProbabilities() {
    }

    /** log Σ exp(x_i) = m + log Σ exp(x_i − m) with m = max x_i. */
    public static double logSumExp(float[] logits) {
        double max = max(logits);
        double sum = 0;
        for (float logit : logits) {
            sum += Math.exp(logit - max);            // each term in (0, 1], the largest exactly 1
        }
        return max + Math.log(sum);
    }

    /** log softmax: x_i − logSumExp(x). */
    public static double[] logSoftmax(float[] logits) {
        double normalizer = logSumExp(logits);
        double[] logProbabilities = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            logProbabilities[i] = logits[i] - normalizer;
        }
        return logProbabilities;
    }

    /** The index of the largest logit, the first on a tie (the greedy token). */
    public static int argmax(float[] logits) {
        check(logits);
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double max(float[] logits) {
        check(logits);
        double max = Double.NEGATIVE_INFINITY;
        for (float logit : logits) {
            max = Math.max(max, logit);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("every logit is -infinity: no distribution");
        }
        return max;
    }

    private static void check(float[] logits) {
        if (logits.length == 0) {
            throw new IllegalArgumentException("no logits");
        }
        for (int i = 0; i < logits.length; i++) {
            if (Float.isNaN(logits[i]) || logits[i] == Float.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("logit " + i + " is " + logits[i] + "; logits must be finite or -infinity");
            }
        }
    }
}
