package io.quantbench.engine.model;

import io.quantbench.engine.io.ModelConfig;
import io.quantbench.engine.kernel.Activations;
import io.quantbench.engine.kernel.Attention;
import io.quantbench.engine.kernel.KvCache;

/**
 * Everything one sequence needs besides the weights: the KV caches, the position reached, and every buffer a
 * forward pass writes. All of it is allocated here, once, for at most {@link #capacity()} positions and
 * {@link #maxBatch()} tokens per forward call (longer prompts are prefilled in chunks), so that decoding
 * allocates nothing per token.
 *
 * <p>Buffers hold {@code maxBatch} tokens, token {@code t} of a buffer of width {@code w} at {@code t * w}.
 */
public final class RunState {

    final int capacity;
    final int maxBatch;
    final int threads;
    /** Positions already in the KV caches: the next token goes here. */
    int position;

    /** The residual stream. */
    final float[] x;
    /** Normalized residual: the input of the attention and FFN projections. */
    final float[] xb;
    final float[] q;
    final float[] k;
    final float[] v;
    /** GPT-2's fused query-key-value projection, before it is split into q, k and v. */
    final float[] qkv;
    /** Attention output, all heads of a token side by side. */
    final float[] att;
    /** Output of the attention's and the FFN's last projection, before it joins the residual. */
    final float[] o;
    final float[] gate;
    final float[] up;
    /** The next token's scores over the vocabulary. */
    final float[] logits;
    /** Zero-padded inputs of layers whose width is not a whole number of quantization blocks. */
    final float[] padded;
    /** One row part's output (see {@link Linear}). */
    final float[] partOut;
    /** One padded embedding row. */
    final float[] rowScratch;

    final KvCache[] caches;
    final Attention attention;
    /** RoPE of global layers, and of Gemma 3's sliding-window layers (null without RoPE). */
    final Rope ropeGlobal;
    final Rope ropeLocal;
    /** Activation buffers by {@link Linear#slot}. */
    final Activations[] activations;
    /** Sees every linear layer's input when set (calibration statistics); null in normal runs. */
    LinearInputObserver inputObserver;

    RunState(Transformer model, int capacity, int maxBatch, int threads) {
        ModelConfig c = model.config();
        if (capacity <= 0 || capacity > c.contextLength()) {
            throw new IllegalArgumentException("a sequence of " + capacity + " positions does not fit " + c.architectureName()
                    + "'s context of " + c.contextLength());
        }
        if (maxBatch <= 0 || threads <= 0) {
            throw new IllegalArgumentException("batch size and threads must be positive, got " + maxBatch + " and " + threads);
        }
        this.capacity = capacity;
        this.maxBatch = Math.min(maxBatch, capacity);
        this.threads = threads;
        int hidden = c.embeddingLength();
        int qDim = c.headCount() * c.headDim();
        int kvDim = c.headCountKv() * c.headDim();
        int ffn = c.feedForwardLength();
        this.x = batch(hidden);
        this.xb = batch(hidden);
        this.q = batch(qDim);
        this.k = batch(kvDim);
        this.v = batch(kvDim);
        this.qkv = model.fusedQkv() ? batch(qDim + 2 * kvDim) : new float[0];
        this.att = batch(qDim);
        this.o = batch(hidden);
        this.gate = batch(ffn);
        this.up = batch(ffn);
        this.logits = new float[model.head.rows];
        int widestPadded = 0;
        int widestPart = 0;
        for (Linear l : model.linears()) {
            if (l.paddedCols != l.cols) {
                widestPadded = Math.max(widestPadded, l.paddedCols);
            }
            if (l.partCount() > 1) {
                widestPart = Math.max(widestPart, l.partRows);
            }
        }
        this.padded = batch(widestPadded);
        this.partOut = batch(widestPart);
        this.rowScratch = new float[model.embedding.paddedCols];
        this.caches = new KvCache[c.blockCount()];
        for (int layer = 0; layer < caches.length; layer++) {
            caches[layer] = new KvCache(capacity, c.headCountKv(), c.headDim());
        }
        this.attention = new Attention(c.headCount(), c.headCountKv(), c.headDim(), (float) (1 / Math.sqrt(c.headDim())),
                capacity, threads);
        if (c.ropeStyle() == ModelConfig.RopeStyle.NONE) {
            this.ropeGlobal = null;
            this.ropeLocal = null;
        } else {
            this.ropeGlobal = new Rope(c.ropeStyle(), c.headDim(), c.ropeDimensions(), c.ropeFreqBase(),
                    c.ropeScalingFactor(), model.ropeFactors, capacity);
            this.ropeLocal = c.slidingWindowPattern() == 0 ? ropeGlobal : new Rope(c.ropeStyle(), c.headDim(),
                    c.ropeDimensions(), c.ropeFreqBaseLocal(), 1f, model.ropeFactors, capacity);
        }
        this.activations = model.newActivations(this.maxBatch, threads);
    }

    private float[] batch(int width) {
        return new float[Math.multiplyExact(maxBatch, width)];
    }

    /** The longest sequence this state holds. */
    public int capacity() {
        return capacity;
    }

    /** The most tokens one forward call computes at once. */
    public int maxBatch() {
        return maxBatch;
    }

    /** Tokens in the KV caches so far. */
    public int position() {
        return position;
    }

    /** Forgets the sequence: the next forward call starts at position 0 (the buffers are reused). */
    public void reset() {
        rewind(0);
    }

    /**
     * Forgets every position from {@code newPosition} on: the next forward call writes there, as when a benchmark
     * decodes the same stretch of positions again.
     */
    public void rewind(int newPosition) {
        if (newPosition < 0 || newPosition > position) {
            throw new IllegalArgumentException("cannot rewind from position " + position + " to " + newPosition);
        }
        position = newPosition;
    }

    /** The scores of the last forward call's last token; overwritten by the next call. */
    public float[] logits() {
        return logits;
    }

    /**
     * Shows {@code observer} the input of every linear layer the following forward calls multiply (null: none). Layers
     * that are normally multiplied together (query, key, value) are then multiplied one by one, which gives the same
     * results bit for bit.
     */
    public void observeLinearInputs(LinearInputObserver observer) {
        this.inputObserver = observer;
    }

    /** Bytes of the KV caches (keys and values of every layer, float32, for the whole capacity). */
    public long kvCacheBytes() {
        long bytes = 0;
        for (KvCache cache : caches) {
            bytes += 8L * cache.keys().length;
        }
        return bytes;
    }
}
