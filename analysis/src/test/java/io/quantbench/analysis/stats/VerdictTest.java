package io.quantbench.analysis.stats;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VerdictTest {

    @Test
    void marginSeparatesTheFourVerdicts() {
        double margin = 0.05;
        assertEquals(Verdict.FASTER, Verdict.of(new Interval(2, 1.8, 2.2), margin));
        assertEquals(Verdict.SLOWER, Verdict.of(new Interval(0.5, 0.4, 0.9), margin));
        assertEquals(Verdict.EQUIVALENT, Verdict.of(new Interval(1.0, 0.97, 1.04), margin));
        // Above 1 but not clearly beyond the margin: not enough to claim a speedup.
        assertEquals(Verdict.INCONCLUSIVE, Verdict.of(new Interval(1.05, 1.01, 1.09), margin));
        assertEquals(Verdict.INCONCLUSIVE, Verdict.of(new Interval(1.0, 0.8, 1.3), margin));
        assertEquals(Verdict.INCONCLUSIVE, Verdict.of(Interval.unknown(3), margin));
    }

    @Test
    void forksNeededForAClearSpeedup() {
        // Log fork means spread ±0.1 (s² = 0.01 a side) with d = 0.2 and δ = 0.05: the distance to
        // ln 1.05 = 0.048790 is 0.151210. Half-widths t(0.975, 2n − 2)·√(0.02/n) with table values
        // t = 4.303, 2.776, 2.447, 2.306 for n = 2..5: 0.4303, 0.2267, 0.1730, 0.1458 -> n = 5.
        double[] a = {0.1, 0.2, 0.3};
        double[] b = {-0.1, 0.0, 0.1};
        assertEquals(OptionalInt.of(5), ForkPlanner.forksNeeded(a, b, 0.05, 0.95));
    }

    @Test
    void effectOnTheMarginIsNeverDecided() {
        double d = Math.log(1.05);
        assertEquals(OptionalInt.empty(), ForkPlanner.forksNeeded(new double[] {d - 0.1, d, d + 0.1}, new double[] {-0.1, 0, 0.1}, 0.05, 0.95));
    }
}
