package io.quantbench.engine.kernel;

/** Work over a range of rows, run by {@link KernelPool#run} on each thread's share of the rows. */
@FunctionalInterface
public interface RowTask {

    /** Processes rows {@code [from, to)} on the pool thread with index {@code thread} (0 is the caller). */
    void run(int from, int to, int thread);
}
