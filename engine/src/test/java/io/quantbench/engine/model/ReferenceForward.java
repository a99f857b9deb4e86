package io.quantbench.engine.model;

import io.quantbench.engine.io.Architecture;
import io.quantbench.engine.io.CheckpointTensor;
import io.quantbench.engine.io.ModelConfig;

/**
 * An independent, deliberately naive forward pass for the tests, written from reference/FORMATS.md alone: double
 * precision, whole matrices, every token of the sequence recomputed from scratch, attention as plain loops over a
 * causal (and sliding-window) mask. It shares no code with the engine (not its norms, RoPE, attention, kernels or
 * KV cache), so agreement checks the engine's maths, not just its consistency.
 *
 * <p>{@code bitLinear} switches BitNet's linear layers to W1.58A8: each token's input quantized to int8 by its
 * absmax ({@code s = 127 / max|x|}), multiplied by the ternary weights, divided by {@code s} and multiplied by the
 * weight scale, as FORMATS.md §1.2 defines BitLinear.
 */
final class ReferenceForward {

    private final ModelSource source;
    private final ModelConfig c;
    private final boolean bitLinear;

    ReferenceForward(ModelSource source, boolean bitLinear) {
        this.source = source;
        this.c = source.config();
        this.bitLinear = bitLinear;
    }

    /** The scores of the last token of {@code tokens} (positions 0 ..). */
    double[] lastLogits(int[] tokens) {
        int n = tokens.length;
        int hidden = c.embeddingLength();
        double[][] h = new double[n][];
        float[] embedding = values("token_embd.weight");
        for (int t = 0; t < n; t++) {
            h[t] = new double[hidden];
            for (int i = 0; i < hidden; i++) {
                h[t][i] = embedding[tokens[t] * hidden + i];
                if (c.architecture() == Architecture.GEMMA3) {
                    h[t][i] *= Math.sqrt(hidden);
                }
                if (c.architecture() == Architecture.GPT2) {
                    h[t][i] += values("position_embd.weight")[t * hidden + i];
                }
            }
        }
        for (int layer = 0; layer < c.blockCount(); layer++) {
            String b = "blk." + layer + ".";
            double[][] a = new double[n][];
            for (int t = 0; t < n; t++) {
                a[t] = norm(h[t], b + "attn_norm");
            }
            double[][] q = new double[n][];
            double[][] k = new double[n][];
            double[][] v = new double[n][];
            int qDim = c.headCount() * c.headDim();
            int kvDim = c.headCountKv() * c.headDim();
            for (int t = 0; t < n; t++) {
                if (c.architecture() == Architecture.GPT2) {
                    double[] qkv = linear(b + "attn_qkv", a[t]);
                    q[t] = java.util.Arrays.copyOfRange(qkv, 0, qDim);
                    k[t] = java.util.Arrays.copyOfRange(qkv, qDim, qDim + kvDim);
                    v[t] = java.util.Arrays.copyOfRange(qkv, qDim + kvDim, qDim + 2 * kvDim);
                } else {
                    q[t] = linear(b + "attn_q", a[t]);
                    k[t] = linear(b + "attn_k", a[t]);
                    v[t] = linear(b + "attn_v", a[t]);
                }
                if (c.architecture() == Architecture.GEMMA3) {
                    headNorm(q[t], b + "attn_q_norm.weight");
                    headNorm(k[t], b + "attn_k_norm.weight");
                }
                if (c.ropeStyle() != ModelConfig.RopeStyle.NONE) {
                    rope(q[t], t, layer);
                    rope(k[t], t, layer);
                }
            }
            for (int t = 0; t < n; t++) {
                double[] att = attention(q, k, v, t, layer);
                if (c.architecture() == Architecture.BITNET) {
                    att = rms(att, values(b + "attn_sub_norm.weight"));
                }
                double[] o = linear(b + "attn_output", att);
                if (c.architecture() == Architecture.GEMMA3) {
                    o = rms(o, values(b + "post_attention_norm.weight"));
                }
                add(h[t], o);
            }
            for (int t = 0; t < n; t++) {
                double[] f = norm(h[t], b + "ffn_norm");
                double[] m;
                if (c.architecture() == Architecture.GPT2) {
                    m = linear(b + "ffn_up", f);
                    for (int i = 0; i < m.length; i++) {
                        m[i] = gelu(m[i]);
                    }
                } else {
                    double[] g = linear(b + "ffn_gate", f);
                    double[] u = linear(b + "ffn_up", f);
                    m = new double[g.length];
                    for (int i = 0; i < g.length; i++) {
                        switch (c.activation()) {
                            case SILU:
                                m[i] = g[i] / (1 + Math.exp(-g[i])) * u[i];
                                break;
                            case RELU_SQUARED:
                                m[i] = Math.max(0, g[i]) * Math.max(0, g[i]) * u[i];
                                break;
                            default:
                                m[i] = gelu(g[i]) * u[i];
                        }
                    }
                    if (c.architecture() == Architecture.BITNET) {
                        m = rms(m, values(b + "ffn_sub_norm.weight"));
                    }
                }
                double[] d = linear(b + "ffn_down", m);
                if (c.architecture() == Architecture.GEMMA3) {
                    d = rms(d, values(b + "post_ffw_norm.weight"));
                }
                add(h[t], d);
            }
        }
        double[] last = norm(h[n - 1], "output_norm");
        String head = source.tensor("output.weight").isPresent() ? "output.weight" : "token_embd.weight";
        float[] w = values(head);
        double[] logits = new double[c.vocabSize()];
        for (int r = 0; r < logits.length; r++) {
            for (int i = 0; i < hidden; i++) {
                logits[r] += w[r * hidden + i] * last[i];
            }
        }
        return logits;
    }

