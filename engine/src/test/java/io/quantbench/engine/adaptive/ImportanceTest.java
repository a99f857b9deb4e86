package io.quantbench.engine.adaptive;

import io.quantbench.engine.format.WeightFormat;
import io.quantbench.engine.kernel.KernelPool;
import io.quantbench.engine.model.LoadOptions;
import io.quantbench.engine.model.Models;
import io.quantbench.engine.model.Transformer;
import io.quantbench.engine.plan.QuantizationPlan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Importance and the ablation on a model where the most sensitive layer is known ({@link ExactlyInt4Model}). */
class ImportanceTest {

    private static final ExactlyInt4Model MODEL = new ExactlyInt4Model();
    private static List<LayerImportance> importances;

    @BeforeAll
    static void measure() {
        List<int[]> calibration = TokenSequences.random(MODEL.config().vocabSize(), 2, 16, 1, MODEL.config().contextLength());
        importances = Importance.measure(MODEL, PlanUnit.of(MODEL, PlanUnit.Granularity.LINEAR), calibration, true, 1, line -> { });
    }

    @Test
    void theSensitiveLayerRanksFirstByEveryMeasureOfError() {
        assertEquals(14, importances.size());
        for (Measure m : List.of(Measure.SENSITIVITY, Measure.WEIGHT_ERROR, Measure.ACTIVATION_ERROR)) {
            assertEquals(ExactlyInt4Model.SENSITIVE, m.rank(importances).get(0).selector(), m.id());
        }
        LayerImportance sensitive = importances.stream().filter(i -> i.unit().selector().equals(ExactlyInt4Model.SENSITIVE))
                .findFirst().orElseThrow();
        for (LayerImportance other : importances) {
            if (other != sensitive) {
                assertEquals(0.0, other.int4Error(), other.unit().selector());
                assertEquals(0.0, other.activationError(), other.unit().selector());
                assertTrue(other.klInt4() * 10 < sensitive.klInt4(), other.unit() + ": " + other.klInt4() + " against "
                        + sensitive.klInt4());
            }
        }
        assertTrue(sensitive.int4Error() > 0.001 && sensitive.int4Error() < 0.1, "INT4 error " + sensitive.int4Error());
        assertTrue(sensitive.klInt8() < sensitive.klInt4(), "INT8 is closer to FP32 than INT4");
    }

    @Test
    void theWeightsAloneRankTheSensitiveLayerFirstWithoutRunningTheModel() {
        List<LayerImportance> fromWeights = Importance.fromWeights(MODEL, PlanUnit.of(MODEL, PlanUnit.Granularity.LINEAR),
                line -> { });
        assertEquals(ExactlyInt4Model.SENSITIVE, Measure.WEIGHT_ERROR.rank(fromWeights).get(0).selector());
        for (int i = 0; i < fromWeights.size(); i++) {
            assertTrue(Double.isNaN(fromWeights.get(i).klInt4()) && Double.isNaN(fromWeights.get(i).activationError()));
            assertEquals(importances.get(i).int4Error(), fromWeights.get(i).int4Error());
        }
    }

    @Test
    void blocksAreUnitsToo() {
        List<PlanUnit> blocks = PlanUnit.of(MODEL, PlanUnit.Granularity.BLOCK);
        assertEquals(List.of("blk.0", "blk.1"), blocks.stream().map(PlanUnit::selector).toList());
        assertEquals(blocks.get(0).weights(), PlanUnit.of(MODEL, PlanUnit.Granularity.LINEAR).stream()
                .filter(u -> u.block() == 0).mapToLong(PlanUnit::weights).sum());
        assertEquals(1.0, Importance.position(0, 5));
        assertEquals(0.0, Importance.position(2, 5));
        assertEquals(1.0, Importance.position(4, 5));
    }

    @Test
    void theReferenceAgreesWithItselfAndAQuantizedModelLess() {
        List<int[]> text = TokenSequences.random(MODEL.config().vocabSize(), 2, 12, 9, MODEL.config().contextLength());
        try (KernelPool pool = new KernelPool(1)) {
            Transformer fp32 = Models.load(MODEL, QuantizationPlan.uniform(WeightFormat.F32), LoadOptions.of(2));
            ReferenceLogits reference = ReferenceLogits.of(fp32, text, pool, null);
            assertEquals(0.0, reference.reference().meanKl());
            assertEquals(1.0, reference.reference().top1());
            assertEquals(reference.reference().perplexity(), reference.compare(fp32, pool).perplexity());
            Transformer int4 = Models.load(MODEL, QuantizationPlan.parse("F32," + ExactlyInt4Model.SENSITIVE + "=INT4"),
                    LoadOptions.of(2));
            ReferenceLogits.Agreement a = reference.compare(int4, pool);
            assertTrue(a.meanKl() > 0 && a.klPerSequence().length == 2, "KL " + a.meanKl());
            assertThrows(IllegalArgumentException.class, () -> ReferenceLogits.of(fp32, List.of(new int[] {1}), pool, null));
        }
    }

    @Test
    void theAblationGivesEveryArmTheSameBudgetAndImportanceBeatsItsReverse() {
        List<int[]> text = TokenSequences.random(MODEL.config().vocabSize(), 2, 12, 3, MODEL.config().contextLength());
        double budget = 9.0;
        List<Ablation.Arm> arms;
        try (KernelPool pool = new KernelPool(1)) {
            Transformer fp32 = Models.load(MODEL, QuantizationPlan.uniform(WeightFormat.F32), LoadOptions.of(2));
            arms = Ablation.run(MODEL, importances, ReferenceLogits.of(fp32, text, pool, null), budget, 3, 7, 1, line -> { });
        }
        assertEquals(Measure.values().length + 2 + 3, arms.size());
        assertEquals(3, arms.stream().filter(a -> a.kind() == Ablation.Kind.RANDOM).count());
        for (Ablation.Arm arm : arms) {
            assertTrue(arm.allocation().bitsPerWeight() <= budget, arm.name() + ": " + arm.allocation().bitsPerWeight());
        }
        Ablation.Arm sensitivity = arms.get(0);
        Ablation.Arm reversed = arms.stream().filter(a -> a.kind() == Ablation.Kind.REVERSED).findFirst().orElseThrow();
        assertEquals("sensitivity", sensitivity.name());
        assertEquals(WeightFormat.F32, sensitivity.allocation().format(Measure.SENSITIVITY.rank(importances).get(0)));
        assertTrue(sensitivity.quality().meanKl() < reversed.quality().meanKl(),
                sensitivity.quality().meanKl() + " against reversed " + reversed.quality().meanKl());
    }
}
