package io.quantbench.engine.model;

import io.quantbench.engine.kernel.Simd;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The element-wise steps of a forward pass, over one token's vector at a time: norms, residual adds and the
 * FFN activations. Each token is computed by the same code whatever the batch, so a prefill of {@code n} tokens
 * gives exactly what {@code n} single-token steps give.
 *
 * <p>The Vector API methods are small on purpose: C2 stops inlining vector code in large methods, and a vector
 * that crosses a call that is not inlined is boxed on every call; so arrays and offsets cross method
 * boundaries, never vectors.
 */
final class Ops {

    private static final VectorSpecies<Float> F = Simd.FLOAT;
    /** sqrt(2 / pi), the constant of the tanh approximation of GELU. */
    private static final float GELU_C = 0.7978845608f;

    private Ops() {
    }

    /**
     * RMSNorm of {@code n} tokens of {@code dim} values: {@code out = x / sqrt(mean(x^2) + eps) * w}. {@code out}
     * may be {@code x}. Gemma's GGUF weights already hold its {@code 1 + w} (FORMATS.md §4.2).
     */
    static void rmsNorm(float[] x, float[] w, float eps, int n, int dim, float[] out) {
        for (int t = 0; t < n; t++) {
            rmsNormOne(x, t * dim, w, eps, dim, out, t * dim);
        }
    }

    /** RMSNorm of one vector at {@code x[xOff ..]} into {@code out[outOff ..]}. */
    static void rmsNormOne(float[] x, int xOff, float[] w, float eps, int dim, float[] out, int outOff) {
        float inverse = (float) (1.0 / Math.sqrt(sumOfSquares(x, xOff, dim) / dim + eps));
        scaleTimes(x, xOff, inverse, w, dim, out, outOff);
    }

    /** Per-head RMSNorm (Gemma 3's QK-norm): each of the {@code n * heads} vectors of {@code headDim}, in place. */
    static void rmsNormHeads(float[] x, float[] w, float eps, int n, int heads, int headDim) {
        for (int h = 0; h < n * heads; h++) {
            rmsNormOne(x, h * headDim, w, eps, headDim, x, h * headDim);
        }
    }

    /**
     * LayerNorm (GPT-2) of {@code n} tokens starting at {@code x[xOff]}, into {@code out[0 ..]}:
     * {@code (x - mean) / sqrt(var + eps) * w + b}, the variance biased (divided by {@code dim}).
     */
    static void layerNorm(float[] x, int xOff, float[] w, float[] b, float eps, int n, int dim, float[] out) {
        for (int t = 0; t < n; t++) {
            int at = xOff + t * dim;
            float mean = sum(x, at, dim) / dim;
            float variance = centredSquares(x, at, mean, dim) / dim;
            float inverse = (float) (1.0 / Math.sqrt(variance + eps));
            for (int i = 0; i < dim; i++) {
                out[t * dim + i] = (x[at + i] - mean) * inverse * w[i] + b[i];
            }
        }
    }

    /** {@code x[i] += y[i]} for the first {@code count} values: the residual connection. */
    static void add(float[] x, float[] y, int count) {
        int bound = F.loopBound(count);
        for (int i = 0; i < bound; i += F.length()) {
            FloatVector.fromArray(F, x, i).add(FloatVector.fromArray(F, y, i)).intoArray(x, i);
        }
        for (int i = bound; i < count; i++) {
            x[i] += y[i];
        }
    }

    /** {@code x[i] *= factor} for the first {@code count} values. */
    static void scale(float[] x, float factor, int count) {
        FloatVector f = FloatVector.broadcast(F, factor);                 // JDK 17 boxes mul(float) here
        int bound = F.loopBound(count);
        for (int i = 0; i < bound; i += F.length()) {
            FloatVector.fromArray(F, x, i).mul(f).intoArray(x, i);
        }
        for (int i = bound; i < count; i++) {
            x[i] *= factor;
        }
    }

    /** SwiGLU (Llama): {@code gate[i] = silu(gate[i]) * up[i]}, {@code silu(g) = g / (1 + e^-g)}. */
    static void siluTimes(float[] gate, float[] up, int count) {
        for (int i = 0; i < count; i++) {
            float g = gate[i];
            gate[i] = g / (1f + (float) Math.exp(-g)) * up[i];
        }
    }

    /** BitNet b1.58's gated FFN: {@code gate[i] = relu(gate[i])^2 * up[i]}. */
    static void reluSquaredTimes(float[] gate, float[] up, int count) {
        int bound = F.loopBound(count);
        for (int i = 0; i < bound; i += F.length()) {
            FloatVector g = FloatVector.fromArray(F, gate, i).max(0f);
            g.mul(g).mul(FloatVector.fromArray(F, up, i)).intoArray(gate, i);
        }
        for (int i = bound; i < count; i++) {
            float g = Math.max(gate[i], 0f);
            gate[i] = g * g * up[i];
        }
    }

    /** GeGLU (Gemma 3): {@code gate[i] = gelu(gate[i]) * up[i]}, GELU by its tanh approximation. */
    static void geluTimes(float[] gate, float[] up, int count) {
        for (int i = 0; i < count; i++) {
            gate[i] = gelu(gate[i]) * up[i];
        }
    }

    /** GPT-2's MLP: {@code x[i] = gelu(x[i])}, tanh approximation. */
    static void gelu(float[] x, int count) {
        for (int i = 0; i < count; i++) {
            x[i] = gelu(x[i]);
        }
    }

    /** {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}. */
    static float gelu(float x) {
        return 0.5f * x * (1f + (float) Math.tanh(GELU_C * (x + 0.044715f * x * x * x)));
    }

    /** Adds {@code bias} to each of {@code n} tokens of {@code bias.length} values. */
    static void addBias(float[] y, float[] bias, int n) {
        for (int t = 0; t < n; t++) {
            int at = t * bias.length;
            for (int i = 0; i < bias.length; i++) {
                y[at + i] += bias[i];
            }
        }
    }

    private static float sumOfSquares(float[] x, int at, int n) {
        FloatVector acc = FloatVector.zero(F);
        int bound = F.loopBound(n);
        for (int i = 0; i < bound; i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, x, at + i);
            acc = v.fma(v, acc);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (int i = bound; i < n; i++) {
            sum = Math.fma(x[at + i], x[at + i], sum);
        }
        return sum;
    }

    private static void scaleTimes(float[] x, int xOff, float factor, float[] w, int n, float[] out, int outOff) {
        int bound = F.loopBound(n);
        for (int i = 0; i < bound; i += F.length()) {
            FloatVector.fromArray(F, x, xOff + i).mul(factor).mul(FloatVector.fromArray(F, w, i)).intoArray(out, outOff + i);
        }
        for (int i = bound; i < n; i++) {
            out[outOff + i] = x[xOff + i] * factor * w[i];
        }
    }

    private static float sum(float[] x, int at, int n) {
        float sum = 0;
        for (int i = 0; i < n; i++) {
            sum += x[at + i];
        }
        return sum;
    }

    private static float centredSquares(float[] x, int at, float mean, int n) {
        float sum = 0;
        for (int i = 0; i < n; i++) {
            float d = x[at + i] - mean;
            sum += d * d;
        }
        return sum;
    }
}
