package io.quantbench.engine.model;

/**
 * Picks the next token from a forward pass's scores: the highest (greedy, temperature 0), or a draw from
 * {@code softmax(logits / temperature)} with a seeded generator, so the same seed gives the same text. Only the
 * first {@code limit} scores are considered (a head may have more rows than the tokenizer has tokens, as Gemma
 * 3 4B's 262208 against 262144). Nothing is allocated per call.
 */
public final class Sampler {

    private final float temperature;
    private final int limit;
    private long state;

    /**
     * @param temperature 0 for greedy decoding, otherwise positive
     * @param seed        fixes every draw
     * @param limit       how many leading scores are tokens
     */
    public Sampler(float temperature, long seed, int limit) {
        if (!(temperature >= 0) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be 0 (greedy) or positive, got " + temperature);
        }
        if (limit <= 0) {
            throw new IllegalArgumentException("a sampler needs at least one token, got " + limit);
        }
        this.temperature = temperature;
        this.limit = limit;
        this.state = seed;
    }

    public int sample(float[] logits) {
        int n = Math.min(limit, logits.length);
        int best = argmax(logits, n);
        if (temperature == 0) {
            return best;
        }
        float max = logits[best];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp((logits[i] - max) / temperature);
        }
        double target = nextUniform() * sum;
        double cumulative = 0;
        for (int i = 0; i < n; i++) {
            cumulative += Math.exp((logits[i] - max) / temperature);
            if (cumulative > target) {
                return i;
            }
        }
        return best;                  // rounding left the target just past the total
    }

    /** The index of the highest score (the first one on ties); a NaN score is an error. */
    static int argmax(float[] logits, int n) {
        int best = 0;
        for (int i = 0; i < n; i++) {
            if (Float.isNaN(logits[i])) {
                throw new IllegalStateException("the model produced NaN scores (token " + i + ")");
            }
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    /** SplitMix64, a uniform double in [0, 1). */
    private double nextUniform() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }
}
