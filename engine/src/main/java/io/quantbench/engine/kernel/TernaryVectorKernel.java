package io.quantbench.engine.kernel;

import io.quantbench.engine.format.QuantizedMatrix;
import io.quantbench.engine.format.TernaryMatrix;
import io.quantbench.engine.format.WeightFormat;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * TERNARY with the Vector API, bit for bit equal to {@link TernaryScalarKernel}.
 *
 * <p>The codes (0, 1, 2 for -1, 0, +1) are read a vector at a time as shorts of 8 codes each; code
 * field {@code f} is isolated with a shift and a mask and multiplied by the activations, which
 * {@link #prepare} laid out in exactly that order, so one multiply-add handles one code per short
 * lane. The sum of {@code code * x} over the row, minus the sum of {@code x} (bitnet.cpp's trick
 * for the +1 in the codes), is the integer dot product. Short accumulators hold at most
 * 16 loads x 8 fields x 2 x 128 in magnitude before they are widened to ints.
 *
 * <p>Rows are read in whole vectors. Where a row ends inside a vector (at 512 bits, a row of an odd
 * number of 128-value blocks), the load runs into the next row or the matrix's spare bytes, and
 * {@link #prepare} puts zero activations in those lanes, so they add nothing. One code path for all
 * rows keeps the compiled method small enough for C2 to inline every vector operation.
 */
final class TernaryVectorKernel implements MatMulKernel {

    private static final VectorSpecies<Byte> BYTES = Simd.BYTE;
    private static final VectorSpecies<Short> SHORTS = Simd.SHORT;
    private static final VectorSpecies<Integer> INTS = Simd.INT;
    /** Code fields per short. */
    private static final int FIELDS = 8;
    /** Loads whose short sums are safe to keep before widening. */
    private static final int LOADS_PER_FLUSH = 16;

    @Override
    public WeightFormat format() {
        return WeightFormat.TERNARY;
    }

    @Override
    public String name() {
        return "vector-" + Simd.bits();
    }

    @Override
    public Activations newActivations(int cols, int maxTokens, int threads) {
        return new TernaryActivations(cols, maxTokens, order(cols));
    }

    /**
     * The order in which {@link #rowPair} reads activations: for each load of a vector of codes at row
     * byte {@code o}, for each field {@code f}, for each short lane {@code k}, the column whose code sits
     * in byte {@code o + 2k + f / 4} at bits {@code 2(f % 4)}; -1 (activation 0) for bytes past the row.
     */
    static int[] order(int cols) {
        int rowBytes = TernaryMatrix.rowBytes(cols);
        int loads = (rowBytes + BYTES.length() - 1) / BYTES.length();
        int[] order = new int[loads * BYTES.length() * 4];
        int out = 0;
        for (int o = 0; o < loads * BYTES.length(); o += BYTES.length()) {
            for (int f = 0; f < FIELDS; f++) {
                for (int k = 0; k < SHORTS.length(); k++) {
                    int p = o + 2 * k + f / 4;                                // byte of the row
                    int pair = f % 4;                                         // its bit pair, from the low bits
                    int column = (p / TernaryMatrix.BLOCK_BYTES) * TernaryMatrix.BLOCK
                            + (3 - pair) * TernaryMatrix.BLOCK_BYTES + p % TernaryMatrix.BLOCK_BYTES;
                    order[out++] = p < rowBytes && column < cols ? column : -1;
                }
            }
        }
        return order;
    }

    /** Quantizes each token (with vectors) and lays its values out in {@link #order}. */
    @Override
    public void prepare(float[] x, int n, Activations activations) {
        TernaryActivations a = (TernaryActivations) activations;
        a.begin(x, n);
        for (int t = 0; t < n; t++) {
            a.scales[t] = VectorActivationQuantizer.int8Token(x, t * a.cols(), a.cols(), a.natural, 0, a.sums, t);
            a.arrange(t);
        }
    }

    @Override
    public void multiply(QuantizedMatrix matrix, Activations activations, float[] y, int rowFrom, int rowTo, int thread) {
        TernaryMatrix w = (TernaryMatrix) matrix;
        TernaryActivations a = (TernaryActivations) activations;
        a.check(w.cols(), w.rows(), y);
        int rowBytes = TernaryMatrix.rowBytes(w.cols());
        for (int i = 0; i < RowPairs.count(rowFrom, rowTo); i++) {
            int first = rowFrom + i;
            int second = RowPairs.second(rowFrom, rowTo, i);
            for (int t = 0; t < a.tokens(); t++) {
                float scale = TernaryScalarKernel.outputScale(w.scale(), a.scales[t]);
                long dots = rowPair(w.codes(), first * rowBytes, (second < 0 ? first : second) * rowBytes, rowBytes,
                        a.values, t * a.stride);
                y[t * w.rows() + first] = ((int) dots - a.sums[t]) * scale;
                if (second >= 0) {
                    y[t * w.rows() + second] = ((int) (dots >> 32) - a.sums[t]) * scale;
                }
            }
        }
    }

    /**
     * Sum of code * x over two rows that share every activation load; the first row's sum in the low
     * 32 bits of the result, the second's in the high 32 bits.
     */
    private static long rowPair(byte[] codes, int at0, int at1, int rowBytes, short[] x, int xAt) {
        IntVector acc0 = IntVector.zero(INTS);
        IntVector acc1 = acc0;
        ShortVector sum0 = ShortVector.zero(SHORTS);
        ShortVector sum1 = sum0;
        int loads = 0;
        for (int o = 0; o < rowBytes; o += BYTES.length()) {
            ShortVector v0 = (ShortVector) ByteVector.fromArray(BYTES, codes, at0 + o).reinterpretShape(SHORTS, 0);
            ShortVector v1 = (ShortVector) ByteVector.fromArray(BYTES, codes, at1 + o).reinterpretShape(SHORTS, 0);
            for (int f = 0; f < FIELDS; f++) {
                ShortVector xf = ShortVector.fromArray(SHORTS, x, xAt);
                sum0 = sum0.add(v0.lanewise(VectorOperators.LSHR, 2 * f).and((short) 3).mul(xf));
                sum1 = sum1.add(v1.lanewise(VectorOperators.LSHR, 2 * f).and((short) 3).mul(xf));
                xAt += SHORTS.length();
            }
            if (++loads == LOADS_PER_FLUSH) {
                acc0 = acc0.add(BlockKernels.pairSum(sum0));
                acc1 = acc1.add(BlockKernels.pairSum(sum1));
                sum0 = ShortVector.zero(SHORTS);
                sum1 = sum0;
                loads = 0;
            }
        }
        int dot0 = acc0.add(BlockKernels.pairSum(sum0)).reduceLanes(VectorOperators.ADD);
        int dot1 = acc1.add(BlockKernels.pairSum(sum1)).reduceLanes(VectorOperators.ADD);
        return (dot0 & 0xFFFF_FFFFL) | ((long) dot1 << 32);
    }
}
