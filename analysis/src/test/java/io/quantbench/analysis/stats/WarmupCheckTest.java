package io.quantbench.analysis.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WarmupCheckTest {

    @Test
    void perfectTrendInsideEachFork() {
        // Both forks double at every iteration: ln values rise by exactly ln 2, with no residual. The forks'
        // levels (10 vs 30) are not a trend. Drift across three iterations: exp(2 ln 2) − 1 = 3 (+300 %).
        WarmupCheck check = WarmupCheck.of(new double[][] {{10, 20, 40}, {30, 60, 120}});
        assertEquals(Math.log(2), check.logSlopePerIteration(), 1e-12);
        assertEquals(3, check.relativeDrift(), 1e-12);
        assertEquals(0, check.p(), 1e-12);
        assertTrue(check.isDrifting(0.05));
    }

    @Test
    void noisyTrendHasTheHandComputedPValue() {
        // Forks e^{0, 2, 1} and e^{3, 5, 4}: ln values {0, 2, 1} and {3, 5, 4}. Centred index −1, 0, 1;
        // centred logs −1, 1, 0 per fork. Sxy = 2·1 = 2, Sxx = 2·2 = 4, b = 0.5. Residuals −0.5, 1, −0.5 per
        // fork: RSS = 3, df = 6 − 2 − 1 = 3, SE = √(3/3/4) = 0.5, t = 1. Student t with 3 df has the
        // closed-form CDF F(t) = ½ + (1/π)[t/(√3(1 + t²/3)) + atan(t/√3)], F(1) = ½ + (0.433013 + π/6)/π
        // = 0.804498, so p = 2(1 − 0.804498) = 0.391002. Drift exp(0.5·2) − 1 = e − 1.
        double e = Math.E;
        WarmupCheck check = WarmupCheck.of(new double[][] {{1, e * e, e}, {e * e * e, Math.pow(e, 5), Math.pow(e, 4)}});
        assertEquals(0.5, check.logSlopePerIteration(), 1e-12);
        assertEquals(0.5, check.standardError(), 1e-12);
        assertEquals(3, check.degreesOfFreedom(), 1e-12);
        assertEquals(0.391002, check.p(), 1e-6);
        assertEquals(e - 1, check.relativeDrift(), 1e-12);
        assertFalse(check.isDrifting(0.05));
        assertTrue(check.isMaterial());
    }

    @Test
    void withinForkCvIsGeorgesSteadyStateFigure() {
        // Fork {9, 10, 11}: s = 1, mean 10, CV 0.1; fork {19, 20, 21}: CV 0.05. Average 0.075.
        WarmupCheck check = WarmupCheck.of(new double[][] {{9, 10, 11}, {19, 20, 21}});
        assertEquals(0.075, check.withinForkCv(), 1e-12);
    }

    @Test
    void tooFewIterationsOrNonPositiveValuesAreUnknown() {
        WarmupCheck check = WarmupCheck.of(new double[][] {{5}, {6}});
        assertTrue(Double.isNaN(check.p()));
        assertFalse(check.isDrifting(0.05));
        assertTrue(Double.isNaN(WarmupCheck.of(new double[][] {{1, 0, 2}, {3, 4, 5}}).p()));
    }
}
