package io.quantbench.engine.model;

import io.quantbench.engine.format.WeightFormat;
import io.quantbench.engine.io.ModelConfig;
import io.quantbench.engine.kernel.Activations;
import io.quantbench.engine.kernel.KernelPool;
import io.quantbench.engine.kernel.KvCache;
import io.quantbench.engine.kernel.MatMulKernel;
import io.quantbench.engine.plan.QuantizationPlan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A decoder-only transformer with its weights loaded: what the four families share. A forward call runs
 * {@code n} tokens through the blocks at the next {@code n} positions of a {@link RunState} and leaves the last
 * token's scores over the vocabulary in {@link RunState#logits()}. One token is a decode step; several are a
 * prefill, where every linear layer multiplies all the tokens at once (the matmul kernels) and attention
 * handles them causally.
 *
 * <p>Each family is a subclass that says how tokens are embedded and what one block computes:
 * {@link LlamaModel}, {@link BitNetModel}, {@link Gemma3Model}, {@link Gpt2Model}. The head and the token
 * embedding follow the plan's head policy ({@link QuantizationPlan}); a tied model's embedding is its head.
 */
public abstract class Transformer {

    protected final ModelConfig config;
    protected final QuantizationPlan plan;
    /** Widths every block uses: the residual, all query heads, all key-value heads, the FFN's inside. */
    protected final int hidden;
    protected final int qDim;
    protected final int kvDim;
    protected final int ffn;
    final String sourceName;
    /** Output head, {@code vocab x hidden}. */
    final Linear head;
    /** Token embedding: the head itself when tied. */
    final Linear embedding;
    final float[] outputNorm;
    /** Llama 3's RoPE frequency factors, or null. */
    final float[] ropeFactors;
    private List<Linear> linears;
    /** Float32 values outside the linear layers: norms, biases, positions. */
    private long floatValues;
    private MatMulKernel[] slotKernels;
    private int[] slotWidths;

    protected Transformer(WeightLoader weights) {
        this.config = weights.config();
        this.plan = weights.plan();
        this.hidden = config.embeddingLength();
        this.qDim = config.headCount() * config.headDim();
        this.kvDim = config.headCountKv() * config.headDim();
        this.ffn = config.feedForwardLength();
        this.sourceName = weights.sourceName();
        boolean tied = !weights.has("output.weight");
        this.head = weights.head(tied ? "token_embd" : "output");
        this.embedding = tied ? head : weights.head("token_embd");
        this.outputNorm = weights.vector("output_norm.weight", config.embeddingLength());
        this.ropeFactors = weights.has("rope_freqs.weight") ? weights.vector("rope_freqs.weight", config.ropeDimensions() / 2) : null;
    }

    /**
     * Loads the linear layers the subclass has declared, and gives layers that share a kernel and an input width
     * one set of activation buffers. Called once, by {@link Models#load}, after the subclass's constructor.
     */
    final void load(WeightLoader weights) {
        weights.loadAll();
        List<Linear> all = weights.linears();
        List<MatMulKernel> kernels = new ArrayList<>();
        List<Integer> widths = new ArrayList<>();
        for (Linear l : all) {
            for (int slot = 0; slot < kernels.size() && l.slot < 0; slot++) {
                if (kernels.get(slot) == l.kernel && widths.get(slot) == l.paddedCols) {
                    l.slot = slot;
                }
            }
            if (l.slot < 0) {
                l.slot = kernels.size();
                kernels.add(l.kernel);
                widths.add(l.paddedCols);
            }
        }
        this.linears = Collections.unmodifiableList(new ArrayList<>(all));
        this.floatValues = weights.vectorValues();
        this.slotKernels = kernels.toArray(new MatMulKernel[0]);
        this.slotWidths = widths.stream().mapToInt(Integer::intValue).toArray();
    }

    public final ModelConfig config() {
        return config;
    }

    public final QuantizationPlan plan() {
        return plan;
    }

    /** Rows of the head: the scores one forward call produces. */
    public final int vocabSize() {
        return head.rows;
    }

    /**
     * A state for one sequence of up to {@code capacity} positions, computing at most {@code maxBatch} tokens per
     * forward call, on a {@link KernelPool} of at most {@code threads} threads.
     */
    public final RunState newState(int capacity, int maxBatch, int threads) {
        return new RunState(this, capacity, maxBatch, threads);
    }

    /**
     * Runs {@code tokens[offset .. offset + n)} at the state's next positions and returns the scores of the last
     * one ({@link RunState#logits()}, overwritten by the next call). A prompt longer than the state's batch is
     * prefilled in chunks.
     *
     * @throws IllegalArgumentException if a token is outside the vocabulary or the sequence would pass the state's capacity
     */
    public final float[] forward(RunState s, int[] tokens, int offset, int n, KernelPool pool) {
        if (n <= 0 || s.position + n > s.capacity) {
            throw new IllegalArgumentException(n + " tokens at position " + s.position + " do not fit a sequence of "
                    + s.capacity + " positions");
        }
        if (pool.threads() > s.threads) {
            throw new IllegalArgumentException("the state was sized for " + s.threads + " threads, the pool has " + pool.threads());
        }
        for (int i = offset; i < offset + n; i++) {
            if (tokens[i] < 0 || tokens[i] >= embedding.rows) {
                throw new IllegalArgumentException("token " + tokens[i] + " at index " + i + " is outside the vocabulary of "
                        + embedding.rows);
            }
        }
        for (int done = 0; done < n; ) {
            int m = Math.min(s.maxBatch, n - done);
            int pos = s.position;
            embed(s, tokens, offset + done, m, pos);
            for (int layer = 0; layer < config.blockCount(); layer++) {
                block(layer, s, m, pos, pool);
            }
            s.position += m;
            done += m;
            if (done == n) {
                finalNorm(s, (m - 1) * hidden);
                head.apply(s, pool, s.xb, 1, s.logits);
                softcap(s.logits);
            }
        }
        return s.logits;
    }

