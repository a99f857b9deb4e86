package io.quantbench.engine.model;

import io.quantbench.engine.format.WeightFormat;
import io.quantbench.engine.kernel.Kernels;
import io.quantbench.engine.kernel.MatMulKernel;

import java.util.function.Function;

/**
 * How a model is loaded.
 *
 * @param threads  threads that quantize layers at once (each layer is done by one thread, so the weights are the
 *                 same whatever the count)
 * @param kernels  the kernel of each format ({@link Kernels#vector} by default; tests may pass {@link Kernels#scalar})
 * @param progress told after each layer, for a progress display while a large model loads (from the loading
 *                 threads, so it must be thread-safe)
 */
public record LoadOptions(int threads, Function<WeightFormat, MatMulKernel> kernels, Progress progress) {

    /** Receives loading progress: values of linear layers loaded so far, out of the total. */
    @FunctionalInterface
    public interface Progress {
        void loaded(String tensor, long valuesDone, long valuesTotal);
    }

    public LoadOptions {
        if (threads <= 0) {
            throw new IllegalArgumentException("loading needs at least 1 thread, got " + threads);
        }
    }

    /** Vector kernels, quiet, on {@code threads} threads. */
    public static LoadOptions of(int threads) {
        return new LoadOptions(threads, Kernels::vector, (tensor, done, total) -> { });
    }

    public LoadOptions withProgress(Progress listener) {
        return new LoadOptions(threads, kernels, listener);
    }

    public LoadOptions withKernels(Function<WeightFormat, MatMulKernel> choice) {
        return new LoadOptions(threads, choice, progress);
    }
}
