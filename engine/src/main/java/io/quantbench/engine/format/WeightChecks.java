package io.quantbench.engine.format;

/** What every quantizer shares: the checks that the shape fits and every weight is finite, and the rounding rule. */
final class WeightChecks {

    private WeightChecks() {
    }

    /**
     * @throws IllegalArgumentException naming the problem: a bad shape, a column count the format cannot
     *         take, or the first NaN or infinite weight with its row and column
     */
    static void check(WeightFormat format, float[] weights, int rows, int cols) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException(format + ": matrix shape " + rows + "x" + cols + " must be positive");
        }
        if (weights.length != (long) rows * cols) {
            throw new IllegalArgumentException(format + ": " + rows + "x" + cols + " needs " + (long) rows * cols
                    + " weights but the array holds " + weights.length);
        }
        int multiple = format.requiredColumnMultiple();
        if (cols % multiple != 0) {
            throw new IllegalArgumentException(format + " needs the column count (input features) to be a multiple of "
                    + multiple + "; got " + rows + "x" + cols);
        }
        for (int i = 0; i < weights.length; i++) {
            float w = weights[i];
            if (!Float.isFinite(w)) {
                throw new IllegalArgumentException(format + ": weight at row " + i / cols + ", column " + i % cols
                        + " is " + w + "; only finite weights can be quantized");
            }
        }
    }

    /** Rounds half away from zero, as C's {@code roundf} (which ggml's quantizers use); {@link Math#round} rounds half up. */
    static int roundHalfAway(float v) {
        return v < 0 ? -Math.round(-v) : Math.round(v);
    }
}
