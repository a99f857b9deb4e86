package io.quantbench.engine.kernel;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelPoolTest {

    @Test
    void rangesCoverEveryRowOnceAlignedToTheTile() {
        for (int threads = 1; threads <= 5; threads++) {
            for (int rows : new int[] {1, 15, 16, 17, 100, 2560, 6913}) {
                int previous = 0;
                for (int t = 0; t < threads; t++) {
                    int from = KernelPool.rangeStart(rows, threads, t, 32);
                    int to = KernelPool.rangeStart(rows, threads, t + 1, 32);
                    assertEquals(previous, from, "ranges are contiguous");
                    assertTrue(from % 32 == 0 || from == rows, "range start " + from + " is aligned");
                    assertTrue(to >= from);
                    previous = to;
                }
                assertEquals(rows, previous, threads + " threads cover " + rows + " rows");
            }
        }
    }

    @Test
    void everyRowIsVisitedOnceByItsThreadAcrossManyCalls() {
        int rows = 1000;
        try (KernelPool pool = new KernelPool(3)) {
            for (int call = 0; call < 2000; call++) {
                AtomicIntegerArray visits = new AtomicIntegerArray(rows);
                int[] owner = new int[rows];
                pool.run((from, to, thread) -> {
                    for (int r = from; r < to; r++) {
                        visits.incrementAndGet(r);
                        owner[r] = thread;
                    }
                }, rows);
                for (int r = 0; r < rows; r++) {
                    assertEquals(1, visits.get(r), "call " + call + " row " + r);
                    int expected = r < KernelPool.rangeStart(rows, 3, 1, KernelPool.ROW_ALIGN) ? 0
                            : r < KernelPool.rangeStart(rows, 3, 2, KernelPool.ROW_ALIGN) ? 1 : 2;
                    assertEquals(expected, owner[r], "the partition is fixed");
                }
            }
        }
    }

    @Test
    void workersThatParkedWakeUpAgain() throws InterruptedException {
        try (KernelPool pool = new KernelPool(2)) {
            int[] sum = new int[2];
            pool.run((from, to, thread) -> sum[thread] += to - from, 64);
            Thread.sleep(3 * KernelPool.SPIN_NANOS / 1_000_000 + 20);      // long enough for the worker to park
            pool.run((from, to, thread) -> sum[thread] += to - from, 64);
            assertEquals(128, sum[0] + sum[1], "both calls covered all 64 rows");
            assertEquals(64, sum[1], "the worker did its 32 rows in each call");
        }
    }

    @Test
    void anExceptionInAWorkerReachesTheCaller() {
        try (KernelPool pool = new KernelPool(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.run((from, to, thread) -> {
                if (thread == 1) {
                    throw new IllegalStateException("worker failed on rows " + from + ".." + to);
                }
            }, 64));
            assertTrue(e.getMessage().startsWith("worker failed"), e.getMessage());
            int[] rowsSeen = new int[1];
            pool.run((from, to, thread) -> {
                synchronized (rowsSeen) {
                    rowsSeen[0] += to - from;
                }
            }, 64);
            assertEquals(64, rowsSeen[0], "the pool still works after a failure");
        }
    }

    @Test
    void aClosedPoolRefusesWork() {
        KernelPool pool = new KernelPool(2);
        pool.close();
        assertThrows(IllegalStateException.class, () -> pool.run((from, to, thread) -> { }, 10));
        assertThrows(IllegalArgumentException.class, () -> new KernelPool(0));
    }
}
