package io.quantbench.engine.kernel;

/**
 * How the integer kernels walk a thread's rows: two bands, {@code [from, from + half)} and
 * {@code [from + half, to)}, in lockstep, row {@code from + i} with row {@code from + half + i}.
 *
 * <p>Why: a decode matvec streams its weights from DRAM, and one core keeps more reads in flight
 * when it reads two distant places at once; on the reference machine two bands took INT8 from ~29 to
 * ~37 GB/s. Three or more bands made C2's compiled method too large to inline the Vector API calls.
 * The pairing never changes a row's arithmetic, so results do not depend on it.
 */
final class RowPairs {

    private RowPairs() {
    }

    /** Number of pairs for rows {@code [from, to)}; with an odd count the last pair has no second row. */
    static int count(int from, int to) {
        return (to - from + 1) / 2;
    }

    /** The second row of pair {@code i}, or -1 when pair {@code i} has only its first row, {@code from + i}. */
    static int second(int from, int to, int i) {
        int r = from + count(from, to) + i;
        return r < to ? r : -1;
    }
}
