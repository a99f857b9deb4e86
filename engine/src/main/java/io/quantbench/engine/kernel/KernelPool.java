package io.quantbench.engine.kernel;

import io.quantbench.engine.format.QuantizedMatrix;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs kernels (or any {@link RowTask}) over the rows of a matrix on a fixed set of threads.
 *
 * <p>Rows are split into {@code threads} contiguous ranges whose bounds are multiples of
 * {@value #ROW_ALIGN} (so no two threads write the same cache line of {@code y}, and kernels that
 * walk several rows at once keep their groups). Thread 0 is the caller. Every row is computed by the
 * same code whichever range it falls in, so the result does not depend on the thread count.
 *
 * <p>Dispatch has to be cheap: a 768x768 matvec takes tens of microseconds, so workers spin on a
 * volatile generation counter for {@value #SPIN_NANOS} ns after each task before they park, and the
 * caller spins while it waits for them. Nothing is allocated per call.
 */
public final class KernelPool implements AutoCloseable {

    /** Row ranges start at multiples of this (16 floats = one 64-byte cache line of output). */
    public static final int ROW_ALIGN = 16;
    /** How long an idle worker spins before it parks. */
    static final long SPIN_NANOS = 200_000;

    private final int threads;
    private final Worker[] workers;

    // The task, published to workers by the volatile write of `generation`.
    private RowTask task;
    private int taskRows;
    private int taskAlign;
    private volatile int generation;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Throwable failure;
    private volatile boolean closed;

    /** The matmul as a RowTask, kept in fields so a call allocates nothing. */
    private final MatMulTask matmul = new MatMulTask();

    public KernelPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a kernel pool needs at least 1 thread, got " + threads);
        }
        this.threads = threads;
        this.workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i + 1);
            workers[i].start();
        }
    }

    public int threads() {
        return threads;
    }

    /** First row of {@code thread}'s range for a matrix of {@code rows} rows, ranges aligned to {@code align}. */
    public static int rangeStart(int rows, int threads, int thread, int align) {
        long units = (rows + align - 1) / align;
        return (int) Math.min(rows, units * thread / threads * align);
    }

    /**
     * {@code y = W x} for {@code n} tokens: prepares the activations on the calling thread, then
     * multiplies on all threads. {@code activations} must come from {@code kernel.newActivations} with
     * at least {@link #threads()} threads.
     */
    public void matmul(MatMulKernel kernel, QuantizedMatrix w, float[] x, int n, Activations activations, float[] y) {
        kernel.prepare(x, n, activations);
        multiply(kernel, w, activations, y);
    }

    /** Multiplies already prepared activations on all threads. */
    public void multiply(MatMulKernel kernel, QuantizedMatrix w, Activations activations, float[] y) {
        matmul.kernel = kernel;
        matmul.matrix = w;
        matmul.activations = activations;
        matmul.y = y;
        try {
            run(matmul, w.rows(), Math.max(ROW_ALIGN, kernel.rowAlignment()));
        } finally {
            matmul.kernel = null;
            matmul.matrix = null;
            matmul.activations = null;
            matmul.y = null;
        }
    }

    /**
     * Runs {@code task} over {@code rows} rows split into this pool's fixed ranges, and returns when every
     * thread is done. Exceptions from any thread are rethrown here. One caller at a time.
     */
    public void run(RowTask task, int rows) {
        run(task, rows, ROW_ALIGN);
    }

    /**
     * {@link #run(RowTask, int)} with ranges aligned to {@code align} rows: a kernel's row tile, or 1 where
     * rows are large enough units of work not to share cache lines (attention heads).
     */
    public void run(RowTask task, int rows, int align) {
        if (closed) {
            throw new IllegalStateException("kernel pool is closed");
        }
        if (threads == 1) {
            task.run(0, rows, 0);
            return;
        }
        this.task = task;
        this.taskRows = rows;
        this.taskAlign = align;
        this.failure = null;
        pending.set(workers.length);
        generation++;                                   // publishes the task
        for (Worker worker : workers) {
            if (worker.parked) {
                LockSupport.unpark(worker);
            }
        }
        Throwable own = null;
        try {
            task.run(0, rangeStart(rows, threads, 1, align), 0);
        } catch (Throwable t) {
            own = t;
        }
        while (pending.get() != 0) {
            Thread.onSpinWait();
        }
        this.task = null;
        Throwable t = own != null ? own : failure;
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
    }

    private static final class MatMulTask implements RowTask {
        MatMulKernel kernel;
        QuantizedMatrix matrix;
        Activations activations;
        float[] y;

        @Override
        public void run(int from, int to, int thread) {
            kernel.multiply(matrix, activations, y, from, to, thread);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Worker worker : workers) {
            LockSupport.unpark(worker);
        }
        for (Worker worker : workers) {
            try {
                worker.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private final class Worker extends Thread {
        private final int index;
        volatile boolean parked;

        Worker(int index) {
            super("quantbench-kernel-" + index);
            this.index = index;
            setDaemon(true);
        }

        @Override
        public void run() {
            int seen = 0;
            while (true) {
                int current = awaitTask(seen);
                if (current == seen) {
                    return;                             // closed
                }
                seen = current;
                try {
                    task.run(rangeStart(taskRows, threads, index, taskAlign),
                            rangeStart(taskRows, threads, index + 1, taskAlign), index);
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    pending.decrementAndGet();
                }
            }
        }

        /** Spins, then parks, until the generation moves past {@code seen}; returns it (unchanged when closed). */
        private int awaitTask(int seen) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (true) {
                int current = generation;
                if (current != seen) {
                    return current;
                }
                if (closed) {
                    return seen;
                }
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    if (generation == seen && !closed) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    spinUntil = System.nanoTime() + SPIN_NANOS;
                }
            }
        }
    }
}
