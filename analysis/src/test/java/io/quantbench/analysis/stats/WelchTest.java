package io.quantbench.analysis.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WelchTest {

    @Test
    void sleepDataMatchesRsWelchTest() {
        // R: t.test(extra ~ group, data = sleep)   (Welch is R's default)
        //   t = -1.8608, df = 17.776, p-value = 0.07939
        //   95 percent confidence interval: -3.3654832  0.2054832
        //   mean in group 1 0.75, mean in group 2 2.33
        Welch welch = Welch.test(StudentData.GROUP_1, StudentData.GROUP_2);
        assertEquals(-1.58, welch.difference(), 1e-12);
        assertEquals(-1.8608, welch.t(), 1e-4);
        assertEquals(17.776, welch.degreesOfFreedom(), 1e-3);
        assertEquals(0.07939, welch.p(), 1e-5);
        Interval ci = welch.differenceInterval(0.95);
        assertEquals(-3.3654832, ci.low(), 1e-6);
        assertEquals(0.2054832, ci.high(), 1e-6);
    }

    @Test
    void degreesOfFreedomOfEqualSamplesArePooled() {
        // With equal n and equal variances, Welch's nu equals n_a + n_b - 2 (by the formula:
        // (2v)^2 / (2 v^2/(n-1)) = 2(n-1)).
        assertEquals(8, Welch.degreesOfFreedom(0.3, 5, 0.3, 5), 1e-12);
    }

    @Test
    void tooFewValuesGiveNoTest() {
        Welch welch = Welch.test(new double[] {1}, new double[] {2, 3});
        assertEquals(-1.5, welch.difference());
        assertTrue(Double.isNaN(welch.p()));
    }
}
