package io.quantbench.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Scaled dot-product attention of query tokens over a {@link KvCache}, causal, with grouped-query
 * heads ({@code heads / kvHeads} query heads share one key-value head) and an optional sliding window.
 *
 * <p>For query head {@code h} at position {@code pos}, with key-value head {@code h / (heads / kvHeads)}:
 * {@code out_h = sum_j softmax_j(scale * q_h . k_j) v_j} over cache positions {@code j} with
 * {@code pos - window < j <= pos} (every {@code j <= pos} when {@code window <= 0}). Dot products and the
 * weighted sum use {@link Simd#FLOAT} vectors; the softmax is scalar {@code Math.exp}, the same on every
 * machine. Each (query, head) pair is computed by one thread with the same code, so results do not
 * depend on the thread count, and a prefill of N tokens equals N decode steps bit for bit.
 *
 * <p>One instance serves one call at a time (it keeps per-thread score buffers); nothing is allocated
 * per call.
 */
public final class Attention {

    private static final VectorSpecies<Float> F = Simd.FLOAT;

    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final float scale;
    private final int capacity;
    /** Per thread: the scores (then probabilities) of one query head over the cache. */
    private final float[] scores;
    private final Task task = new Task();

    /**
     * @param scale    the factor on {@code q . k}, usually {@code 1 / sqrt(headDim)}
     * @param capacity the longest sequence (the KV cache's capacity)
     * @param threads  the largest {@link KernelPool} this instance will run on
     */
    public Attention(int heads, int kvHeads, int headDim, float scale, int capacity, int threads) {
        if (heads <= 0 || kvHeads <= 0 || heads % kvHeads != 0) {
            throw new IllegalArgumentException("attention needs query heads (" + heads + ") to be a positive multiple of"
                    + " key-value heads (" + kvHeads + ")");
        }
        if (headDim <= 0 || capacity <= 0 || threads <= 0) {
            throw new IllegalArgumentException("attention needs positive head size, capacity and threads, got "
                    + headDim + ", " + capacity + ", " + threads);
        }
        this.heads = heads;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.scale = scale;
        this.capacity = capacity;
        this.scores = new float[Math.multiplyExact(capacity, threads)];
    }

    /**
     * Attention of {@code n} query tokens at positions {@code start .. start + n - 1}, each over the cache up
     * to its own position (the cache must already hold those positions). Queries are {@code q[qOff + i *
     * heads * headDim ..]}, outputs go to {@code out[outOff + i * heads * headDim ..]}. One token is a decode
     * step; several are a prefill.
     */
    public void attend(float[] q, int qOff, int n, int start, KvCache cache, int window, float[] out, int outOff,
                       KernelPool pool) {
        if (cache.kvHeads() != kvHeads || cache.headDim() != headDim) {
            throw new IllegalArgumentException("KV cache has " + cache.kvHeads() + " heads of " + cache.headDim()
                    + " but attention expects " + kvHeads + " of " + headDim);
        }
        if (start < 0 || n <= 0 || start + n > Math.min(capacity, cache.capacity())) {
            throw new IllegalArgumentException("positions " + start + ".." + (start + n - 1) + " do not fit a cache of "
                    + Math.min(capacity, cache.capacity()));
        }
        if (pool.threads() * capacity > scores.length) {
            throw new IllegalArgumentException("attention was sized for " + scores.length / capacity
                    + " threads, the pool has " + pool.threads());
        }
        task.set(q, qOff, start, cache, window, out, outOff);
        try {
            pool.run(task, n * heads, 1);
        } finally {
            task.set(null, 0, 0, null, 0, null, 0);
        }
    }

    /** One query head of one token: {@code row = token * heads + head}. */
    private void head(Task t, int row, int thread) {
        int token = row / heads;
        int h = row % heads;
        int pos = t.start + token;
        int first = t.window > 0 ? Math.max(0, pos - t.window + 1) : 0;
        int kvDim = kvHeads * headDim;
        int kvOffset = (h / (heads / kvHeads)) * headDim;
        int qAt = t.qOff + row * headDim;
        int s0 = thread * capacity;
        float[] keys = t.cache.keys();
        float max = Float.NEGATIVE_INFINITY;
        for (int j = first; j <= pos; j++) {
            float score = scale * dot(t.q, qAt, keys, j * kvDim + kvOffset, headDim);
            scores[s0 + j] = score;
            max = Math.max(max, score);
        }
        float sum = 0;
        for (int j = first; j <= pos; j++) {
            float e = (float) Math.exp(scores[s0 + j] - max);
            scores[s0 + j] = e;
            sum += e;
        }
        int outAt = t.outOff + row * headDim;
        java.util.Arrays.fill(t.out, outAt, outAt + headDim, 0f);
        float[] values = t.cache.values();
        for (int j = first; j <= pos; j++) {
            axpy(scores[s0 + j] / sum, values, j * kvDim + kvOffset, t.out, outAt, headDim);
        }
    }

    /** {@code a[ai ..] . b[bi ..]} over {@code n} floats. */
    static float dot(float[] a, int ai, float[] b, int bi, int n) {
        FloatVector acc = FloatVector.zero(F);
        int bound = F.loopBound(n);
        for (int i = 0; i < bound; i += F.length()) {
            acc = FloatVector.fromArray(F, a, ai + i).fma(FloatVector.fromArray(F, b, bi + i), acc);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (int i = bound; i < n; i++) {
            sum = Math.fma(a[ai + i], b[bi + i], sum);
        }
        return sum;
    }

    /** {@code y[yi ..] += alpha * x[xi ..]} over {@code n} floats. */
    static void axpy(float alpha, float[] x, int xi, float[] y, int yi, int n) {
        FloatVector a = FloatVector.broadcast(F, alpha);
        int bound = F.loopBound(n);
        for (int i = 0; i < bound; i += F.length()) {
            FloatVector.fromArray(F, x, xi + i).fma(a, FloatVector.fromArray(F, y, yi + i)).intoArray(y, yi + i);
        }
        for (int i = bound; i < n; i++) {
            y[yi + i] = Math.fma(alpha, x[xi + i], y[yi + i]);
        }
    }

    /** The call's arguments, kept in fields so that dispatching allocates nothing. */
    private final class Task implements RowTask {
        float[] q;
        int qOff;
        int start;
        KvCache cache;
        int window;
        float[] out;
        int outOff;

        void set(float[] q, int qOff, int start, KvCache cache, int window, float[] out, int outOff) {
            this.q = q;
            this.qOff = qOff;
            this.start = start;
            this.cache = cache;
            this.window = window;
            this.out = out;
            this.outOff = outOff;
        }

        @Override
        public void run(int from, int to, int thread) {
            for (int row = from; row < to; row++) {
                head(this, row, thread);
            }
        }
    }
}
