package io.quantbench.engine.kernel;

import io.quantbench.engine.format.QuantizedMatrix;
import io.quantbench.engine.format.WeightFormat;

/**
 * Multiplies a weight matrix by the activations of {@code n} tokens:
 * {@code y[t * rows + r] = sum over c of W[r][c] * x[t * cols + c]} (one token: a matrix-vector
 * product, the decode step; several: a matrix-matrix product, the prefill).
 *
 * <p>A call has two phases so that threads can share the first: {@link #prepare} quantizes the
 * activations once (int8 blocks for INT8 and INT4, int8 per token for TERNARY) into an
 * {@link Activations} buffer, then {@link #multiply} computes any range of rows, from any thread.
 * Every row is computed by the same code whatever the range, so the result does not depend on how
 * rows are split over threads. Neither phase allocates.
 */
public interface MatMulKernel {

    WeightFormat format();

    /** A short name: {@code scalar}, or {@code vector-512} with the vector width in bits. */
    String name();

    /**
     * The weights in the layout this kernel reads. Most kernels read the format's own layout and return
     * {@code w}; a kernel with a layout of its own (the TERNARY lookup-table kernel) converts once here,
     * exactly, as llama.cpp repacks Q4_0 when it loads a model. Callers pack once, then multiply often.
     */
    default QuantizedMatrix pack(QuantizedMatrix w) {
        return w;
    }

    /** Row ranges given to {@link #multiply} start at multiples of this (a kernel's row tile); 1 by default. */
    default int rowAlignment() {
        return 1;
    }

    /** Buffers for up to {@code maxTokens} tokens of {@code cols} values, usable by {@code threads} threads. */
    Activations newActivations(int cols, int maxTokens, int threads);

    /**
     * Quantizes {@code n} tokens, {@code x[t * cols + c]}, into {@code a}. The F32 kernels read {@code x}
     * itself later, so {@code x} must not change until the {@link #multiply} calls that follow are done.
     */
    void prepare(float[] x, int n, Activations a);

    /**
     * Computes rows {@code [rowFrom, rowTo)} of every prepared token into {@code y[t * w.rows() + r]}.
     * Calls with disjoint row ranges and distinct {@code thread} indices may run concurrently.
     */
    void multiply(QuantizedMatrix w, Activations a, float[] y, int rowFrom, int rowTo, int thread);
}
