package io.quantbench.engine.adaptive;

import io.quantbench.engine.format.WeightFormat;
import io.quantbench.engine.plan.QuantizationPlan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A weight format for every unit of a model, chosen from FP32, INT8 and INT4 by importance, and the
 * {@link QuantizationPlan} that loads it. Three ways to choose:
 * <ul>
 *   <li>{@link #split}: study A's rule, by rank alone: the top share of the units FP32, the next INT8, the rest INT4;</li>
 *   <li>{@link #greedy}: a budget of average bits per weight, spent where it removes the most measured KL divergence
 *       per bit;</li>
 *   <li>{@link #inOrder}: a budget spent down a ranking, each unit getting the most bits that still fit: the same rule
 *       for any ranking, which is what the ablation (importance against random and reversed orders) needs.</li>
 * </ul>
 * The head and the token embedding are not units: every allocation stores them INT8, as the uniform INT8 and INT4
 * plans do, so that allocations differ from those only in the blocks.
 */
public final class Allocation {

    /** The formats an allocation chooses from, fewest bits first. */
    public static final List<WeightFormat> LADDER = List.of(WeightFormat.INT4, WeightFormat.INT8, WeightFormat.F32);
    /** The head's format in every allocation. */
    static final WeightFormat HEAD = WeightFormat.INT8;

    /** Unit to format, in model order. */
    private final Map<PlanUnit, WeightFormat> formats;

    private Allocation(Map<PlanUnit, WeightFormat> formats) {
        Map<PlanUnit, WeightFormat> ordered = new LinkedHashMap<>();
        formats.keySet().stream().sorted(Comparator.comparingInt(PlanUnit::index)).forEach(u -> ordered.put(u, formats.get(u)));
        this.formats = ordered;
    }

    /**
     * Study A: the first {@code round(f32Share n)} units of {@code ranking} FP32, up to {@code round((f32Share +
     * int8Share) n)} INT8, the rest INT4 (halves round up: 35 units at 30/30 give 11, 10 and 14).
     *
     * @throws IllegalArgumentException if a share is negative or not finite, or both add up to more than 1
     */
    public static Allocation split(List<PlanUnit> ranking, double f32Share, double int8Share) {
        if (!(f32Share >= 0) || !(int8Share >= 0) || Double.isInfinite(f32Share) || Double.isInfinite(int8Share)
                || f32Share + int8Share > 1 + 1e-9) {
            throw new IllegalArgumentException("the FP32 and INT8 shares must be between 0 and 1 and add up to at most 1,"
                    + " got " + f32Share + " and " + int8Share);
        }
        requireUnits(ranking);
        int n = ranking.size();
        int f32 = (int) Math.round(f32Share * n);
        int f32AndInt8 = Math.min(n, (int) Math.round((f32Share + int8Share) * n));
        Map<PlanUnit, WeightFormat> formats = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            formats.put(ranking.get(i), i < f32 ? WeightFormat.F32 : i < f32AndInt8 ? WeightFormat.INT8 : WeightFormat.INT4);
        }
        return new Allocation(formats);
    }

    /**
     * Every unit INT4, then each unit of {@code ranking} in turn raised to the most bits (FP32, else INT8) that keep the
     * whole within {@code bitsPerWeight} on average.
     *
     * @throws IllegalArgumentException if the target is below uniform INT4's bits per weight
     */
    public static Allocation inOrder(List<PlanUnit> ranking, double bitsPerWeight) {
        requireUnits(ranking);
        Map<PlanUnit, WeightFormat> formats = lowest(ranking);
        long budget = budget(ranking, bitsPerWeight);
        long bits = bits(formats);
        for (PlanUnit u : ranking) {
            for (int step = LADDER.size() - 1; step > 0; step--) {
                long more = u.storageBits(LADDER.get(step)) - u.storageBits(LADDER.get(0));
                if (bits + more <= budget) {
                    formats.put(u, LADDER.get(step));
                    bits += more;
                    break;
                }
            }
        }
        return new Allocation(formats);
    }

    /**
     * Every unit INT4, then, while any raise still fits the budget of {@code bitsPerWeight} on average, the raise (INT4
     * to INT8, INT8 to FP32, or INT4 to FP32) that removes the most measured KL divergence per added bit. A raise's gain
     * is the drop in the unit's sensitivity (INT4's KL, INT8's, or 0 for FP32); a negative drop (noise) counts as 0.
     * Ties go to the earlier unit in the model.
     *
     * @throws IllegalArgumentException if the target is below INT4's bits per weight, or a unit lacks its INT8 sensitivity
     */
    public static Allocation greedy(List<LayerImportance> importances, double bitsPerWeight) {
        List<PlanUnit> units = importances.stream().map(LayerImportance::unit).toList();
        requireUnits(units);
        for (LayerImportance i : importances) {
            if (!i.hasInt8Sensitivity()) {
                throw new IllegalArgumentException("the budget allocation needs every unit's INT8 sensitivity; "
                        + i.unit() + " has none (measure it with INT8 sensitivities on)");
            }
        }
        Map<PlanUnit, WeightFormat> formats = lowest(units);
        long budget = budget(units, bitsPerWeight);
        long bits = bits(formats);
        while (true) {
            LayerImportance bestUnit = null;
            WeightFormat bestFormat = null;
            double bestRate = -1;
            for (LayerImportance i : importances) {
                WeightFormat now = formats.get(i.unit());
                for (WeightFormat to : LADDER.subList(LADDER.indexOf(now) + 1, LADDER.size())) {
                    long more = i.unit().storageBits(to) - i.unit().storageBits(now);
                    if (bits + more > budget) {
                        continue;
                    }
                    double rate = Math.max(0, kl(i, now) - kl(i, to)) / more;
                    if (rate > bestRate) {
                        bestRate = rate;
                        bestUnit = i;
                        bestFormat = to;
                    }
                }
            }
            if (bestUnit == null) {
                return new Allocation(formats);
            }
            bits += bestUnit.unit().storageBits(bestFormat) - bestUnit.unit().storageBits(formats.get(bestUnit.unit()));
            formats.put(bestUnit.unit(), bestFormat);
        }
    }

    private static double kl(LayerImportance i, WeightFormat format) {
        return format == WeightFormat.INT4 ? i.klInt4() : format == WeightFormat.INT8 ? i.klInt8() : 0;
    }

    private static void requireUnits(List<PlanUnit> units) {
        if (units.isEmpty()) {
            throw new IllegalArgumentException("no units to allocate formats to");
        }
    }

    private static Map<PlanUnit, WeightFormat> lowest(List<PlanUnit> units) {
        Map<PlanUnit, WeightFormat> formats = new LinkedHashMap<>();
        units.forEach(u -> formats.put(u, LADDER.get(0)));
        return formats;
    }

    /** The budget in bits; an error when even all-INT4 exceeds it. */
    private static long budget(List<PlanUnit> units, double bitsPerWeight) {
        long weights = units.stream().mapToLong(PlanUnit::weights).sum();
        double floor = (double) units.stream().mapToLong(u -> u.storageBits(LADDER.get(0))).sum() / weights;
        if (!(bitsPerWeight >= floor - 1e-9) || Double.isInfinite(bitsPerWeight)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "a budget of %s bits per weight is below what all-%s takes here (%.4f)", bitsPerWeight, LADDER.get(0), floor));
        }
        return (long) Math.floor(bitsPerWeight * weights + 1e-6);
    }

    private static long bits(Map<PlanUnit, WeightFormat> formats) {
        return formats.entrySet().stream().mapToLong(e -> e.getKey().storageBits(e.getValue())).sum();
    }

    /** The format of every unit, in model order. */
    public Map<PlanUnit, WeightFormat> formats() {
        return java.util.Collections.unmodifiableMap(formats);
    }

    public WeightFormat format(PlanUnit unit) {
        WeightFormat f = formats.get(unit);
        if (f == null) {
            throw new IllegalArgumentException("unit " + unit + " is not part of this allocation");
        }
        return f;
    }

    /** Bits of the units' weights as stored (scales and padding included). */
    public long bits() {
        return bits(formats);
    }

    /** Weights of the units. */
    public long weights() {
        return formats.keySet().stream().mapToLong(PlanUnit::weights).sum();
    }

    /** Average bits per weight over the units (the head, the same in every allocation, left out). */
    public double bitsPerWeight() {
        return (double) bits() / weights();
    }

    /** Units in each format. */
    public Map<WeightFormat, Integer> counts() {
        Map<WeightFormat, Integer> counts = new EnumMap<>(WeightFormat.class);
        formats.values().forEach(f -> counts.merge(f, 1, Integer::sum));
        return counts;
    }

    /**
     * The plan: as base the format that holds the most weights, then a rule for every unit in another format, in model
     * order. Linear units of one block that all share a non-base format become one {@code blk.N} rule, and runs of
     * such blocks one {@code blk.N-M} rule, so that plans stay readable.
     */
    public QuantizationPlan plan() {
        Map<WeightFormat, Long> weightsByFormat = new EnumMap<>(WeightFormat.class);
        formats.forEach((u, f) -> weightsByFormat.merge(f, u.weights(), Long::sum));
        WeightFormat base = weightsByFormat.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();

        List<String> rules = new ArrayList<>();
        int runStart = -1;
        WeightFormat runFormat = null;
        int lastBlock = formats.keySet().stream().mapToInt(PlanUnit::block).max().orElseThrow();
        for (int b = 0; b <= lastBlock + 1; b++) {
            WeightFormat whole = b <= lastBlock ? wholeBlockFormat(b) : null;
            if (runFormat != null && (whole != runFormat || b > lastBlock)) {
                rules.add((runStart == b - 1 ? "blk." + runStart : "blk." + runStart + "-" + (b - 1)) + "=" + runFormat);
                runFormat = null;
            }
            if (b > lastBlock) {
                break;
            }
            if (whole != null && whole != base) {
                if (runFormat == null) {
                    runStart = b;
                    runFormat = whole;
                }
            } else if (whole == null) {
                for (Map.Entry<PlanUnit, WeightFormat> e : formats.entrySet()) {
                    if (e.getKey().block() == b && e.getValue() != base) {
                        rules.add(e.getKey().selector() + "=" + e.getValue());
                    }
                }
            }
        }
        StringBuilder text = new StringBuilder(base.name());
        rules.forEach(r -> text.append(',').append(r));
        return QuantizationPlan.parse(text.append(",head=").append(HEAD).toString());
    }

    /** The format of every unit of block {@code b} when they share one, else null. */
    private WeightFormat wholeBlockFormat(int b) {
        WeightFormat shared = null;
        for (Map.Entry<PlanUnit, WeightFormat> e : formats.entrySet()) {
            if (e.getKey().block() == b) {
                if (shared != null && shared != e.getValue()) {
                    return null;
                }
                shared = e.getValue();
            }
        }
        return shared;
    }

    /** The plan's text. */
    @Override
    public String toString() {
        return plan().toString();
    }
}
