package io.quantbench.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector steps the INT8 and INT4 kernels share: widening pairs of shorts into ints, and turning a
 * vector of block dot products into float terms added to the stripes ({@link Stripes}).
 *
 * <p>Each method is small on purpose: C2 stops inlining Vector API calls once a compiled method grows
 * past its node budget (NodeCountInliningCutoff), and a vector operation that is not inlined is boxed
 * and runs tens of times slower.
 */
final class BlockKernels {

    private static final VectorSpecies<Float> FLOATS = Simd.FLOAT;
    private static final VectorSpecies<Integer> INTS = Simd.INT;
    private static final VectorSpecies<Short> SCALES = Simd.SHORT_HALF;   // L float16 scales
    private static final int L = INTS.length();

    private BlockKernels() {
    }

    /**
     * Adds each pair of adjacent short lanes into one int lane: int lane {@code m} gets shorts
     * {@code 2m} and {@code 2m + 1}. Works on the bits of the vector read as ints (little-endian: the
     * low short is the even lane), with two arithmetic shifts instead of a cross-lane widening.
     */
    static IntVector pairSum(ShortVector p) {
        IntVector v = (IntVector) p.reinterpretShape(INTS, 0);
        IntVector high = v.lanewise(VectorOperators.ASHR, 16);
        IntVector low = v.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16);
        return high.add(low);
    }

    /** {@code LANE_MASKS[k * L + j]} is 1 for {@code j < L >> k} and 0 above: the live lanes of a group folded k times. */
    private static final float[] LANE_MASKS = laneMasks();

    /**
     * {@code stripes[s + j] += (float) dots[j] * (weightScale[j] * activationScale[j] * live[j])} for the
     * L lanes, the weight scales read as float16 from {@code wScales[wAt + j]}. A group of {@code g}
     * blocks narrower than L has only {@code g} live lanes: the others get a factor 0, so they add
     * {@code +-0} and leave their stripes' bits unchanged (their loads stay within the arrays' slack).
     */
    static void addScaled(IntVector dots, int g, short[] wScales, int wAt, float[] xScales, int xAt, float[] stripes, int s) {
        FloatVector scale = halfToFloat(wScales, wAt).mul(FloatVector.fromArray(FLOATS, xScales, xAt));
        if (g < L) {
            scale = scale.mul(FloatVector.fromArray(FLOATS, LANE_MASKS, Integer.numberOfTrailingZeros(L / g) * L));
        }
        FloatVector terms = ((FloatVector) dots.convertShape(VectorOperators.I2F, FLOATS, 0)).mul(scale);
        FloatVector.fromArray(FLOATS, stripes, s).add(terms).intoArray(stripes, s);
    }

    /**
     * For a group of {@code g < L} blocks, where lane {@code m} holds units of block {@code m % g}:
     * adds the lanes of each block into lanes {@code 0 .. g-1} (rotations by L/2, L/4, ..., g).
     * Integer additions, so the order does not matter.
     */
    static IntVector fold(IntVector dots, int g) {
        for (int k = L / 2; k >= g; k /= 2) {
            dots = dots.add(dots.rearrange(ROTATIONS[Integer.numberOfTrailingZeros(k)]));
        }
        return dots;
    }

    /** {@code ROTATIONS[i]} moves lane {@code j + 2^i} to lane {@code j}. */
    private static final VectorShuffle<Integer>[] ROTATIONS = rotations();

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Integer>[] rotations() {
        VectorShuffle<Integer>[] r = new VectorShuffle[Integer.numberOfTrailingZeros(L)];
        for (int i = 0; i < r.length; i++) {
            r[i] = VectorShuffle.iota(INTS, 1 << i, 1, true);
        }
        return r;
    }

    private static float[] laneMasks() {
        int levels = Integer.numberOfTrailingZeros(L) + 1;
        float[] masks = new float[levels * L];
        for (int k = 0; k < levels; k++) {
            for (int j = 0; j < (L >> k); j++) {
                masks[k * L + j] = 1f;
            }
        }
        return masks;
    }

    /**
     * L float16 values to float, exactly: the half's exponent and mantissa bits moved into a float's
     * place and the result multiplied by 2^112 (the difference of the exponent biases), which also
     * gets subnormal halves right. Infinities and NaNs never occur among block scales.
     */
    static FloatVector halfToFloat(short[] halves, int at) {
        IntVector h = (IntVector) ShortVector.fromArray(SCALES, halves, at).convertShape(VectorOperators.S2I, INTS, 0);
        IntVector bits = h.and(0x7FFF).lanewise(VectorOperators.LSHL, 13).or(h.and(0x8000_0000));
        return ((FloatVector) bits.reinterpretShape(FLOATS, 0)).mul(0x1p112f);
    }
}
