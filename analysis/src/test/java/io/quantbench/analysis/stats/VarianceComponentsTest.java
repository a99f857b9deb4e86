package io.quantbench.analysis.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VarianceComponentsTest {

    @Test
    void shroutAndFleissExample() {
        // Shrout & Fleiss (1979), Psychological Bulletin 86(2), Table 2: six targets rated by four judges.
        // Their Table 3: between-targets mean square 11.24, within-target mean square 6.26, and
        // ICC(1,1) = (BMS − WMS)/(BMS + (k − 1)WMS) = 0.17. Targets play the forks, ratings the iterations.
        double[][] ratings = {
                {9, 2, 5, 8},
                {6, 1, 3, 2},
                {8, 4, 6, 8},
                {7, 1, 2, 6},
                {10, 5, 6, 9},
                {6, 2, 4, 7}};
        VarianceComponents vc = VarianceComponents.of(ratings);
        assertEquals(11.24, vc.meanSquareBetween(), 0.005);
        assertEquals(6.26, vc.meanSquareWithin(), 0.005);
        assertEquals(0.17, vc.intraclassCorrelation(), 0.005);
        // By hand from the unrounded mean squares 11.2417 and 6.2639: ρ = 4.9778/30.0333 = 0.16574,
        // design effect with k = 4: 1 + 3ρ = 1.4972, effective N = 24/1.4972 = 16.03.
        assertEquals(0.16574, vc.intraclassCorrelation(), 1e-5);
        assertEquals(1.4972, vc.designEffect(), 1e-4);
        assertEquals(16.03, vc.effectiveSampleSize(), 0.01);
    }

    @Test
    void unbalancedForks() {
        // Forks {1, 2, 3} and {5, 7}. By hand: N = 5, means 2 and 6, grand mean 3.6;
        // SSB = 3·1.6² + 2·2.4² = 19.2 (MSB = 19.2), SSW = 2 + 2 = 4 (MSW = 4/3),
        // n0 = (5 − 13/5)/1 = 2.4, σ²_between = (19.2 − 4/3)/2.4 = 7.4444, ρ = 7.4444/8.7778 = 0.84810.
        VarianceComponents vc = VarianceComponents.of(new double[][] {{1, 2, 3}, {5, 7}});
        assertEquals(19.2, vc.meanSquareBetween(), 1e-12);
        assertEquals(4.0 / 3, vc.meanSquareWithin(), 1e-12);
        assertEquals(2.4, vc.meanForkSize(), 1e-12);
        assertEquals(0.84810, vc.intraclassCorrelation(), 1e-5);
    }

    @Test
    void noBetweenForkVarianceGivesZeroIcc() {
        // Identical forks: MSB = 0 < MSW, truncated to σ²_between = 0, ρ = 0, design effect 1.
        VarianceComponents vc = VarianceComponents.of(new double[][] {{1, 2, 3}, {1, 2, 3}, {1, 2, 3}});
        assertEquals(0, vc.intraclassCorrelation(), 1e-12);
        assertEquals(1, vc.designEffect(), 1e-12);
    }

    @Test
    void oneForkIsNotEstimable() {
        assertTrue(Double.isNaN(VarianceComponents.of(new double[][] {{1, 2, 3}}).intraclassCorrelation()));
    }
}
