package io.quantbench.engine.adaptive;

/**
 * How much one {@link PlanUnit} matters, by every measure quantbench has. Larger is more important throughout.
 *
 * @param unit            the layer or block
 * @param klInt4          sensitivity: mean KL divergence (nats) of the model's next-token distribution from FP32's when
 *                        only this unit is INT4, over the calibration text
 * @param klInt8          the same with only this unit INT8 (NaN when not measured); the budget allocation needs it
 * @param int4Error       relative INT4 quantization error of the weights, ‖W − Q(W)‖² / ‖W‖²
 * @param activationError the same error weighted by the calibration activations each input column multiplies,
 *                        Σ_j E[x_j²] ‖ΔW_:,j‖² / Σ_j E[x_j²] ‖W_:,j‖² (the expected relative error of the output W x)
 * @param kurtosis        excess kurtosis of the weights (0 for a Gaussian; heavy tails quantize badly)
 * @param outlierShare    share of weights more than {@value WeightStatistics#OUTLIER_SIGMAS} standard deviations from
 *                        their mean (a Gaussian has 0.006 %)
 * @param position        how close the unit's block is to either end of the model: 1 for the first and last block of
 *                        many, 0 in the middle (first and last layers are commonly the most sensitive)
 */
public record LayerImportance(PlanUnit unit, double klInt4, double klInt8, double int4Error, double activationError,
                              double kurtosis, double outlierShare, double position) {

    /** Whether the INT8 sensitivity was measured. */
    public boolean hasInt8Sensitivity() {
        return !Double.isNaN(klInt8);
    }
}
