package io.quantbench.jmh.reproduce;

import io.quantbench.engine.adaptive.Ablation;
import io.quantbench.engine.adaptive.ReferenceLogits;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AblationStatisticsTest {

    private static Ablation.Arm arm(String name, Ablation.Kind kind, double... klPerSequence) {
        double mean = java.util.Arrays.stream(klPerSequence).average().orElseThrow();
        return new Ablation.Arm(name, kind, null, new ReferenceLogits.Agreement(mean, 0.9, 2.0, klPerSequence));
    }

    @Test
    void importanceFarBelowEveryRandomOrderIsAWin() {
        Ablation.Arm importance = arm("sensitivity", Ablation.Kind.MEASURE, 0.010, 0.012, 0.011, 0.009);
        List<Ablation.Arm> arms = new ArrayList<>(List.of(importance));
        for (int r = 0; r < 19; r++) {
            arms.add(arm("random " + r, Ablation.Kind.RANDOM, 0.05 + r * 0.001, 0.06, 0.055, 0.05));
        }
        AblationStatistics st = AblationStatistics.of(importance, arms, 1);
        assertEquals(19, st.orders());
        assertEquals(0.0, st.atLeastAsGoodShare());
        assertEquals(1.0 / 20, st.p(), 1e-12);
        assertTrue(st.ratio().high() < 1, st.ratio().toString());
        assertTrue(st.verdict().startsWith("importance order beats random order"), st.verdict());
    }

    @Test
    void importanceInTheMiddleOfTheRandomOrdersIsInconclusive() {
        Ablation.Arm importance = arm("sensitivity", Ablation.Kind.MEASURE, 0.05, 0.04, 0.06, 0.05);
        List<Ablation.Arm> arms = new ArrayList<>(List.of(importance));
        for (int r = 0; r < 10; r++) {
            double kl = 0.031 + 0.004 * r;                                // 0.031 .. 0.067, five below 0.05
            arms.add(arm("random " + r, Ablation.Kind.RANDOM, kl, kl, kl, kl));
        }
        AblationStatistics st = AblationStatistics.of(importance, arms, 1);
        assertEquals(0.5, st.atLeastAsGoodShare(), 1e-12);
        assertEquals(6.0 / 11, st.p(), 1e-12);
        assertTrue(st.verdict().startsWith("no clear difference"), st.verdict());
    }
}
