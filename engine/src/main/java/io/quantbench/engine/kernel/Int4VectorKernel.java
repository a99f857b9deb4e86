package io.quantbench.engine.kernel;

import io.quantbench.engine.format.BlockGroups;
import io.quantbench.engine.format.BlockMatrix;
import io.quantbench.engine.format.Int4Matrix;
import io.quantbench.engine.format.WeightFormat;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
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
    private static final VectorSpecies<Float> FLOATS = Simd.FLOAT;       // L floats
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
     * The order in which {@link #rowPair} reads activations: group by group, load by load, nibble
     * {@code n} by nibble, one short per lane: lane {@code 2m + h} of nibble {@code n} is weight
     * {@code 4h + n} of the load's unit {@code m}. Narrow groups keep the natural order.
     */
    @Override
    int[] order(int cols) {
        int blocks = cols / Int4Matrix.BLOCK;
        int[] order = new int[cols];
        int out = 0;
        for (int b0 = 0; b0 < blocks; ) {
            int g = BlockGroups.groupSize(b0, blocks);
            if (g * UNITS < L) {
                for (int i = 0; i < g * Int4Matrix.BLOCK; i++) {
                    order[out++] = b0 * Int4Matrix.BLOCK + i;
                }
            } else if (g >= L) {
                for (int s = 0; s < g; s += L) {
                    for (int c = 0; c < UNITS; c++) {
                        out = orderLoad(b0, g, c * g + s, order, out);
                    }
                }
            } else {
                for (int u = 0; u < g * UNITS; u += L) {
                    out = orderLoad(b0, g, u, order, out);
                }
            }
            b0 += g;
        }
        return order;
    }

    /** The columns of the load that covers units {@code u .. u+L-1} of the group at block {@code b0}. */
    private static int orderLoad(int b0, int g, int u, int[] order, int at) {
        for (int nibble = 0; nibble < 4; nibble++) {
            for (int m = 0; m < L; m++) {
                int unit = u + m;
                int block = b0 + unit % g;
                int first = (unit / g) * Int4Matrix.UNIT;             // first weight of the unit in its block
                for (int h = 0; h < 2; h++) {
                    order[at++] = block * Int4Matrix.BLOCK + first + 4 * h + nibble;
                }
            }
        }
        return at;
    }

    @Override
    void rowPair(BlockMatrix matrix, int r0, int r1, BlockActivations a, int t, int stripes) {
        Int4Matrix w = (Int4Matrix) matrix;
        int blocks = a.blocksPerRow;
        int fullGroups = blocks / BlockGroups.MAX_GROUP;
        int rowBytes = w.cols() / 2;
        byte[] q = w.quants();
        short[] x = a.values;
        int stride = BlockGroups.MAX_GROUP * UNIT_BYTES;                 // between the units of a block
        int groupBytes = BlockGroups.MAX_GROUP * Int4Matrix.BLOCK / 2;
        int groupValues = BlockGroups.MAX_GROUP * Int4Matrix.BLOCK;
        for (int s = 0; s < BlockGroups.MAX_GROUP; s += L) {
            // Segment s of every full group: lane j is block s + j, its 4 units one stride apart.
            FloatVector f0 = FloatVector.zero(FLOATS);
            FloatVector f1 = f0;
            for (int g = 0; g < fullGroups; g++) {
                int at = g * groupBytes + s * UNIT_BYTES;
                int xi = t * a.cols() + g * groupValues + (s / L) * UNITS * X_PER_LOAD;   // prepare's order
                ShortVector s0 = ShortVector.zero(SHORTS);
                ShortVector s1 = s0;
                for (int c = 0; c < UNITS; c++) {
                    s0 = nibbleProducts(s0, q, r0 * rowBytes + at + c * stride, x, xi + c * X_PER_LOAD);
                    s1 = nibbleProducts(s1, q, r1 * rowBytes + at + c * stride, x, xi + c * X_PER_LOAD);
                }
                // The nibbles hold weight + 8: take 8 * sum(x) off each block.
                int block = g * BlockGroups.MAX_GROUP + s;
                IntVector offset = IntVector.fromArray(INTS, a.sums, t * blocks + block).lanewise(VectorOperators.LSHL, 3);
                f0 = f0.add(BlockKernels.scaled(BlockKernels.pairSum(s0).sub(offset), w.scales(), r0 * blocks + block,
                        a.scales, t * blocks + block));
                f1 = f1.add(BlockKernels.scaled(BlockKernels.pairSum(s1).sub(offset), w.scales(), r1 * blocks + block,
                        a.scales, t * blocks + block));
            }
            f0.intoArray(a.stripes, stripes + s);
            f1.intoArray(a.stripes, stripes + Stripes.COUNT + s);
        }
        int xAt = t * a.cols() + fullGroups * groupValues;
        for (int b0 = fullGroups * BlockGroups.MAX_GROUP; b0 < blocks; ) {
            int g = BlockGroups.groupSize(b0, blocks);
            tailGroup(w, r0, b0, g, a, t, xAt, stripes);
            xAt = tailGroup(w, r1, b0, g, a, t, xAt, stripes + Stripes.COUNT);
            b0 += g;
        }
    }

    /**
     * A tail group of {@code g < 16} blocks of one row, compiled on its own so that it costs
     * {@link #rowPair}'s hot loop no inlining budget; it takes no vectors, so the call boxes nothing.
     * Returns the activation position after the group. With {@code g >= L} it is read in segments like a
     * full group; with at least L units, whole (lane {@code m} holds units of block {@code m % g}, folded in
     * {@link BlockKernels#tailTerms}); narrower still (rows not a multiple of 128 values), in scalar code.
     */
    private static int tailGroup(Int4Matrix w, int row, int b0, int g, BlockActivations a, int t, int xAt, int stripes) {
        int blocks = a.blocksPerRow;
        if (g * UNITS < L) {
            narrowScalar(w, row, b0, g, a, xAt, t * blocks + b0, stripes);
            return xAt + g * Int4Matrix.BLOCK;
        }
        int rowBytes = w.cols() / 2;
        int stride = Math.max(g, L) * UNIT_BYTES;
        int loads = g >= L ? UNITS : UNITS * g / L;
        for (int s = 0; s < Math.max(g, L); s += L) {
            int at = row * rowBytes + b0 * (Int4Matrix.BLOCK / 2) + s * UNIT_BYTES;
            ShortVector sum = ShortVector.zero(SHORTS);
            for (int i = 0; i < loads; i++) {
                sum = nibbleProducts(sum, w.quants(), at + i * stride, a.values, xAt);
                xAt += X_PER_LOAD;
            }
            // The nibbles hold weight + 8: tailTerms takes 8 * sum(x) off each block.
            int sumAt = t * blocks + b0 + s;
            BlockKernels.addTo(BlockKernels.tailTerms(BlockKernels.pairSum(sum), g, 8, a.sums, w.scales(),
                    row * blocks + b0 + s, a.scales, sumAt), a.stripes, stripes + s);
        }
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

    /** A group too narrow for one vector load, in scalar code with the float steps of {@link BlockKernels#scaled}. */
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
