package io.quantbench.analysis.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TIntervalTest {

    @Test
    void meanIntervalOfSleepGroupOneMatchesR() {
        // R: t.test(sleep$extra[sleep$group == 1])
        //   t = 1.3257, df = 9, p-value = 0.2176
        //   95 percent confidence interval: -0.5297804  2.0297804; mean of x 0.75
        // By hand: s = 1.789010, s/sqrt(10) = 0.565735, t(0.975, 9) = 2.262157 (any t table: 2.262),
        // half-width 1.279780.
        Interval ci = TInterval.of(StudentData.GROUP_1, 0.95);
        assertEquals(0.75, ci.estimate(), 1e-12);
        assertEquals(-0.5297804, ci.low(), 1e-6);
        assertEquals(2.0297804, ci.high(), 1e-6);
        assertEquals(0.2176, TInterval.twoSidedP(0.75 / 0.565735, 9), 1e-4);
    }

    @Test
    void criticalValuesMatchTables() {
        // Two-sided 95 % critical values of Student's t from any printed table (e.g. NIST/SEMATECH
        // e-Handbook 1.3.6.7.2): df 2 -> 4.303, 4 -> 2.776, 9 -> 2.262, 30 -> 2.042.
        assertEquals(4.303, TInterval.quantile(0.95, 2), 5e-4);
        assertEquals(2.776, TInterval.quantile(0.95, 4), 5e-4);
        assertEquals(2.262, TInterval.quantile(0.95, 9), 5e-4);
        assertEquals(2.042, TInterval.quantile(0.95, 30), 5e-4);
    }

    @Test
    void oneValueHasNoInterval() {
        Interval ci = TInterval.of(new double[] {3.0}, 0.95);
        assertEquals(3.0, ci.estimate());
        assertFalse(ci.isBounded());
        assertTrue(Double.isNaN(ci.low()));
    }
}