    /** Writes the embeddings of {@code n} tokens, at positions {@code pos ..}, into {@link RunState#x}. */
    protected void embed(RunState s, int[] tokens, int offset, int n, int pos) {
        for (int t = 0; t < n; t++) {
            embedding.row(tokens[offset + t], s.x, t * hidden, s.rowScratch);
        }
    }

    /** One block over {@code n} tokens at positions {@code pos ..}: reads and updates {@link RunState#x}. */
    protected abstract void block(int layer, RunState s, int n, int pos, KernelPool pool);

    /** The final norm of the token whose residual starts at {@code s.x[at]}, into {@code s.xb[0 ..]}. */
    protected void finalNorm(RunState s, int at) {
        Ops.rmsNormOne(s.x, at, outputNorm, config.normEps(), hidden, s.xb, 0);
    }

    /** Whether the block has one fused query-key-value projection (GPT-2). */
    boolean fusedQkv() {
        return false;
    }

    /**
     * The attention half of a Llama-shaped block up to the output projection: RMSNorm of the residual, the query,
     * key and value projections, RoPE on queries and keys, and attention over the layer's KV cache, into
     * {@link RunState#att}.
     */
    protected final void normedRopeAttention(int layer, RunState s, float[] norm, AttentionProjections attn, int n, int pos,
                                             KernelPool pool) {
        Ops.rmsNorm(s.x, norm, config.normEps(), n, hidden, s.xb);
        attn.queryKeyValue(s, pool, n);
        rotateQueryKey(s.ropeGlobal, s, n, pos);
        attend(s, layer, n, pos, 0, pool);
    }

    /** Rotates the {@code n} tokens' query and key heads ({@link RunState#q}, {@link RunState#k}) for positions {@code pos ..}. */
    protected final void rotateQueryKey(Rope rope, RunState s, int n, int pos) {
        rope.rotate(s.q, n, config.headCount(), pos);
        rope.rotate(s.k, n, config.headCountKv(), pos);
    }

    /**
     * Attention of the {@code n} tokens in {@link RunState#q} over the layer's KV cache, after appending their keys and
     * values ({@link RunState#k}, {@link RunState#v}); the result goes to {@link RunState#att}. {@code window} 0 is global.
     */
    protected final void attend(RunState s, int layer, int n, int pos, int window, KernelPool pool) {
        KvCache cache = s.caches[layer];
        for (int t = 0; t < n; t++) {
            cache.put(pos + t, s.k, t * kvDim, s.v, t * kvDim);
        }
        s.attention.attend(s.q, 0, n, pos, cache, window, s.att, 0, pool);
    }

    private void softcap(float[] logits) {
        float cap = config.finalLogitSoftcap();
        if (cap > 0) {
            for (int i = 0; i < logits.length; i++) {
                logits[i] = cap * (float) Math.tanh(logits[i] / cap);
            }
        }
    }

    /** Every linear layer, the head (and a separate embedding) included. */
    final List<Linear> linears() {
        return linears;
    }

    Activations[] newActivations(int maxBatch, int threads) {
        Activations[] out = new Activations[slotKernels.length];
        for (int slot = 0; slot < out.length; slot++) {
            out[slot] = slotKernels[slot].newActivations(slotWidths[slot], maxBatch, threads);
        }
        return out;
    }

    /**
     * Bytes of weights by format: the linear layers (head and embedding included) as stored, in each format; the
     * norms, biases and positions, kept as float32, under F32 too.
     */
    public final Map<WeightFormat, Long> weightBytes() {
        Map<WeightFormat, Long> bytes = new EnumMap<>(WeightFormat.class);
        for (Linear l : linears) {
            bytes.merge(l.format, l.storageBytes(), Long::sum);
        }
        bytes.merge(WeightFormat.F32, 4L * floatValues, Long::sum);
        return bytes;
    }

    /**
     * The linear layers a decode step multiplies, in the order it does (the blocks' layers, then the head; an
     * untied embedding, which is only looked up, is left out), for benchmarks that time the products alone.
     */
    public final List<LinearLayer> linearLayers() {
        List<LinearLayer> out = new ArrayList<>();
        for (Linear l : linears) {
            if (l != head && l != embedding) {
                out.add(new LinearLayer(l));
            }
        }
        out.add(new LinearLayer(head));
        return Collections.unmodifiableList(out);
    }

    /** One line: family, source, plan. */
    public String describe() {
        return config.architectureName() + " from " + sourceName + ", " + config.blockCount() + " layers, plan " + plan;
    }
}
