package io.quantbench.engine.model;

import io.quantbench.engine.format.QuantizedMatrix;
import io.quantbench.engine.format.WeightFormat;
import io.quantbench.engine.io.CheckpointTensor;
import io.quantbench.engine.kernel.Activations;
import io.quantbench.engine.kernel.KernelPool;
import io.quantbench.engine.kernel.MatMulKernel;

import java.util.Arrays;

/**
 * One linear layer, {@code y = W x (+ b)}, with its weights in one {@link WeightFormat}, packed for the kernel
 * that multiplies them.
 *
 * <p><b>Row parts.</b> A matrix of more than {@value #MAX_PART_VALUES} values (a 128256 x 2560 head) is stored
 * as several matrices of consecutive rows, so that loading never needs the whole matrix as float32 at once
 * (1.3 GB for that head: more than the whole ternary model) and no Java array grows past its limit. The parts
 * share one prepared activation, so this costs one copy of the output per part.
 *
 * <p><b>Padded columns.</b> INT8 and INT4 work in whole blocks of 32 inputs. A layer whose input width is not a
 * multiple of the format's column multiple (stories260K's 172-wide FFN) is stored with zero weights in the
 * missing columns and multiplied by its input padded with zeros, which changes no product.
 */
final class Linear {

    /**
     * The most values one part holds: 16 Mi (64 MiB as float32, what loading a part needs at once, per loading
     * thread). A 128256 x 2560 head takes 20 parts, Gemma 3 4B's FFN matrices 2; every other block linear of the
     * five models fits one.
     */
    static final int MAX_PART_VALUES = 1 << 24;

    final String name;
    final WeightFormat format;
    final MatMulKernel kernel;
    final int rows;
    final int cols;
    final int paddedCols;
    /** Rows per part (the last part may have fewer). */
    final int partRows;
    final float[] bias;
    /** The packed parts; filled once by {@link #load}. */
    private QuantizedMatrix[] parts;
    /** Index of this layer's activation buffers in a {@link RunState}, shared by layers of the same kernel and width. */
    int slot = -1;

    Linear(String name, WeightFormat format, MatMulKernel kernel, int rows, int cols, float[] bias) {
        this.name = name;
        this.format = format;
        this.kernel = kernel;
        this.rows = rows;
        this.cols = cols;
        int multiple = format.requiredColumnMultiple();
        this.paddedCols = (cols + multiple - 1) / multiple * multiple;
        int perPart = MAX_PART_VALUES / paddedCols / 32 * 32;
        this.partRows = rows <= perPart ? rows : perPart;
        this.bias = bias;
        if (bias != null && bias.length != rows) {
            throw new IllegalArgumentException(name + ": bias has " + bias.length + " values for " + rows + " rows");
        }
    }

    int partCount() {
        return (rows + partRows - 1) / partRows;
    }

    /**
     * Loads the weights of {@code tensor}: exactly, when the tensor is ternary and the format TERNARY (BitNet's
     * released weights are not re-quantized); otherwise dequantized a part at a time and quantized into the format.
     */
    void load(CheckpointTensor tensor) {
        long[] ne = tensor.ne();
        if (ne.length != 2 || ne[0] != cols || ne[1] != rows) {
            throw new IllegalArgumentException("tensor " + tensor.name() + " has shape " + tensor.shape() + "; the model"
                    + " expects {" + cols + ", " + rows + "} (" + rows + " outputs of " + cols + " inputs)");
        }
        QuantizedMatrix[] loaded = new QuantizedMatrix[partCount()];
        try {
            if (format == WeightFormat.TERNARY && tensor.isTernary() && loaded.length == 1) {
                loaded[0] = kernel.pack(tensor.ternary());
            } else {
                for (int p = 0; p < loaded.length; p++) {
                    int first = p * partRows;
                    int count = Math.min(partRows, rows - first);
                    loaded[p] = kernel.pack(format.quantize(paddedRows(tensor, first, count), count, paddedCols));
                }
            }
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new IllegalArgumentException("tensor " + tensor.name() + " (" + format + "): " + e.getMessage(), e);
        }
        this.parts = loaded;
    }

    /** Rows {@code [first, first + count)} as float32, each padded with zeros to {@link #paddedCols}. */
    private float[] paddedRows(CheckpointTensor tensor, int first, int count) {
        float[] values = new float[Math.multiplyExact(count, paddedCols)];
        if (paddedCols == cols) {
            tensor.dequantizeRows(first, count, values, 0);
            return values;
        }
        float[] row = new float[cols];
        for (int r = 0; r < count; r++) {
            tensor.dequantizeRows(first + r, 1, row, 0);
            System.arraycopy(row, 0, values, r * paddedCols, cols);
        }
        return values;
    }

    /**
     * {@code y[t * rows + r] = W x_t (+ b)} for {@code n} tokens {@code x[t * cols ..]}. Uses the state's
     * activation buffers and scratch; allocates nothing.
     */
    void apply(RunState s, KernelPool pool, float[] x, int n, float[] y) {
        if (s.inputObserver != null) {
            s.inputObserver.input(name, x, n, cols);
        }
        float[] in = x;
        if (paddedCols != cols) {
            in = s.padded;
            for (int t = 0; t < n; t++) {
                System.arraycopy(x, t * cols, in, t * paddedCols, cols);
                Arrays.fill(in, t * paddedCols + cols, (t + 1) * paddedCols, 0f);
            }
        }
        Activations a = s.activations[slot];
        if (parts.length == 1) {
            pool.matmul(kernel, parts[0], in, n, a, y);
        } else {
            kernel.prepare(in, n, a);
            for (int p = 0; p < parts.length; p++) {
                int partRowsHere = parts[p].rows();
                pool.multiply(kernel, parts[p], a, s.partOut);
                for (int t = 0; t < n; t++) {
                    System.arraycopy(s.partOut, t * partRowsHere, y, t * rows + p * partRows, partRowsHere);
                }
            }
        }
        if (bias != null) {
            Ops.addBias(y, bias, n);
        }
    }

    /** Row {@code r} of the weights, dequantized into {@code out[offset .. offset + cols)}: an embedding lookup. */
    void row(int r, float[] out, int offset, float[] scratch) {
        QuantizedMatrix part = parts[r / partRows];
        if (paddedCols == cols) {
            part.dequantizeRow(r % partRows, out, offset);
        } else {
            part.dequantizeRow(r % partRows, scratch, 0);
            System.arraycopy(scratch, 0, out, offset, cols);
        }
    }

    /** Bytes of the stored weights and scales (what a decode step reads), padding included. */
    long storageBytes() {
        long bytes = 0;
        for (QuantizedMatrix p : parts) {
            bytes += p.storageBytes();
        }
        return bytes;
    }

    /** The packed parts, for benchmarks that time the matrix products alone. */
    QuantizedMatrix[] parts() {
        return parts;
    }

    @Override
    public String toString() {
        return name + " " + format + " " + rows + "x" + cols;
    }
}
