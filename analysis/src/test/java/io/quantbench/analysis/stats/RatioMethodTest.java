package io.quantbench.analysis.stats;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RatioMethodTest {

    private static final double T_975_DF4 = 2.776445;    // qt(0.975, 4); printed tables: 2.776

    @Test
    void logWelchOnExponentials() {
        // ln A = {1, 2, 3}, ln B = {0, 1, 2}: Δ = 1, s² = 1 on both sides, SE = √(1/3 + 1/3) = 0.816497,
        // Welch ν = (2/3)² / ((1/3)²/2 · 2) = 4, so the interval is exp(1 ± 2.776445·0.816497)
        // = [0.281687, 26.2314] and the estimate e.
        double[] a = {Math.exp(1), Math.exp(2), Math.exp(3)};
        double[] b = {1, Math.exp(1), Math.exp(2)};
        Interval ci = RatioMethod.LOG_WELCH.interval(a, b, 0.95, 0, null);
        assertEquals(Math.E, ci.estimate(), 1e-12);
        assertEquals(Math.exp(1 - T_975_DF4 * Math.sqrt(2.0 / 3)), ci.low(), 1e-5);
        assertEquals(Math.exp(1 + T_975_DF4 * Math.sqrt(2.0 / 3)), ci.high(), 1e-3);
        assertEquals(0.281687, ci.low(), 1e-5);
    }

    @Test
    void fiellerOnForkMeans() {
        // A = {9, 10, 11}, B = {4, 5, 6}: a = 10, b = 5, v_a = v_b = 1/3, Welch ν = 4, t = 2.776445.
        // By hand: denominator 25 − t²/3 = 22.430445; root = t·√(100/3 + 25/3 − t²/9) = 17.736...;
        // bounds (50 ∓ root)/denominator = 1.438370 and 3.019855.
        Interval ci = RatioMethod.FIELLER.interval(new double[] {9, 10, 11}, new double[] {4, 5, 6}, 0.95, 0, null);
        assertEquals(2.0, ci.estimate(), 1e-12);
        assertEquals(1.438370, ci.low(), 1e-5);
        assertEquals(3.019855, ci.high(), 1e-5);
    }

    @Test
    void bootstrapBracketsTheRatioOfMeans() {
        double[] a = {9.5, 10.1, 10.4, 9.8, 10.2, 9.9, 10.0, 10.3, 9.7, 10.1};
        double[] b = {5.1, 4.9, 5.0, 5.2, 4.8, 5.05, 4.95, 5.1, 4.9, 5.0};
        Interval ci = RatioMethod.BOOTSTRAP.interval(a, b, 0.95, 2000, new SplittableRandom(1));
        assertEquals(100.0 / 50.0, ci.estimate(), 1e-12);
        assertTrue(ci.low() < 2.0 && ci.high() > 2.0, ci.toString());
        // Width close to the log-Welch one (both ≈ 2·1.96·SE for ten forks a side).
        Interval reference = RatioMethod.LOG_WELCH.interval(a, b, 0.95, 0, null);
        assertEquals(reference.high() - reference.low(), ci.high() - ci.low(), 0.35 * (reference.high() - reference.low()));
    }

    @Test
    void parsesCliNamesAndListsValidOnes() {
        assertEquals(RatioMethod.FIELLER, RatioMethod.parse("Fieller"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RatioMethod.parse("delta"));
        assertTrue(e.getMessage().contains("log-welch, fieller, bootstrap"), e.getMessage());
    }
}
