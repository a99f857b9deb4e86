package io.quantbench.engine.adaptive;

import io.quantbench.engine.eval.LogitAgreement;
import io.quantbench.engine.eval.Perplexity;
import io.quantbench.engine.kernel.KernelPool;
import io.quantbench.engine.model.LinearInputObserver;
import io.quantbench.engine.model.RunState;
import io.quantbench.engine.model.Transformer;

import java.util.List;

/**
 * A reference model's (FP32's) next-token scores at every position of some token sequences, kept so that any
 * candidate (the same model in other formats) can be compared with them position by position: mean KL divergence
 * from the reference, top-1 agreement, and the candidate's perplexity on the sequences.
 *
 * <p>Sequences are run one token per forward call, because a batched prefill yields only the last position's
 * scores; the models this is meant for (stories260K, a calibration of a few dozen tokens) make that cheap.
 */
public final class ReferenceLogits {

    /**
     * How a candidate's distributions compare with the reference's.
     *
     * @param meanKl        mean KL(reference ‖ candidate) over all positions, in nats
     * @param top1          share of positions where both pick the same most likely token
     * @param perplexity    the candidate's perplexity on the sequences (each position predicting the next token)
     * @param klPerSequence mean KL of each sequence: the independent units when an interval is wanted
     */
    public record Agreement(double meanKl, double top1, double perplexity, double[] klPerSequence) {
    }

    private final List<int[]> sequences;
    /** [sequence][position][token]. */
    private final float[][][] logits;
    private final Agreement self;

    private ReferenceLogits(List<int[]> sequences, float[][][] logits) {
        this.sequences = sequences;
        this.logits = logits;
        this.self = agreement(logits);
    }

    /**
     * Runs {@code reference} over {@code sequences} and keeps its scores; {@code observer} (or null) sees every linear
     * layer's input on the way, so that calibration statistics come from the same pass.
     *
     * @throws IllegalArgumentException if there is no sequence, one is shorter than 2 tokens, or longer than the model's context
     */
    public static ReferenceLogits of(Transformer reference, List<int[]> sequences, KernelPool pool, LinearInputObserver observer) {
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("no token sequences to run the reference model over");
        }
        float[][][] logits = new float[sequences.size()][][];
        for (int i = 0; i < sequences.size(); i++) {
            if (sequences.get(i).length < 2) {
                throw new IllegalArgumentException("sequence " + i + " has " + sequences.get(i).length
                        + " tokens; at least 2 are needed (one to predict from, one to predict)");
            }
            logits[i] = run(reference, sequences.get(i), pool, observer);
        }
        return new ReferenceLogits(List.copyOf(sequences), logits);
    }

    /** The sequences, as given. */
    public List<int[]> sequences() {
        return sequences;
    }

    /** Tokens over all sequences. */
    public int tokens() {
        return sequences.stream().mapToInt(s -> s.length).sum();
    }

    /** The reference against itself: KL 0, agreement 1, and its own perplexity. */
    public Agreement reference() {
        return self;
    }

    /** Runs {@code candidate} over the same sequences and compares its scores with the reference's. */
    public Agreement compare(Transformer candidate, KernelPool pool) {
        float[][][] candidateLogits = new float[sequences.size()][][];
        for (int i = 0; i < sequences.size(); i++) {
            candidateLogits[i] = run(candidate, sequences.get(i), pool, null);
        }
        return agreement(candidateLogits);
    }

    private Agreement agreement(float[][][] candidate) {
        LogitAgreement all = new LogitAgreement();
        Perplexity perplexity = new Perplexity();
        double[] perSequence = new double[sequences.size()];
        for (int i = 0; i < sequences.size(); i++) {
            int[] tokens = sequences.get(i);
            LogitAgreement one = new LogitAgreement();
            for (int p = 0; p < tokens.length; p++) {
                if (candidate[i][p].length != logits[i][p].length) {
                    throw new IllegalArgumentException("the candidate scores " + candidate[i][p].length
                            + " tokens, the reference " + logits[i][p].length + ": not the same model");
                }
                all.add(logits[i][p], candidate[i][p]);
                one.add(logits[i][p], candidate[i][p]);
                if (p + 1 < tokens.length) {
                    perplexity.add(candidate[i][p], tokens[p + 1]);
                }
            }
            perSequence[i] = one.meanKlDivergence();
        }
        return new Agreement(all.meanKlDivergence(), all.top1Agreement(), perplexity.perplexity(), perSequence);
    }

    /** The scores after each token of {@code tokens}, fed one at a time from position 0. */
    private static float[][] run(Transformer model, int[] tokens, KernelPool pool, LinearInputObserver observer) {
        RunState state = model.newState(tokens.length, 1, pool.threads());
        state.observeLinearInputs(observer);
        float[][] out = new float[tokens.length][];
        for (int p = 0; p < tokens.length; p++) {
            out[p] = model.forward(state, tokens, p, 1, pool).clone();
        }
        return out;
    }
}