    private double[] attention(double[][] q, double[][] k, double[][] v, int t, int layer) {
        int hd = c.headDim();
        int group = c.headCount() / c.headCountKv();
        boolean local = c.slidingWindowPattern() > 0 && (layer + 1) % c.slidingWindowPattern() != 0;
        double[] out = new double[c.headCount() * hd];
        for (int head = 0; head < c.headCount(); head++) {
            int kvHead = head / group;
            double[] scores = new double[t + 1];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j <= t; j++) {
                if (local && t - j >= c.slidingWindow()) {
                    scores[j] = Double.NEGATIVE_INFINITY;
                    continue;
                }
                double dot = 0;
                for (int i = 0; i < hd; i++) {
                    dot += q[t][head * hd + i] * k[j][kvHead * hd + i];
                }
                scores[j] = dot / Math.sqrt(hd);
                max = Math.max(max, scores[j]);
            }
            double sum = 0;
            for (int j = 0; j <= t; j++) {
                scores[j] = Math.exp(scores[j] - max);
                sum += scores[j];
            }
            for (int j = 0; j <= t; j++) {
                for (int i = 0; i < hd; i++) {
                    out[head * hd + i] += scores[j] / sum * v[j][kvHead * hd + i];
                }
            }
        }
        return out;
    }

    private void rope(double[] x, int pos, int layer) {
        boolean local = c.slidingWindowPattern() > 0 && (layer + 1) % c.slidingWindowPattern() != 0;
        double theta = local ? c.ropeFreqBaseLocal() : c.ropeFreqBase();
        double position = local ? pos : pos / (double) c.ropeScalingFactor();
        float[] factors = source.tensor("rope_freqs.weight").isPresent() ? values("rope_freqs.weight") : null;
        int d = c.ropeDimensions();
        for (int head = 0; head < x.length / c.headDim(); head++) {
            int base = head * c.headDim();
            for (int i = 0; i < d / 2; i++) {
                double angle = position * Math.pow(theta, -2.0 * i / d) / (factors == null ? 1 : factors[i]);
                int first = c.ropeStyle() == ModelConfig.RopeStyle.INTERLEAVED ? base + 2 * i : base + i;
                int second = c.ropeStyle() == ModelConfig.RopeStyle.INTERLEAVED ? base + 2 * i + 1 : base + i + d / 2;
                double a = x[first];
                double bb = x[second];
                x[first] = a * Math.cos(angle) - bb * Math.sin(angle);
                x[second] = a * Math.sin(angle) + bb * Math.cos(angle);
            }
        }
    }

    private double[] norm(double[] x, String name) {
        if (c.norm() == ModelConfig.Norm.LAYER_NORM) {
            double mean = 0;
            for (double v : x) {
                mean += v / x.length;
            }
            double var = 0;
            for (double v : x) {
                var += (v - mean) * (v - mean) / x.length;
            }
            float[] w = values(name + ".weight");
            float[] b = values(name + ".bias");
            double[] out = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                out[i] = (x[i] - mean) / Math.sqrt(var + c.normEps()) * w[i] + b[i];
            }
            return out;
        }
        return rms(x, values(name + ".weight"));
    }

    private double[] rms(double[] x, float[] w) {
        double ss = 0;
        for (double v : x) {
            ss += v * v;
        }
        double inv = 1 / Math.sqrt(ss / x.length + c.normEps());
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * inv * w[i];
        }
        return out;
    }

    private void headNorm(double[] x, String name) {
        float[] w = values(name);
        int hd = c.headDim();
        for (int head = 0; head < x.length / hd; head++) {
            double[] one = rms(java.util.Arrays.copyOfRange(x, head * hd, (head + 1) * hd), w);
            System.arraycopy(one, 0, x, head * hd, hd);
        }
    }

    private double[] linear(String name, double[] x) {
        CheckpointTensor t = source.require(name + ".weight");
        int cols = t.rowLength();
        int rows = (int) t.rows();
        float[] w = t.dequantize();
        double[] in = x;
        double outputScale = 1;
        if (bitLinear && t.isTernary()) {
            double absmax = 0;
            for (double v : x) {
                absmax = Math.max(absmax, Math.abs(v));
            }
            double s = 127 / Math.max(absmax, 1e-5);
            in = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                in[i] = Math.max(-128, Math.min(127, Math.rint((float) (float) x[i] * (float) s)));
            }
            outputScale = 1 / s;
        }
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int i = 0; i < cols; i++) {
                sum += w[r * cols + i] * in[i];
            }
            y[r] = sum * outputScale;
        }
        if (source.tensor(name + ".bias").isPresent()) {
            float[] b = values(name + ".bias");
            for (int r = 0; r < rows; r++) {
                y[r] += b[r];
            }
        }
        return y;
    }

    private static void add(double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            x[i] += y[i];
        }
    }

    private static double gelu(double x) {
        return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    }

    private float[] values(String name) {
        return source.require(name).dequantize();
    }
}
