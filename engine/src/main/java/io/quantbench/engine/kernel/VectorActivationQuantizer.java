package io.quantbench.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ActivationQuantizer}'s two quantizations with the Vector API, equal to it bit for bit: each
 * value goes through the same IEEE operations (a division or multiplication, a rounding, a clamp), and
 * maxima and integer sums do not depend on the order of their terms.
 *
 * <p>Why it matters: a decode step quantizes its activations once, on one thread, before the threads
 * share the matrix; at K = 6912 the scalar loop took about a fifth of an INT4 matvec.
 *
 * <p>Rounding to nearest, ties to even, is {@code v + 1.5 * 2^23} in float arithmetic, exact for
 * {@code |v| < 2^22} (here {@code |v| <= 128}): the sum's low bits hold {@link Math#rint}{@code (v)}.
 *
 * <p>Nothing here allocates on JDK 17 either, which compiles fewer Vector API operations than later JDKs
 * (see {@link #round}); {@code DecodeAllocationTest} checks it in a decode step.
 */
final class VectorActivationQuantizer {

    private static final VectorSpecies<Float> FLOATS = Simd.FLOAT;
    private static final VectorSpecies<Integer> INTS = Simd.INT;
    private static final VectorSpecies<Short> SHORTS = Simd.SHORT_HALF;   // L shorts
    private static final int L = FLOATS.length();
    private static final float ROUNDER = 0x1.8p23f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);

    private VectorActivationQuantizer() {
    }

    /** {@link ActivationQuantizer#int8Blocks} with vectors: same arguments, same results. */
    static void int8Blocks(float[] x, int xOffset, int cols, short[] q, int qOffset,
                           float[] scales, int[] sums, int scaleOffset) {
        int block = ActivationQuantizer.BLOCK;
        for (int b = 0; b < cols / block; b++) {
            int from = xOffset + b * block;
            FloatVector max = FloatVector.zero(FLOATS);
            for (int i = 0; i < block; i += L) {
                max = max.max(FloatVector.fromArray(FLOATS, x, from + i).abs());
            }
            float d = max.reduceLanes(VectorOperators.MAX) / 127f;
            IntVector sum = IntVector.zero(INTS);
            for (int i = 0; i < block; i += L) {
                FloatVector v = d == 0 ? FloatVector.zero(FLOATS)
                        : FloatVector.fromArray(FLOATS, x, from + i).div(FloatVector.broadcast(FLOATS, d));
                IntVector qi = round(v, -127f, 127f);
                sum = sum.add(qi);
                ((ShortVector) qi.convertShape(VectorOperators.I2S, SHORTS, 0)).intoArray(q, qOffset + b * block + i);
            }
            scales[scaleOffset + b] = d;
            sums[scaleOffset + b] = sum.reduceLanes(VectorOperators.ADD);
        }
    }

    /** {@link ActivationQuantizer#int8Token} with vectors: same arguments, same results. */
    static float int8Token(float[] x, int xOffset, int cols, short[] q, int qOffset, int[] sum, int sumIndex) {
        int bound = FLOATS.loopBound(cols);
        FloatVector max = FloatVector.zero(FLOATS);
        for (int i = 0; i < bound; i += L) {
            max = max.max(FloatVector.fromArray(FLOATS, x, xOffset + i).abs());
        }
        float absmax = max.reduceLanes(VectorOperators.MAX);
        for (int i = bound; i < cols; i++) {
            absmax = Math.max(absmax, Math.abs(x[xOffset + i]));
        }
        float s = 127f / Math.max(absmax, 1e-5f);
        IntVector total = IntVector.zero(INTS);
        for (int i = 0; i < bound; i += L) {
            IntVector qi = round(FloatVector.fromArray(FLOATS, x, xOffset + i).mul(FloatVector.broadcast(FLOATS, s)), -128f, 127f);
            total = total.add(qi);
            ((ShortVector) qi.convertShape(VectorOperators.I2S, SHORTS, 0)).intoArray(q, qOffset + i);
        }
        int rest = total.reduceLanes(VectorOperators.ADD);
        for (int i = bound; i < cols; i++) {
            int qi = (int) Math.max(-128, Math.min(127, Math.rint(x[xOffset + i] * s)));
            q[qOffset + i] = (short) qi;
            rest += qi;
        }
        sum[sumIndex] = rest;
        return s;
    }

    /**
     * {@code (int) clamp(rint(v), low, high)}, lane by lane, with Java's cast (NaN to 0).
     *
     * <p>No float-to-int conversion: JDK 17 does not compile that one to a vector instruction (it allocates on
     * every call). Since {@code low} and {@code high} are integers, clamping before rounding is the same as
     * after; the clamped value plus {@code 1.5 * 2^23} has the rounded integer in its low bits, so the int is
     * those bits minus those of {@code 1.5 * 2^23}. NaN lanes (which the comparison with themselves finds)
     * become 0. The scalars are broadcast explicitly, as JDK 17 boxes {@code v.max(float)} and its kin.
     */
    private static IntVector round(FloatVector v, float low, float high) {
        FloatVector zero = FloatVector.zero(FLOATS);
        FloatVector clamped = zero.blend(v.max(FloatVector.broadcast(FLOATS, low)).min(FloatVector.broadcast(FLOATS, high)),
                v.compare(VectorOperators.EQ, v));
        IntVector bits = (IntVector) clamped.add(FloatVector.broadcast(FLOATS, ROUNDER)).reinterpretShape(INTS, 0);
        return bits.sub(IntVector.broadcast(INTS, ROUNDER_BITS));
    }
}
