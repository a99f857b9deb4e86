package io.quantbench.engine.model;

import io.quantbench.engine.format.WeightFormat;
import io.quantbench.engine.kernel.KernelPool;
import io.quantbench.engine.kernel.Kernels;
import io.quantbench.engine.plan.QuantizationPlan;
import io.quantbench.engine.synth.KnownModel;
import io.quantbench.engine.synth.SyntheticCheckpoint;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Run by {@link DecodeAllocationTest} in a JVM of its own (one model, as in a real process): loads a miniature
 * model, decodes rounds of steps on a 2-thread pool until a round allocates nothing on the calling thread and the
 * pool's workers (the JIT needs a while: until it compiles the Vector API code, the interpreter boxes vectors),
 * and prints the fewest bytes any round allocated: {@code allocated <bytes> after <rounds> rounds}.
 *
 * <p>Arguments: model id, format, kernel name ({@code vector}, or a kernel of {@link Kernels#vectorKernels}).
 */
public final class DecodeAllocationProbe {

    static final int STEPS_PER_ROUND = 40;
    static final int MAX_ROUNDS = 200;

    private DecodeAllocationProbe() {
    }

    public static void main(String[] args) {
        KnownModel model = KnownModel.byId(args[0]);
        WeightFormat format = WeightFormat.parse(args[1]);
        String kernel = args[2];
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        LoadOptions options = LoadOptions.of(2).withKernels(f -> f == format ? Kernels.named(f, kernel) : Kernels.vector(f));
        Transformer m = Models.load(SyntheticCheckpoint.of(model.miniature(), 1), QuantizationPlan.uniform(format), options);
        try (KernelPool pool = new KernelPool(2)) {
            RunState s = m.newState(STEPS_PER_ROUND + 4, 4, 2);
            int[] tokens = {1, 300, 42, 7, 99};
            long[] ids = threadIds();
            long overhead = Long.MAX_VALUE;
            for (int i = 0; i < 10; i++) {
                long before = allocated(threads, ids);
                overhead = Math.min(overhead, allocated(threads, ids) - before);    // what measuring itself allocates
            }
            long least = Long.MAX_VALUE;
            int round = 0;
            while (round < MAX_ROUNDS && least > 0) {
                s.reset();
                m.forward(s, tokens, 0, 4, pool);
                long before = allocated(threads, ids);
                for (int step = 0; step < STEPS_PER_ROUND; step++) {
                    m.forward(s, tokens, 4, 1, pool);
                }
                least = Math.min(least, allocated(threads, ids) - before - overhead);
                round++;
            }
            System.out.println("allocated " + least + " after " + round + " rounds");
        }
    }

    /** The calling thread and the kernel pool's workers. */
    private static long[] threadIds() {
        List<Long> ids = new ArrayList<>();
        ids.add(Thread.currentThread().getId());
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("quantbench-kernel-")) {
                ids.add(t.getId());
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static long allocated(com.sun.management.ThreadMXBean threads, long[] ids) {
        long total = 0;
        for (long bytes : threads.getThreadAllocatedBytes(ids)) {
            total += Math.max(0, bytes);
        }
        return total;
    }
}
