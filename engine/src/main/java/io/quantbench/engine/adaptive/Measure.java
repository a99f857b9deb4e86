package io.quantbench.engine.adaptive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** The measures a ranking of units by importance can use: the measured sensitivity and its cheap stand-ins. */
public enum Measure {
    SENSITIVITY("sensitivity", "KL divergence from FP32 with only this unit in INT4 (measured)", LayerImportance::klInt4),
    WEIGHT_ERROR("weight-error", "relative INT4 quantization error of the weights", LayerImportance::int4Error),
    ACTIVATION_ERROR("activation-error", "INT4 weight error weighted by the calibration activations",
            LayerImportance::activationError),
    KURTOSIS("kurtosis", "excess kurtosis of the weights", LayerImportance::kurtosis),
    OUTLIERS("outliers", "share of weights beyond " + WeightStatistics.OUTLIER_SIGMAS + " standard deviations",
            LayerImportance::outlierShare),
    POSITION("position", "closeness of the block to the first or last block", LayerImportance::position);

    private final String id;
    private final String description;
    private final ToDoubleFunction<LayerImportance> score;

    Measure(String id, String description, ToDoubleFunction<LayerImportance> score) {
        this.id = id;
        this.description = description;
        this.score = score;
    }

    /** The name on the command line and in reports. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public double score(LayerImportance importance) {
        return score.applyAsDouble(importance);
    }

    /** The units from most to least important by this measure; ties keep model order (so do NaN scores, last). */
    public List<PlanUnit> rank(List<LayerImportance> importances) {
        List<LayerImportance> sorted = new ArrayList<>(importances);
        sorted.sort(Comparator.comparingDouble((LayerImportance i) -> {
            double s = score(i);
            return Double.isNaN(s) ? Double.POSITIVE_INFINITY : -s;
        }).thenComparingInt(i -> i.unit().index()));
        return sorted.stream().map(LayerImportance::unit).collect(Collectors.toUnmodifiableList());
    }

    /** The measure called {@code id}, or an error that lists the valid ones. */
    public static Measure parse(String id) {
        for (Measure m : values()) {
            if (m.id.equalsIgnoreCase(id.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown importance measure '" + id + "'; valid: "
                + Arrays.stream(values()).map(Measure::id).collect(Collectors.joining(", ")));
    }
}
