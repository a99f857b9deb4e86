package io.quantbench.engine.adaptive;

import io.quantbench.engine.format.WeightFormat;
import io.quantbench.engine.plan.QuantizationPlan;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AllocationTest {

    /** {@code n} units of one 64 x 64 layer each (4096 weights: 4.5 bits per weight in INT4, 8.5 in INT8, 32 in FP32). */
    static List<PlanUnit> squares(int n) {
        List<PlanUnit> units = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            units.add(new PlanUnit(i, "blk." + i, i, List.of(new PlanUnit.LinearShape("blk." + i + ".ffn_up", 64, 64))));
        }
        return units;
    }

    @Test
    void studyASplitCountsUnitsByRank() {
        List<PlanUnit> units = squares(10);
        List<PlanUnit> ranking = new ArrayList<>(units);
        Collections.reverse(ranking);
        Allocation a = Allocation.split(ranking, 0.3, 0.3);
        for (int i = 0; i < 10; i++) {
            WeightFormat expected = i < 3 ? WeightFormat.F32 : i < 6 ? WeightFormat.INT8 : WeightFormat.INT4;
            assertEquals(expected, a.format(ranking.get(i)), "rank " + i);
        }
        Allocation big = Allocation.split(squares(35), 0.3, 0.3);        // 10.5 rounds up: 11 FP32, 21 - 11 INT8, 14 INT4
        assertEquals(11, big.counts().get(WeightFormat.F32));
        assertEquals(10, big.counts().get(WeightFormat.INT8));
        assertEquals(14, big.counts().get(WeightFormat.INT4));
        Allocation configured = Allocation.split(units, 0.1, 0.5);
        assertEquals(1, configured.counts().get(WeightFormat.F32));
        assertEquals(5, configured.counts().get(WeightFormat.INT8));
        assertEquals(4, configured.counts().get(WeightFormat.INT4));
    }

    @Test
    void splitSharesOutsideTheUnitIntervalAreErrors() {
        List<PlanUnit> units = squares(4);
        for (double[] bad : new double[][] {{0.7, 0.4}, {-0.1, 0.3}, {Double.NaN, 0.3}, {0.3, Double.POSITIVE_INFINITY}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Allocation.split(units, bad[0], bad[1]));
            assertTrue(e.getMessage().contains("shares must be between 0 and 1"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Allocation.split(List.of(), 0.3, 0.3));
    }

    @Test
    void inOrderSpendsTheBudgetDownTheRankingAndNeverExceedsIt() {
        List<PlanUnit> units = squares(10);
        List<PlanUnit> ranking = List.of(units.get(7), units.get(2), units.get(5), units.get(0), units.get(9),
                units.get(1), units.get(3), units.get(4), units.get(6), units.get(8));
        // 10 bits per weight: room above all-INT4 for exactly two FP32 raises.
        Allocation ten = Allocation.inOrder(ranking, 10);
        assertEquals(10.0, ten.bitsPerWeight(), 1e-12);
        assertEquals(List.of(units.get(2), units.get(7)), unitsIn(ten, WeightFormat.F32));
        assertEquals(8, ten.counts().get(WeightFormat.INT4));
        // 9 bits per weight: one FP32 raise, then INT8 raises for the next four; 6144 bits are left, less than a raise.
        Allocation nine = Allocation.inOrder(ranking, 9);
        assertEquals(List.of(units.get(7)), unitsIn(nine, WeightFormat.F32));
        assertEquals(List.of(units.get(0), units.get(2), units.get(5), units.get(9)), unitsIn(nine, WeightFormat.INT8));
        assertEquals(9 * 40960 - 6144, nine.bits());
    }

    @Test
    void aBudgetBelowInt4IsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Allocation.inOrder(squares(3), 4.0));
        assertTrue(e.getMessage().contains("below what all-INT4 takes here (4.5000)"), e.getMessage());
    }

    @Test
    void greedyBuysTheMostKlPerBit() {
        List<PlanUnit> u = squares(3);
        List<LayerImportance> importances = List.of(importance(u.get(0), 1.0, 0.01), importance(u.get(1), 0.5, 0.4),
                importance(u.get(2), 0.05, 0.0));
        double int4 = 4.5;
        double oneInt8Raise = int4 + 16384.0 / (3 * 4096);
        Allocation one = Allocation.greedy(importances, oneInt8Raise);
        assertEquals(WeightFormat.INT8, one.format(u.get(0)));
        assertEquals(2, one.counts().get(WeightFormat.INT4));
        Allocation two = Allocation.greedy(importances, int4 + 2 * 16384.0 / (3 * 4096));
        assertEquals(List.of(u.get(0), u.get(1)), unitsIn(two, WeightFormat.INT8));
        Allocation all = Allocation.greedy(importances, 32);
        assertEquals(3, all.counts().get(WeightFormat.F32));
    }

    @Test
    void greedyWithoutInt8SensitivityIsAnError() {
        PlanUnit unit = squares(1).get(0);
        List<LayerImportance> noInt8 = List.of(new LayerImportance(unit, 1, Double.NaN, 0, 0, 0, 0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Allocation.greedy(noInt8, 8));
        assertTrue(e.getMessage().contains("INT8 sensitivity"), e.getMessage());
    }

    /** Any sizes, sensitivities and budgets: within the budget, and no single raise that still fits is left undone. */
    @Test
    void budgetsAreNeverExceededAndLeaveNoAffordableRaise() {
        Random random = new Random(5);
        for (int trial = 0; trial < 200; trial++) {
            List<LayerImportance> importances = new ArrayList<>();
            int n = 1 + random.nextInt(12);
            for (int i = 0; i < n; i++) {
                int rows = 1 + random.nextInt(100);
                int cols = 1 + random.nextInt(300);
                PlanUnit unit = new PlanUnit(i, "blk." + i, i, List.of(new PlanUnit.LinearShape("blk." + i + ".ffn_down", rows, cols)));
                importances.add(importance(unit, random.nextDouble(), random.nextDouble() * 0.1));
            }
            List<PlanUnit> units = importances.stream().map(LayerImportance::unit).toList();
            double floor = (double) units.stream().mapToLong(x -> x.storageBits(WeightFormat.INT4)).sum()
                    / units.stream().mapToLong(PlanUnit::weights).sum();
            double target = floor + random.nextDouble() * (40 - floor);
            long budget = (long) Math.floor(target * units.stream().mapToLong(PlanUnit::weights).sum() + 1e-6);
            for (Allocation a : List.of(Allocation.inOrder(units, target), Allocation.greedy(importances, target))) {
                assertTrue(a.bits() <= budget, a + " takes " + a.bits() + " bits of " + budget);
                for (PlanUnit unit : units) {
                    WeightFormat now = a.format(unit);
                    for (WeightFormat up : Allocation.LADDER.subList(Allocation.LADDER.indexOf(now) + 1, Allocation.LADDER.size())) {
                        long more = unit.storageBits(up) - unit.storageBits(now);
                        assertTrue(a.bits() + more > budget, "trial " + trial + ": " + unit + " could still go " + up);
                    }
                }
            }
        }
    }

    @Test
    void thePlanGivesEveryLayerItsFormatInFewRules() {
        List<PlanUnit> units = new ArrayList<>();
        for (int b = 0; b < 5; b++) {
            for (String kind : List.of("attn_q", "ffn_up")) {
                units.add(new PlanUnit(units.size(), "blk." + b + "." + kind, b,
                        List.of(new PlanUnit.LinearShape("blk." + b + "." + kind, 64, 64))));
            }
        }
        // blocks 0 and 1 FP32 entirely, block 2 mixed, blocks 3 and 4 INT4 (the base: it holds the most weights)
        List<PlanUnit> ranking = List.of(units.get(0), units.get(1), units.get(2), units.get(3), units.get(5),
                units.get(4), units.get(6), units.get(7), units.get(8), units.get(9));
        Allocation a = Allocation.split(ranking, 0.4, 0.1);
        QuantizationPlan plan = a.plan();
        assertEquals("INT4,blk.0-1=F32,blk.2.ffn_up=INT8,head=INT8", plan.toString());
        for (PlanUnit unit : units) {
            String kind = unit.selector().substring(unit.selector().lastIndexOf('.') + 1);
            assertEquals(a.format(unit), plan.format(unit.block(), kind), unit.selector());
        }
    }

    static LayerImportance importance(PlanUnit unit, double klInt4, double klInt8) {
        return new LayerImportance(unit, klInt4, klInt8, 0, 0, 0, 0, 0);
    }

    private static List<PlanUnit> unitsIn(Allocation a, WeightFormat format) {
        return a.formats().entrySet().stream().filter(e -> e.getValue() == format).map(java.util.Map.Entry::getKey).toList();
    }
}
