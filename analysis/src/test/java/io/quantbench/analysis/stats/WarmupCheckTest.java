package io.quantbench.analysis.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WarmupCheckTest {

    @Test
    void perfectTrendInsideEachFork() {
        // Both forks rise by exactly 1 per iteration; the forks' levels (10 vs 20) are not a trend.
        // Slope 1, no residual; drift = 1·(3 − 1)/16 = 0.125 of the mean 16.
        WarmupCheck check = WarmupCheck.of(new double[][] {{10, 11, 12}, {20, 21, 22}});
        assertEquals(1, check.slopePerIteration(), 1e-12);
        assertEquals(0.125, check.relativeDrift(), 1e-12);
        assertEquals(0, check.p(), 1e-12);
        assertTrue(check.isDrifting(0.05));
    }

    @Test
    void noisyTrendHasTheHandComputedPValue() {
        // Forks {10, 12, 11} and {20, 22, 21}. Centred index −1, 0, 1; centred values −1, 1, 0 per fork.
        // Sxy = 2·1 = 2, Sxx = 2·2 = 4, b = 0.5. Residuals per fork −0.5, 1, −0.5: RSS = 3, df = 6 − 2 − 1 = 3,
        // SE = √(3/3/4) = 0.5, t = 1. Student t with 3 df has the closed-form CDF
        // F(t) = ½ + (1/π)[t/(√3(1 + t²/3)) + atan(t/√3)], F(1) = ½ + (0.433013 + π/6)/π = 0.804498,
        // so p = 2(1 − 0.804498) = 0.391002.
        WarmupCheck check = WarmupCheck.of(new double[][] {{10, 12, 11}, {20, 22, 21}});
        assertEquals(0.5, check.slopePerIteration(), 1e-12);
        assertEquals(0.5, check.standardError(), 1e-12);
        assertEquals(3, check.degreesOfFreedom(), 1e-12);
        assertEquals(0.391002, check.p(), 1e-6);
        assertFalse(check.isDrifting(0.05));
    }

    @Test
    void withinForkCvIsGeorgesSteadyStateFigure() {
        // Fork {9, 10, 11}: s = 1, mean 10, CV 0.1; fork {19, 20, 21}: CV 0.05. Average 0.075.
        WarmupCheck check = WarmupCheck.of(new double[][] {{9, 10, 11}, {19, 20, 21}});
        assertEquals(0.075, check.withinForkCv(), 1e-12);
    }

    @Test
    void tooFewIterationsIsUnknown() {
        WarmupCheck check = WarmupCheck.of(new double[][] {{5}, {6}});
        assertTrue(Double.isNaN(check.p()));
        assertFalse(check.isDrifting(0.05));
    }
}
