package io.quantbench.engine.kernel;

import io.quantbench.engine.format.BlockGroups;
import io.quantbench.engine.format.BlockMatrix;
import io.quantbench.engine.format.Int4Matrix;
import io.quantbench.engine.format.WeightFormat;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * INT4 with the Vector API, bit for bit equal to {@link BlockScalarKernel}.
 *
 * <p>A load of {@code 4L} bytes (L units of 8 weights, one per int lane) is read as {@code 2L}
 * shorts of four nibbles each. Each nibble is isolated by a shift and a mask (unsigned, 0..15 = the
 * weight + 8) and multiplied by the activations, which {@link #prepare} laid out in exactly this
 * order. Products are at most 15 * 127, so the 16 products of a lane over a group fit a short and
 * are widened to ints once per group. The offset of 8 comes off per block as {@code 8 * sum(x)}.
 * Lane {@code j} belongs to block {@code j} of the group ({@link Int4Matrix}'s layout), so the block
 * dot products need no reduction across lanes.
 *
 * <p>Groups of fewer than {@code L / 4} blocks (rows whose length is not a multiple of 128) are
 * computed in scalar code, with the same float steps.
 */
final class Int4VectorKernel extends BlockVectorKernel {

    private static final VectorSpecies<Byte> BYTES = Simd.BYTE;          // 4L bytes
    private static final VectorSpecies<Short> SHORTS = Simd.SHORT;       // 2L shorts
    private static final VectorSpecies<Integer> INTS = Simd.INT;         // L ints
    private static final int L = INTS.length();
    /** Bytes per unit of 8 weights: one int lane. */
    private static final int UNIT_BYTES = Int4Matrix.UNIT / 2;
    /** Units per block. */
    private static final int UNITS = Int4Matrix.BLOCK / Int4Matrix.UNIT;
    /** Activations consumed per load: 4 nibbles x 2L shorts. */
    private static final int X_PER_LOAD = 4 * SHORTS.length();

    @Override
    public WeightFormat format() {
        return WeightFormat.INT4;
    }

    /**
     * Quantizes each token and writes its values in the order {@link #row} consumes them: group by
     * group, load by load, nibble {@code n} by nibble, one short per lane: lane {@code 2m + h} of
     * nibble {@code n} is weight {@code 4h + n} of the load's unit {@code m}. Narrow groups keep the
     * natural order.
     */
    @Override
    public void prepare(float[] x, int n, Activations activations) {
        BlockActivations a = (BlockActivations) activations;
        a.begin(x, n);
        int blocks = a.blocksPerRow;
        for (int t = 0; t < n; t++) {
            a.quantizeToken(x, t);
            int out = t * a.cols();
            for (int b0 = 0; b0 < blocks; ) {
                int g = BlockGroups.groupSize(b0, blocks);
                if (g * UNITS < L) {
                    System.arraycopy(a.natural, b0 * Int4Matrix.BLOCK, a.values, out, g * Int4Matrix.BLOCK);
                    out += g * Int4Matrix.BLOCK;
                } else if (g >= L) {
                    for (int s = 0; s < g; s += L) {
                        for (int c = 0; c < UNITS; c++) {
                            out = arrangeLoad(a.natural, b0, g, c * g + s, a.values, out);
                        }
                    }
                } else {
                    for (int u = 0; u < g * UNITS; u += L) {
                        out = arrangeLoad(a.natural, b0, g, u, a.values, out);
                    }
                }
                b0 += g;
            }
        }
    }

    /** Writes the activations of the load that covers units {@code u .. u+L-1} of the group at block {@code b0}. */
    private static int arrangeLoad(short[] natural, int b0, int g, int u, short[] out, int at) {
        for (int nibble = 0; nibble < 4; nibble++) {
            for (int m = 0; m < L; m++) {
                int unit = u + m;
                int block = b0 + unit % g;
                int first = (unit / g) * Int4Matrix.UNIT;             // first weight of the unit in its block
                for (int h = 0; h < 2; h++) {
                    out[at++] = natural[block * Int4Matrix.BLOCK + first + 4 * h + nibble];
                }
            }
        }
        return at;
    }

    @Override
    void rowPair(BlockMatrix matrix, int r0, int r1, BlockActivations a, int t, int stripes) {
        Int4Matrix w = (Int4Matrix) matrix;
        int blocks = a.blocksPerRow;
        int rowBytes = w.cols() / 2;
        int xAt = t * a.cols();
        for (int b0 = 0; b0 < blocks; ) {
            int g = BlockGroups.groupSize(b0, blocks);
            if (g < L) {
                xAt = narrowGroup(w, r0, r1, b0, g, a, t, xAt, stripes);
                b0 += g;
                continue;
            }
            // Segment s holds blocks s .. s+L-1: lane j is block s + j, its 4 units g units apart.
            // The two rows take turns segment by segment: one copy of the code, two streams from memory.
            int stride = g * UNIT_BYTES;
            for (int s = 0; s < g; s += L) {
                int at = b0 * (Int4Matrix.BLOCK / 2) + s * UNIT_BYTES;
                int sumAt = t * blocks + b0 + s;
                for (int band = 0; band < 2; band++) {
                    int row = band == 0 ? r0 : r1;
                    ShortVector sum = ShortVector.zero(SHORTS);
                    for (int i = 0; i < UNITS; i++) {
                        sum = nibbleProducts(sum, w.quants(), row * rowBytes + at + i * stride, a.values, xAt + i * X_PER_LOAD);
                    }
                    // The nibbles hold weight + 8: take 8 * sum(x) off each block.
                    IntVector dots = BlockKernels.pairSum(sum)
                            .sub(IntVector.fromArray(INTS, a.sums, sumAt).lanewise(VectorOperators.LSHL, 3));
                    BlockKernels.addScaled(dots, w.scales(), row * blocks + b0 + s, a.scales, sumAt, a.stripes,
                            stripes + band * Stripes.COUNT + s);
                }
                xAt += UNITS * X_PER_LOAD;
            }
            b0 += g;
        }
    }

    /**
     * A group of {@code g < L} blocks, kept apart from {@link #rowPair}'s loop and taking no vectors so
     * that it costs the hot loop no inlining budget. Returns the activation position after the group.
     * With at least L units it is read whole (lane {@code m} holds units of block {@code m % g}, folded
     * in {@link BlockKernels#addSegment}); narrower still (rows not a multiple of 128), in scalar code.
     */
    private static int narrowGroup(Int4Matrix w, int r0, int r1, int b0, int g, BlockActivations a, int t, int xAt,
                                   int stripes) {
        int blocks = a.blocksPerRow;
        if (g * UNITS < L) {
            narrowScalar(w, r0, b0, g, a, xAt, t * blocks + b0, stripes);
            narrowScalar(w, r1, b0, g, a, xAt, t * blocks + b0, stripes + Stripes.COUNT);
            return xAt + g * Int4Matrix.BLOCK;
        }
        int rowBytes = w.cols() / 2;
        int at = b0 * (Int4Matrix.BLOCK / 2);
        int loads = UNITS * g / L;
        ShortVector s0 = ShortVector.zero(SHORTS);
        ShortVector s1 = s0;
        for (int i = 0; i < loads; i++) {
            s0 = nibbleProducts(s0, w.quants(), r0 * rowBytes + at + i * L * UNIT_BYTES, a.values, xAt);
            s1 = nibbleProducts(s1, w.quants(), r1 * rowBytes + at + i * L * UNIT_BYTES, a.values, xAt);
            xAt += X_PER_LOAD;
        }
        BlockKernels.pairSum(s0).intoArray(a.lanes, stripes);
        BlockKernels.pairSum(s1).intoArray(a.lanes, stripes + L);
        int sumAt = t * blocks + b0;
        BlockKernels.addSegment(a.lanes, stripes, g, 8, a.sums, sumAt, w.scales(), r0 * blocks + b0, a.scales, sumAt,
                a.stripes, stripes);
        BlockKernels.addSegment(a.lanes, stripes + L, g, 8, a.sums, sumAt, w.scales(), r1 * blocks + b0, a.scales, sumAt,
                a.stripes, stripes + Stripes.COUNT);
        return xAt;
    }

    /**
     * Adds to {@code acc} the products of the {@code 4L} nibbles loaded at {@code q[at]} (read as
     * {@code 2L} shorts of four nibbles) with their activations at {@code x[xAt]}, nibble by nibble.
     * Each product is at most 15 * 127, so a lane holds 16 of them without overflow.
     */
    private static ShortVector nibbleProducts(ShortVector acc, byte[] q, int at, short[] x, int xAt) {
        ShortVector v = (ShortVector) ByteVector.fromArray(BYTES, q, at).reinterpretShape(SHORTS, 0);
        for (int nibble = 0; nibble < 4; nibble++) {
            ShortVector u = v.lanewise(VectorOperators.LSHR, 4 * nibble).and((short) 0xF);
            acc = acc.add(u.mul(ShortVector.fromArray(SHORTS, x, xAt + nibble * SHORTS.length())));
        }
        return acc;
    }

    /** A group too narrow for one vector load, in scalar code with the float steps of {@link BlockKernels#addScaled}. */
    private static void narrowScalar(Int4Matrix w, int r, int b0, int g, BlockActivations a, int xAt,
                                     int xScaleAt, int scratch) {
        for (int j = 0; j < g; j++) {
            int dot = 0;
            for (int i = 0; i < Int4Matrix.BLOCK; i++) {
                dot += w.value(r, b0 + j, i) * a.values[xAt + j * Int4Matrix.BLOCK + i];
            }
            float scale = w.scale(r, b0 + j) * a.scales[xScaleAt + j];
            a.stripes[scratch + j] += dot * scale;
        }
    }
}
