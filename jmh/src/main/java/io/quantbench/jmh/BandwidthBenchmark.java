package io.quantbench.jmh;

import io.quantbench.engine.kernel.KernelPool;
import io.quantbench.engine.kernel.RowTask;
import io.quantbench.engine.kernel.Simd;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The memory roof of a decode step: how fast Java code on this machine reads memory it has not
 * touched recently, with the same thread pool as the kernels.
 *
 * <p>One call sums {@value #BYTES_MIB} MiB of ints (far larger than any cache) with vector loads.
 * Read bandwidth is {@code BYTES / time}. Each thread reads its share of the buffer as
 * {@code streams} interleaved sequential streams, because one core keeps more reads in flight with
 * several streams; the roof is the best of the {@code streams} values.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-XX:+UseParallelGC", "-Xms4g", "-Xmx4g"})
public class BandwidthBenchmark {

    /** Bytes read per call. */
    public static final int BYTES_MIB = 512;
    public static final long BYTES = (long) BYTES_MIB << 20;

    private static final VectorSpecies<Integer> INTS = Simd.INT;
    /** Rows of the parallel split: 64 KiB each. */
    private static final int ROW_INTS = 1 << 14;

    @Param({"1", "2"})
    public int threads;

    @Param({"1", "4"})
    public int streams;

    private int[] data;
    private KernelPool pool;
    private final int[] sums = new int[64];
    private final RowTask read = this::read;

    @Setup
    public void setUp() {
        data = new int[(int) (BYTES / 4)];
        for (int i = 0; i < data.length; i += 1024) {
            data[i] = i;                                       // touch every page so it is mapped
        }
        pool = new KernelPool(threads);
    }

    @TearDown
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public int readAll() {
        pool.run(read, data.length / ROW_INTS);
        int total = 0;
        for (int t = 0; t < threads; t++) {
            total += sums[t * 16];
        }
        return total;
    }

    private void read(int fromRow, int toRow, int thread) {
        int from = fromRow * ROW_INTS;
        int length = (toRow - fromRow) * ROW_INTS;
        sums[thread * 16] = streams == 1 ? oneStream(data, from, length) : fourStreams(data, from, length);
    }

    private static int oneStream(int[] a, int from, int length) {
        IntVector s0 = IntVector.zero(INTS);
        IntVector s1 = s0;
        int step = INTS.length();
        for (int i = from; i < from + length; i += 2 * step) {
            s0 = s0.add(IntVector.fromArray(INTS, a, i));
            s1 = s1.add(IntVector.fromArray(INTS, a, i + step));
        }
        return s0.add(s1).reduceLanes(VectorOperators.ADD);
    }

    private static int fourStreams(int[] a, int from, int length) {
        int quarter = length / 4;
        IntVector s0 = IntVector.zero(INTS);
        IntVector s1 = s0;
        IntVector s2 = s0;
        IntVector s3 = s0;
        for (int i = from; i < from + quarter; i += INTS.length()) {
            s0 = s0.add(IntVector.fromArray(INTS, a, i));
            s1 = s1.add(IntVector.fromArray(INTS, a, i + quarter));
            s2 = s2.add(IntVector.fromArray(INTS, a, i + 2 * quarter));
            s3 = s3.add(IntVector.fromArray(INTS, a, i + 3 * quarter));
        }
        return s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    }
}
