package io.quantbench.analysis.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TukeyFencesTest {

    @Test
    void quartilesAreType7() {
        // R: quantile(c(1:9, 30), c(0.25, 0.75)) -> 3.25 7.75 (type 7, R's default).
        // By hand: positions 0.25·9 = 2.25 and 0.75·9 = 6.75 (0-based) -> 3 + 0.25 and 7 + 0.75.
        double[] values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 30};
        assertEquals(3.25, Quantiles.of(values, 0.25), 1e-12);
        assertEquals(7.75, Quantiles.of(values, 0.75), 1e-12);
        assertEquals(5.5, Quantiles.median(values), 1e-12);
    }

    @Test
    void classifiesMildAndSevere() {
        // Q1 = 3.25, Q3 = 7.75, IQR = 4.5: mild fences −3.5 and 14.5, severe −10.25 and 21.25.
        TukeyFences severe = TukeyFences.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 30});
        assertEquals(14.5, severe.highMildFence(), 1e-12);
        assertEquals(21.25, severe.highSevereFence(), 1e-12);
        assertEquals(new TukeyFences.Counts(0, 0, 0, 1), severe.classify(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 30}));
        // 16 lies between 14.5 and 21.25 (same quartiles: only the largest value changed).
        double[] mild = {1, 2, 3, 4, 5, 6, 7, 8, 9, 16};
        assertEquals(new TukeyFences.Counts(0, 0, 1, 0), TukeyFences.of(mild).classify(mild));
        double[] low = {-20, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        // Q1 = 3.25, Q3 = 7.75 again; −20 < −10.25 is severe.
        assertEquals(new TukeyFences.Counts(1, 0, 0, 0), TukeyFences.of(low).classify(low));
    }
}
