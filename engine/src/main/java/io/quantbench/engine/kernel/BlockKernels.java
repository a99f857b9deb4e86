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
     * low short is the even lane), with arithmetic shifts instead of a cross-lane widening.
     *
     * <p>Two methods of under 35 bytes of bytecode each, so that C2 inlines them even where they run
     * rarely: a vector argument to a call that is not inlined is boxed on every call.
     */
    static IntVector pairSum(ShortVector p) {
        return addHalves((IntVector) p.reinterpretShape(INTS, 0));
    }

    /** The sum of each int lane's high and low 16 bits, both taken as signed. */
    private static IntVector addHalves(IntVector v) {
        return v.lanewise(VectorOperators.ASHR, 16).add(v.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
    }

    /**
     * {@code (float) dots[j] * (weightScale[j] * activationScale[j])} for the L lanes of a full segment, the
     * weight scales read as float16 from {@code wScales[wAt + j]}: the terms a segment adds to its stripes.
     * Small, so that C2 inlines it into the kernel's hot loop (it takes a vector, which a real call would box).
     */
    static FloatVector scaled(IntVector dots, short[] wScales, int wAt, float[] xScales, int xAt) {
        FloatVector scale = halfToFloat(wScales, wAt).mul(FloatVector.fromArray(FLOATS, xScales, xAt));
        return ((FloatVector) dots.convertShape(VectorOperators.I2F, FLOATS, 0)).mul(scale);
    }

    /** {@code LANE_MASKS[k * L + j]} is 1 for {@code j < L >> k} and 0 above: the live lanes of a group folded k times. */
    private static final float[] LANE_MASKS = laneMasks();

    /**
     * The float terms of a tail group of {@code g} blocks (the rare path of a row whose block count is not
     * a multiple of 16): for {@code g < L}, lane {@code m} of {@code dots} holds part of block
     * {@code m % g}'s dot product, so the lanes are first folded into lanes {@code 0 .. g-1} (integer
     * additions, so the order does not matter), the {@code offset * xSums} of INT4's unsigned nibbles is
     * taken off, and the terms of lanes {@code g ..} get a scale of 0: they add {@code +-0} to their
     * stripes and leave their bits unchanged (their loads stay within the arrays' slack). For
     * {@code g >= L} this is {@link #scaled} with the offset taken off. Called only from the kernels'
     * tail-group methods, each compiled on its own, so it costs the hot loop no inlining budget.
     */
    static FloatVector tailTerms(IntVector dots, int g, int offset, int[] xSums, short[] wScales, int wAt,
                                 float[] xScales, int xAt) {
        for (int k = L / 2; k >= g; k /= 2) {
            dots = dots.add(dots.rearrange(ROTATIONS[Integer.numberOfTrailingZeros(k)]));
        }
        if (offset != 0) {
            dots = dots.sub(IntVector.fromArray(INTS, xSums, xAt).mul(offset));
        }
        FloatVector terms = scaled(dots, wScales, wAt, xScales, xAt);
        return g >= L ? terms : terms.mul(FloatVector.fromArray(FLOATS, LANE_MASKS, Integer.numberOfTrailingZeros(L / g) * L));
    }

    /** {@code stripes[s ..] += terms}. */
    static void addTo(FloatVector terms, float[] stripes, int s) {
        FloatVector.fromArray(FLOATS, stripes, s).add(terms).intoArray(stripes, s);
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
