package io.quantbench.engine.eval;

/**
 * How far a candidate model's next-token distributions (e.g. INT4) stray from a reference model's (FP32)
 * over the same positions: the mean Kullback–Leibler divergence KL(P_reference ‖ Q_candidate) in nats,
 * and top-1 agreement, the share of positions whose greedy (argmax) token is the same.
 */
public final class LogitAgreement {

    private double klSum;
    private long sameTopToken;
    private long positions;

    /** Adds one position: both models' logits over the same vocabulary. */
    public void add(float[] referenceLogits, float[] candidateLogits) {
        klSum += klDivergence(referenceLogits, candidateLogits);
        if (LogProbabilities.argmax(referenceLogits) == LogProbabilities.argmax(candidateLogits)) {
            sameTopToken++;
        }
        positions++;
    }

    /** The number of positions added. */
    public long positions() {
        return positions;
    }

    /** Mean KL(P_reference ‖ Q_candidate) over the positions, in nats. */
    public double meanKlDivergence() {
        requirePositions();
        return klSum / positions;
    }

    /** The share of positions, 0–1, where both models' most likely token is the same. */
    public double top1Agreement() {
        requirePositions();
        return (double) sameTopToken / positions;
    }

    /**
     * KL(P ‖ Q) = Σ p_i (log p_i − log q_i) with P = softmax(reference), Q = softmax(candidate). Terms with
     * p_i = 0 contribute nothing (the limit of p log p); a token P gives weight but Q rules out gives infinity.
     */
    public static double klDivergence(float[] referenceLogits, float[] candidateLogits) {
        if (referenceLogits.length != candidateLogits.length) {
            throw new IllegalArgumentException("reference has " + referenceLogits.length + " logits but candidate has "
                    + candidateLogits.length);
        }
        double[] logP = LogProbabilities.logSoftmax(referenceLogits);
        double[] logQ = LogProbabilities.logSoftmax(candidateLogits);
        double kl = 0;
        for (int i = 0; i < logP.length; i++) {
            double p = Math.exp(logP[i]);
            if (p > 0) {
                kl += p * (logP[i] - logQ[i]);
            }
        }
        return Math.max(kl, 0.0);                     // rounding can leave a tiny negative for identical P and Q
    }

    private void requirePositions() {
        if (positions == 0) {
            throw new IllegalStateException("no positions added");
        }
    }
}
