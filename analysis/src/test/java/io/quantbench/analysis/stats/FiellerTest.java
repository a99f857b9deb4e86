package io.quantbench.analysis.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class FiellerTest {

    @Test
    void handWorkedInterval() {
        // a = 10, v_a = 1, b = 5, v_b = 0.25, t = 2. By hand:
        // a²v_b + b²v_a − t²v_a v_b = 25 + 25 − 1 = 49, root = 2·7 = 14, denominator b² − t²v_b = 25 − 1 = 24,
        // bounds (50 ∓ 14)/24 = 1.5 and 2.6667. Check: at R = 1.5, (a − Rb)² = 6.25 = t²(v_a + R²v_b) = 4·1.5625.
        Interval ci = Fieller.interval(10, 1, 5, 0.25, 2);
        assertEquals(2.0, ci.estimate(), 1e-12);
        assertEquals(1.5, ci.low(), 1e-12);
        assertEquals(64.0 / 24, ci.high(), 1e-12);
    }

    @Test
    void boundsSolveFiellersQuadratic() {
        // The defining property, independent of the closed form: each bound R satisfies (a − Rb)² = t²(v_a + R²v_b).
        double a = 3.7;
        double va = 0.09;
        double b = 1.3;
        double vb = 0.02;
        double t = 2.5;
        Interval ci = Fieller.interval(a, va, b, vb, t);
        for (double r : new double[] {ci.low(), ci.high()}) {
            assertEquals(t * t * (va + r * r * vb), (a - r * b) * (a - r * b), 1e-9);
        }
    }

    @Test
    void denominatorNotClearlyNonZeroIsUnbounded() {
        // g = t²v_b/b² = 4·0.5/1 = 2 ≥ 1.
        Interval ci = Fieller.interval(2, 0.1, 1, 0.5, 2);
        assertFalse(ci.isBounded());
        assertEquals(Double.POSITIVE_INFINITY, ci.high());
    }
}
