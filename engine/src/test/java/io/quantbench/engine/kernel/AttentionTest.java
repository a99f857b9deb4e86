package io.quantbench.engine.kernel;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AttentionTest {

    private static final int HEADS = 8;
    private static final int KV_HEADS = 2;
    private static final int HEAD_DIM = 72;              // not a multiple of 16: exercises the scalar tail

    private static KvCache filledCache(int positions, long seed) {
        Random random = new Random(seed);
        KvCache cache = new KvCache(positions, KV_HEADS, HEAD_DIM);
        float[] k = new float[KV_HEADS * HEAD_DIM];
        float[] v = new float[KV_HEADS * HEAD_DIM];
        for (int p = 0; p < positions; p++) {
            for (int i = 0; i < k.length; i++) {
                k[i] = (float) random.nextGaussian();
                v[i] = (float) random.nextGaussian();
            }
            cache.put(p, k, 0, v, 0);
        }
        return cache;
    }

    private static float[] queries(int n, long seed) {
        Random random = new Random(seed);
        float[] q = new float[n * HEADS * HEAD_DIM];
        for (int i = 0; i < q.length; i++) {
            q[i] = (float) random.nextGaussian();
        }
        return q;
    }

    /** Attention written out in double from its definition, for one head of one query. */
    private static double[] reference(float[] q, int qAt, KvCache cache, int head, int pos, int window, double scale) {
        int kvHead = head / (HEADS / KV_HEADS);
        int first = window > 0 ? Math.max(0, pos - window + 1) : 0;
        double[] weights = new double[pos + 1];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = first; j <= pos; j++) {
            double dot = 0;
            for (int d = 0; d < HEAD_DIM; d++) {
                dot += (double) q[qAt + d] * cache.keys()[j * cache.kvDim() + kvHead * HEAD_DIM + d];
            }
            weights[j] = scale * dot;
            max = Math.max(max, weights[j]);
        }
        double sum = 0;
        for (int j = first; j <= pos; j++) {
            weights[j] = Math.exp(weights[j] - max);
            sum += weights[j];
        }
        double[] out = new double[HEAD_DIM];
        for (int j = first; j <= pos; j++) {
            for (int d = 0; d < HEAD_DIM; d++) {
                out[d] += weights[j] / sum * cache.values()[j * cache.kvDim() + kvHead * HEAD_DIM + d];
            }
        }
        return out;
    }

    @Test
    void matchesTheDefinitionWithGroupedHeadsAndAWindow() {
        int positions = 40;
        KvCache cache = filledCache(positions, 1);
        float scale = (float) (1 / Math.sqrt(HEAD_DIM));
        Attention attention = new Attention(HEADS, KV_HEADS, HEAD_DIM, scale, positions, 2);
        try (KernelPool pool = new KernelPool(2)) {
            for (int window : new int[] {0, 7}) {
                for (int pos : new int[] {0, 1, 17, 39}) {
                    float[] q = queries(1, pos);
                    float[] out = new float[HEADS * HEAD_DIM];
                    attention.attend(q, 0, 1, pos, cache, window, out, 0, pool);
                    for (int h = 0; h < HEADS; h++) {
                        double[] expected = reference(q, h * HEAD_DIM, cache, h, pos, window, scale);
                        for (int d = 0; d < HEAD_DIM; d++) {
                            assertEquals(expected[d], out[h * HEAD_DIM + d], 1e-5,
                                    "window " + window + " position " + pos + " head " + h + " dim " + d);
                        }
                    }
                }
            }
        }
    }

    @Test
    void prefillEqualsDecodeStepsAndDoesNotDependOnThreads() {
        int n = 23;
        KvCache cache = filledCache(n + 5, 2);
        float[] q = queries(n, 3);
        Attention attention = new Attention(HEADS, KV_HEADS, HEAD_DIM, 0.1f, n + 5, 3);
        float[] batch = new float[n * HEADS * HEAD_DIM];
        try (KernelPool one = new KernelPool(1)) {
            attention.attend(q, 0, n, 5, cache, 0, batch, 0, one);
        }
        try (KernelPool three = new KernelPool(3)) {
            float[] steps = new float[n * HEADS * HEAD_DIM];
            for (int i = 0; i < n; i++) {
                attention.attend(q, i * HEADS * HEAD_DIM, 1, 5 + i, cache, 0, steps, i * HEADS * HEAD_DIM, three);
            }
            KernelEquivalenceTest.assertBitsEqual(batch, steps, "prefill on 1 thread vs decode steps on 3");
        }
    }

    @Test
    void mismatchedCacheAndPositionsAreRejected() {
        Attention attention = new Attention(HEADS, KV_HEADS, HEAD_DIM, 0.1f, 10, 1);
        try (KernelPool pool = new KernelPool(1)) {
            float[] q = queries(1, 4);
            float[] out = new float[HEADS * HEAD_DIM];
            assertThrows(IllegalArgumentException.class,
                    () -> attention.attend(q, 0, 1, 0, new KvCache(10, 4, HEAD_DIM), 0, out, 0, pool));
            assertThrows(IllegalArgumentException.class,
                    () -> attention.attend(q, 0, 1, 10, new KvCache(10, KV_HEADS, HEAD_DIM), 0, out, 0, pool));
            try (KernelPool two = new KernelPool(2)) {
                assertThrows(IllegalArgumentException.class,
                        () -> attention.attend(q, 0, 1, 0, new KvCache(10, KV_HEADS, HEAD_DIM), 0, out, 0, two));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new Attention(6, 4, 64, 1f, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> new KvCache(10, 2, 64).put(10, new float[128], 0, new float[128], 0));
    }
}
