package io.quantbench.engine.model;

import io.quantbench.engine.io.ModelConfig;

/**
 * Rotary position embedding: pairs of values of each query and key head are rotated by an angle that grows
 * with the position, {@code angle = position / scaling * theta^(-2i / d) / factor_i} for pair {@code i} of
 * {@code d = ropeDimensions} rotated values.
 *
 * <p>Which values form pair {@code i} is the style: {@link ModelConfig.RopeStyle#INTERLEAVED} (llama2.c, GGUF
 * {@code llama}) pairs {@code (2i, 2i+1)}; {@link ModelConfig.RopeStyle#NEOX} (Hugging Face's rotate_half; BitNet,
 * Gemma 3) pairs {@code (i, i + d/2)}. {@code scaling} is linear position scaling (Gemma 3 4B's global layers:
 * 8); {@code factor_i} are Llama 3's frequency factors ({@code rope_freqs.weight}), 1 when absent.
 *
 * <p>The cosines and sines of every position up to the state's capacity are computed once, in double
 * precision, so a step only multiplies.
 */
final class Rope {

    private final boolean interleaved;
    private final int headDim;
    private final int half;
    private final float[] cos;
    private final float[] sin;

    /**
     * @param factors per-pair frequency divisors, or null
     */
    Rope(ModelConfig.RopeStyle style, int headDim, int ropeDimensions, float theta, float scaling, float[] factors,
         int capacity) {
        if (style == ModelConfig.RopeStyle.NONE) {
            throw new IllegalArgumentException("no rotary embedding for RoPE style NONE");
        }
        if (factors != null && factors.length != ropeDimensions / 2) {
            throw new IllegalArgumentException("rope_freqs has " + factors.length + " factors; " + ropeDimensions
                    + " rotated dimensions need " + ropeDimensions / 2);
        }
        this.interleaved = style == ModelConfig.RopeStyle.INTERLEAVED;
        this.headDim = headDim;
        this.half = ropeDimensions / 2;
        this.cos = new float[Math.multiplyExact(capacity, half)];
        this.sin = new float[cos.length];
        double[] frequency = new double[half];
        for (int i = 0; i < half; i++) {
            frequency[i] = Math.pow(theta, -2.0 * i / ropeDimensions) / (factors == null ? 1 : factors[i]);
        }
        for (int pos = 0; pos < capacity; pos++) {
            for (int i = 0; i < half; i++) {
                double angle = pos / (double) scaling * frequency[i];
                cos[pos * half + i] = (float) Math.cos(angle);
                sin[pos * half + i] = (float) Math.sin(angle);
            }
        }
    }

    /** Rotates {@code n} tokens of {@code heads} heads, {@code v[(t * heads + h) * headDim ..]}, token t at {@code start + t}. */
    void rotate(float[] v, int n, int heads, int start) {
        for (int t = 0; t < n; t++) {
            int table = (start + t) * half;
            for (int h = 0; h < heads; h++) {
                int at = (t * heads + h) * headDim;
                if (interleaved) {
                    rotateInterleaved(v, at, table);
                } else {
                    rotateHalves(v, at, table);
                }
            }
        }
    }

    private void rotateInterleaved(float[] v, int at, int table) {
        for (int i = 0; i < half; i++) {
            float c = cos[table + i];
            float s = sin[table + i];
            float a = v[at + 2 * i];
            float b = v[at + 2 * i + 1];
            v[at + 2 * i] = a * c - b * s;
            v[at + 2 * i + 1] = a * s + b * c;
        }
    }

    private void rotateHalves(float[] v, int at, int table) {
        for (int i = 0; i < half; i++) {
            float c = cos[table + i];
            float s = sin[table + i];
            float a = v[at + i];
            float b = v[at + i + half];
            v[at + i] = a * c - b * s;
            v[at + i + half] = a * s + b * c;
        }
    }
}
