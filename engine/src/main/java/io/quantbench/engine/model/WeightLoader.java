package io.quantbench.engine.model;

import io.quantbench.engine.format.WeightFormat;
import io.quantbench.engine.io.CheckpointTensor;
import io.quantbench.engine.io.ModelConfig;
import io.quantbench.engine.kernel.MatMulKernel;
import io.quantbench.engine.plan.QuantizationPlan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a model's weights from a {@link ModelSource} through a {@link QuantizationPlan}. A model's constructor
 * declares its layers here ({@link #block}, {@link #head}, {@link #vector}); small float vectors (norms, biases)
 * are read at once, and the linear layers, which dominate, are loaded afterwards by {@link #loadAll}, several at
 * a time, each from its own tensor, so the result does not depend on the thread count.
 */
final class WeightLoader {

    private final ModelSource source;
    private final QuantizationPlan plan;
    private final LoadOptions options;
    private final List<Linear> linears = new ArrayList<>();
    private final List<CheckpointTensor> tensors = new ArrayList<>();
    private final Set<String> kinds = new LinkedHashSet<>();
    private long vectorValues;

    WeightLoader(ModelSource source, QuantizationPlan plan, LoadOptions options) {
        this.source = source;
        this.plan = plan;
        this.options = options;
    }

    ModelConfig config() {
        return source.config();
    }

    QuantizationPlan plan() {
        return plan;
    }

    String sourceName() {
        return source.name();
    }

    boolean has(String tensor) {
        return source.tensor(tensor).isPresent();
    }

    /**
     * The linear {@code kind} of block {@code layer} ({@code blk.N.kind.weight}, {@code rows x cols}), in the plan's
     * format for it, with its bias ({@code blk.N.kind.bias}) when {@code withBias}.
     */
    Linear block(int layer, String kind, int rows, int cols, boolean withBias) {
        if (!QuantizationPlan.KINDS.contains(kind)) {
            throw new IllegalArgumentException("no plan kind " + kind);
        }
        kinds.add(kind);
        String name = "blk." + layer + "." + kind;
        float[] bias = withBias ? vector(name + ".bias", rows) : null;
        return declare(name, plan.format(layer, kind), rows, cols, bias);
    }

    /** The head or the embedding, {@code vocab x hidden}, from {@code name.weight}, in the plan's head format. */
    Linear head(String name) {
        return declare(name, plan.headFormat(), config().vocabSize(), config().embeddingLength(), null);
    }

    private Linear declare(String name, WeightFormat format, int rows, int cols, float[] bias) {
        MatMulKernel kernel = options.kernels().apply(format);
        Linear linear = new Linear(name, format, kernel, rows, cols, bias);
        linears.add(linear);
        tensors.add(source.require(name + ".weight"));
        return linear;
    }

    /** A float vector of {@code length} values (a norm's gains, a bias), checked to be finite. */
    float[] vector(String name, int length) {
        CheckpointTensor t = source.require(name);
        if (t.elements() != length) {
            throw new IllegalArgumentException(source.name() + ": tensor " + name + " has shape " + t.shape() + "; the model"
                    + " expects " + length + " values");
        }
        float[] values = t.dequantize();
        vectorValues += values.length;
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(source.name() + ": tensor " + name + " holds " + values[i] + " at index "
                        + i + "; weights must be finite");
            }
        }
        return values;
    }

    /** Values of every float vector read so far (norms, biases, positions, RoPE factors): kept as float32. */
    long vectorValues() {
        return vectorValues;
    }

    /** Every linear layer declared so far, in order. */
    List<Linear> linears() {
        return linears;
    }

    /** Loads every declared linear layer, on {@link LoadOptions#threads()} threads, reporting progress. */
    void loadAll() {
        plan.checkAgainst(config().blockCount(), new ArrayList<>(kinds));
        long total = 0;
        for (CheckpointTensor t : tensors) {
            total += t.elements();
        }
        AtomicLong done = new AtomicLong();
        ExecutorService executor = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread thread = new Thread(r, "quantbench-load");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> loads = new ArrayList<>();
            for (int i = 0; i < linears.size(); i++) {
                Linear linear = linears.get(i);
                CheckpointTensor tensor = tensors.get(i);
                long all = total;
                loads.add(executor.submit(() -> {
                    linear.load(tensor);
                    options.progress().loaded(tensor.name(), done.addAndGet(tensor.elements()), all);
                }));
            }
            for (Future<?> load : loads) {
                load.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading " + source.name(), e);
        } finally {
            executor.shutdownNow();
        }
    }
}
