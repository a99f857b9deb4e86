package io.quantbench.engine.adaptive;

import io.quantbench.engine.kernel.KernelPool;
import io.quantbench.engine.model.Generator;
import io.quantbench.engine.model.Sampler;
import io.quantbench.engine.model.Transformer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Token sequences to calibrate and evaluate on. A trained model's own samples are text of the kind it was trained on
 * (stories for stories260K) with no dataset to ship; different seeds give the calibration and the evaluation text, so
 * importance is never judged on the text it was measured on. A synthetic model knows no text: uniform random tokens
 * serve there.
 */
public final class TokenSequences {

    private TokenSequences() {
    }

    /**
     * {@code count} sequences of {@code length} tokens sampled from {@code model} at temperature 1, each starting with
     * {@code start} (BOS) and drawn with seed {@code seed + i}.
     */
    public static List<int[]> sampled(Transformer model, int start, int count, int length, long seed, KernelPool pool) {
        check(count, length, model.config().contextLength());
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] generated = Generator.generate(model, model.newState(length, 1, pool.threads()), pool, new int[] {start},
                    length - 1, new Sampler(1f, seed + i, model.vocabSize()), new int[0], id -> { }).generated();
            int[] sequence = new int[generated.length + 1];
            sequence[0] = start;
            System.arraycopy(generated, 0, sequence, 1, generated.length);
            out.add(sequence);
        }
        return List.copyOf(out);
    }

    /** {@code count} sequences of {@code length} uniform random tokens below {@code vocab}. */
    public static List<int[]> random(int vocab, int count, int length, long seed, int contextLength) {
        check(count, length, contextLength);
        Random random = new Random(seed);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(random.ints(length, 0, vocab).toArray());
        }
        return List.copyOf(out);
    }

    private static void check(int count, int length, int context) {
        if (count <= 0 || length < 2 || length > context) {
            throw new IllegalArgumentException("need at least 1 sequence of 2 to " + context + " tokens, got " + count
                    + " of " + length);
        }
    }
}
