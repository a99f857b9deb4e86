package io.quantbench.analysis.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class HolmTest {

    @Test
    void handWorkedAdjustment() {
        // p = (0.01, 0.04, 0.03, 0.005), m = 4. Sorted: 0.005, 0.01, 0.03, 0.04; multipliers 4, 3, 2, 1:
        // 0.02, 0.03, 0.06, 0.04; running maximum: 0.02, 0.03, 0.06, 0.06. Back in input order:
        // (0.03, 0.06, 0.06, 0.02). (R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") gives the same.)
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005}), 1e-12);
    }

    @Test
    void capsAtOneAndSkipsNaN() {
        // m = 2 (the NaN does not count): 0.6·2 = 1.2 -> 1; 0.7·1 = 0.7 -> max(1, 0.7) = 1.
        assertArrayEquals(new double[] {1, Double.NaN, 1}, Holm.adjust(new double[] {0.6, Double.NaN, 0.7}), 1e-12);
    }
}
