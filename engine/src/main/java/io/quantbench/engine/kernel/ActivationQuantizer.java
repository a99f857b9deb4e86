package io.quantbench.engine.kernel;

/**
 * The two ways the integer kernels quantize activations, written as plain loops: the reference that
 * {@link VectorActivationQuantizer} must equal bit for bit (it is tested to).
 */
final class ActivationQuantizer {

    /** Values per activation block of the INT8 and INT4 kernels (ggml's Q8_0 activations). */
    static final int BLOCK = 32;

    private ActivationQuantizer() {
    }

    /**
     * Blocks of 32 (ggml's {@code quantize_row_q8_0}): {@code d = absmax / 127}, {@code q = round(x / d)},
     * rounding to nearest with ties to even (ggml's {@code roundf} sends ties away from zero; a tie needs
     * {@code x / d} to be exactly {@code k + 1/2}). Writes the 32 values of block {@code b} to {@code q[qOffset + b * 32 ..]}
     * in natural order, its scale to {@code scales[scaleOffset + b]} and the sum of its values to
     * {@code sums[scaleOffset + b]}.
     */
    static void int8Blocks(float[] x, int xOffset, int cols, short[] q, int qOffset,
                           float[] scales, int[] sums, int scaleOffset) {
        for (int b = 0; b < cols / BLOCK; b++) {
            int from = xOffset + b * BLOCK;
            float absmax = 0;
            for (int i = 0; i < BLOCK; i++) {
                absmax = Math.max(absmax, Math.abs(x[from + i]));
            }
            float d = absmax / 127f;
            int sum = 0;
            for (int i = 0; i < BLOCK; i++) {
                float v = d == 0 ? 0 : x[from + i] / d;
                int qi = (int) Math.max(-127, Math.min(127, Math.rint(v)));
                q[qOffset + b * BLOCK + i] = (short) qi;
                sum += qi;
            }
            scales[scaleOffset + b] = d;                 // NaN input gives a NaN scale, so the output is NaN too
            sums[scaleOffset + b] = sum;
        }
    }

    /**
     * BitNet's per-token absmax (FORMATS.md §1.2): {@code s = 127 / max(absmax, 1e-5)},
     * {@code q = clamp(round(x * s), -128, 127)} rounding half to even as PyTorch does. Writes the
     * values in natural order and returns {@code s}; {@code sum[sumIndex]} receives their sum.
     */
    static float int8Token(float[] x, int xOffset, int cols, short[] q, int qOffset, int[] sum, int sumIndex) {
        float absmax = 0;
        for (int i = 0; i < cols; i++) {
            absmax = Math.max(absmax, Math.abs(x[xOffset + i]));
        }
        float s = 127f / Math.max(absmax, 1e-5f);
        int total = 0;
        for (int i = 0; i < cols; i++) {
            int qi = (int) Math.max(-128, Math.min(127, Math.rint(x[xOffset + i] * s)));
            q[qOffset + i] = (short) qi;
            total += qi;
        }
        sum[sumIndex] = total;
        return s;
    }
}
