package io.quantbench.engine.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamplerTest {

    @Test
    void greedyTakesTheHighestScoreFirstOnTies() {
        assertEquals(2, new Sampler(0, 1, 5).sample(new float[] {0.1f, 3f, 5f, 5f, -1f}));
        assertEquals(1, new Sampler(0, 1, 2).sample(new float[] {0.1f, 3f, 5f}), "only the first `limit` scores are tokens");
    }

    /**
     * Draws follow softmax(logits / T): with scores ln 1, ln 2, ln 3, ln 4 and T = 1 the probabilities are 0.1 .. 0.4;
     * 40000 draws put each count within 4 standard deviations (at most 0.0098) of it.
     */
    @Test
    void drawsFollowTheSoftmaxAndTheSeedFixesThem() {
        float[] logits = {(float) Math.log(1), (float) Math.log(2), (float) Math.log(3), (float) Math.log(4)};
        Sampler sampler = new Sampler(1f, 42, 4);
        int[] counts = new int[4];
        int draws = 40000;
        for (int i = 0; i < draws; i++) {
            counts[sampler.sample(logits)]++;
        }
        for (int k = 0; k < 4; k++) {
            assertEquals((k + 1) / 10.0, counts[k] / (double) draws, 0.0098, "token " + k);
        }
        Sampler a = new Sampler(0.7f, 9, 4);
        Sampler b = new Sampler(0.7f, 9, 4);
        Sampler c = new Sampler(0.7f, 10, 4);
        StringBuilder sa = new StringBuilder();
        StringBuilder sb = new StringBuilder();
        StringBuilder sc = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            sa.append(a.sample(logits));
            sb.append(b.sample(logits));
            sc.append(c.sample(logits));
        }
        assertEquals(sa.toString(), sb.toString());
        assertNotEquals(sa.toString(), sc.toString());
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> new Sampler(-1, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> new Sampler(Float.NaN, 0, 4));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Sampler(0, 0, 3).sample(new float[] {1, Float.NaN, 2}));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }
}
