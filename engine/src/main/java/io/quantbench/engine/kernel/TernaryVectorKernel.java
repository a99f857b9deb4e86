package io.quantbench.engine.kernel;

import io.quantbench.engine.format.QuantizedMatrix;
import io.quantbench.engine.format.TernaryMatrix;
import io.quantbench.engine.format.WeightFormat;
import jdk.incubator.vector.ByteVector;
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
        return new TernaryActivations(cols, loads(cols) * BYTES.length() * 4, maxTokens);
    }

    /** Vector loads per row: the row's code bytes rounded up to whole vectors. */
    private static int loads(int cols) {
        return (TernaryMatrix.rowBytes(cols) + BYTES.length() - 1) / BYTES.length();
    }

    /**
     * Quantizes each token and lays its values out in the order {@link #row} reads them: for each
     * load of {@code n} bytes of codes at row offset {@code o}, for each field {@code f}, for each short
     * lane {@code k}, the activation of the value whose code sits in byte {@code o + 2k + f / 4} at
     * bits {@code 2(f % 4)}; zero for bytes past the row.
     */
    @Override
    public void prepare(float[] x, int n, Activations activations) {
        TernaryActivations a = (TernaryActivations) activations;
        a.begin(x, n);
        int rowBytes = TernaryMatrix.rowBytes(a.cols());
        int loads = loads(a.cols());
        for (int t = 0; t < n; t++) {
            a.quantizeToken(x, t);
            int out = t * a.stride;
            for (int o = 0; o < loads * BYTES.length(); o += BYTES.length()) {
                for (int f = 0; f < FIELDS; f++) {
                    for (int k = 0; k < SHORTS.length(); k++) {
                        int p = o + 2 * k + f / 4;                            // byte of the row
                        int pair = f % 4;                                     // its bit pair, from the low bits
                        int value = (p / TernaryMatrix.BLOCK_BYTES) * TernaryMatrix.BLOCK
                                + (3 - pair) * TernaryMatrix.BLOCK_BYTES + p % TernaryMatrix.BLOCK_BYTES;
                        a.values[out++] = p < rowBytes && value < a.cols() ? a.natural[value] : 0;
                    }
                }
            }
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
     * Sum of code * x over two rows; the first row's sum in the low 32 bits of the result, the second's in
     * the high 32 bits. The rows take turns every {@value #LOADS_PER_FLUSH} loads (one copy of the code,
     * two streams from memory), each turn's short sums widened and added up before the other row's turn.
     */
    private static long rowPair(byte[] codes, int at0, int at1, int rowBytes, short[] x, int xAt) {
        int dot0 = 0;
        int dot1 = 0;
        int step = LOADS_PER_FLUSH * BYTES.length();
        for (int o = 0; o < rowBytes; o += step) {
            int length = Math.min(rowBytes - o, step);
            int xTurn = xAt + o * 4;                                  // 4 activations (shorts) per code byte
            for (int band = 0; band < 2; band++) {
                int from = (band == 0 ? at0 : at1) + o;
                int dot = turn(codes, from, from + length, x, xTurn);
                if (band == 0) {
                    dot0 += dot;
                } else {
                    dot1 += dot;
                }
            }
        }
        return (dot0 & 0xFFFF_FFFFL) | ((long) dot1 << 32);
    }

    /** Sum of code * x over the codes in {@code [from, to)} (at most {@value #LOADS_PER_FLUSH} loads). */
    private static int turn(byte[] codes, int from, int to, short[] x, int xAt) {
        ShortVector sum = ShortVector.zero(SHORTS);
        for (int o = from; o < to; o += BYTES.length()) {
            ShortVector v = (ShortVector) ByteVector.fromArray(BYTES, codes, o).reinterpretShape(SHORTS, 0);
            for (int f = 0; f < FIELDS; f++) {
                ShortVector code = v.lanewise(VectorOperators.LSHR, 2 * f).and((short) 3);
                sum = sum.add(code.mul(ShortVector.fromArray(SHORTS, x, xAt)));
                xAt += SHORTS.length();
            }
        }
        return BlockKernels.pairSum(sum).reduceLanes(VectorOperators.ADD);
    }
}
