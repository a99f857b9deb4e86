package io.quantbench.engine.adaptive;

import io.quantbench.engine.kernel.KernelPool;
import io.quantbench.engine.model.LoadOptions;
import io.quantbench.engine.model.ModelSource;
import io.quantbench.engine.model.Models;
import io.quantbench.engine.model.Transformer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Does ranking by importance matter? The same allocation rule ({@link Allocation#inOrder}) at the same budget of bits
 * per weight, fed different rankings: by each importance measure, by sensitivity reversed, and by random orders; each
 * result is loaded and compared with FP32 on an evaluation text. If importance carries information, its KL divergence
 * is lower than the random orders' (and the reversed order's is higher). The greedy allocation by sensitivity per bit
 * ({@link Allocation#greedy}) runs at the same budget as one more arm when the INT8 sensitivities were measured.
 *
 * <p>This class only produces the numbers; whether the difference is larger than the spread of random orders and of
 * the evaluation text is the report's question (the statistics live in the analysis module).
 */
public final class Ablation {

    /** What an arm is. */
    public enum Kind {
        /** Ranked by one importance measure. */
        MEASURE,
        /** Ranked by sensitivity, least important first. */
        REVERSED,
        /** A random order (seeded). */
        RANDOM,
        /** Greedy by sensitivity per bit rather than down a ranking. */
        GREEDY
    }

    /** One ranking's allocation and how close it stays to FP32. */
    public record Arm(String name, Kind kind, Allocation allocation, ReferenceLogits.Agreement quality) {
    }

    private Ablation() {
    }

    /**
     * @param importances   every unit's importance ({@link Importance#measure})
     * @param evaluation    FP32's scores on an evaluation text (not the calibration text)
     * @param bitsPerWeight the budget every arm gets
     * @param randomOrders  how many random orders
     * @param seed          the random orders are {@code new Random(seed + r)} shuffles, r = 0, 1, …
     */
    public static List<Arm> run(ModelSource source, List<LayerImportance> importances, ReferenceLogits evaluation,
                                double bitsPerWeight, int randomOrders, long seed, int threads, Consumer<String> progress) {
        if (randomOrders < 0) {
            throw new IllegalArgumentException("the number of random orders must be 0 or more, got " + randomOrders);
        }
        List<String> names = new ArrayList<>();
        List<Kind> kinds = new ArrayList<>();
        List<Allocation> allocations = new ArrayList<>();
        for (Measure m : Measure.values()) {
            List<PlanUnit> ranking = m.rank(importances);
            names.add(m.id());
            kinds.add(Kind.MEASURE);
            allocations.add(Allocation.inOrder(ranking, bitsPerWeight));
        }
        List<PlanUnit> reversed = new ArrayList<>(Measure.SENSITIVITY.rank(importances));
        Collections.reverse(reversed);
        names.add("sensitivity reversed");
        kinds.add(Kind.REVERSED);
        allocations.add(Allocation.inOrder(reversed, bitsPerWeight));
        if (importances.stream().allMatch(LayerImportance::hasInt8Sensitivity)) {
            names.add("greedy KL per bit");
            kinds.add(Kind.GREEDY);
            allocations.add(Allocation.greedy(importances, bitsPerWeight));
        }
        List<PlanUnit> units = importances.stream().map(LayerImportance::unit).toList();
        for (int r = 0; r < randomOrders; r++) {
            List<PlanUnit> shuffled = new ArrayList<>(units);
            Collections.shuffle(shuffled, new Random(seed + r));
            names.add("random " + (r + 1));
            kinds.add(Kind.RANDOM);
            allocations.add(Allocation.inOrder(shuffled, bitsPerWeight));
        }

        List<Arm> arms = new ArrayList<>();
        try (KernelPool pool = new KernelPool(threads)) {
            for (int i = 0; i < allocations.size(); i++) {
                progress.accept("ablation arm " + (i + 1) + " of " + allocations.size() + ": " + names.get(i));
                Transformer model = Models.load(source, allocations.get(i).plan(), LoadOptions.of(threads));
                arms.add(new Arm(names.get(i), kinds.get(i), allocations.get(i), evaluation.compare(model, pool)));
            }
        }
        return List.copyOf(arms);
    }
}
