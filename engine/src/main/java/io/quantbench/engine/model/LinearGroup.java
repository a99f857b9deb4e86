package io.quantbench.engine.model;

import io.quantbench.engine.format.QuantizedMatrix;
import io.quantbench.engine.kernel.Activations;
import io.quantbench.engine.kernel.KernelPool;
import io.quantbench.engine.kernel.MatMulKernel;
import io.quantbench.engine.kernel.RowTask;

/**
 * Two or three linear layers that read the same input (query, key and value; gate and up), multiplied as one:
 * the input is quantized once ({@link MatMulKernel#prepare}) and the pool runs once over the rows of all of them,
 * each thread computing its share of the stacked rows. A decode step of BitNet 2B4T so makes 4 dispatches per
 * block instead of 7, and 4 activation quantizations (for TERNARY, the lookup tables) instead of 7. Every row is
 * computed by the same kernel code as in separate calls, so the results are the same bit for bit.
 *
 * <p>Layers qualify when they share a kernel and an unpadded input width, are stored in one part, and each
 * starts on a multiple of the kernel's row tile; otherwise they are multiplied one after the other.
 */
final class LinearGroup {

    private final Linear[] members;
    /** 1 when the members can be multiplied as one, 0 when not, -1 until the weights are loaded and it is known. */
    private int fusable = -1;
    private final int[] firstRows;
    private final Task task = new Task();

    LinearGroup(Linear... members) {
        this.members = members;
        this.firstRows = new int[members.length + 1];
        for (int i = 0; i < members.length; i++) {
            firstRows[i + 1] = firstRows[i] + members[i].rows;
        }
    }

    /** {@code y0 = W0 x}, {@code y1 = W1 x} and (for three members) {@code y2 = W2 x}, for {@code n} tokens. */
    void apply(RunState s, KernelPool pool, float[] x, int n, float[] y0, float[] y1, float[] y2) {
        if (!fusable() || s.inputObserver != null) {         // an observer sees each member's input, as separate calls
            members[0].apply(s, pool, x, n, y0);
            members[1].apply(s, pool, x, n, y1);
            if (members.length > 2) {
                members[2].apply(s, pool, x, n, y2);
            }
            return;
        }
        Linear first = members[0];
        Activations a = s.activations[first.slot];
        first.kernel.prepare(x, n, a);
        task.set(a, y0, y1, y2);
        try {
            pool.run(task, firstRows[members.length], alignment(first.kernel));
        } finally {
            task.set(null, null, null, null);
        }
    }

    private boolean fusable() {
        if (fusable < 0) {
            boolean ok = true;
            int align = alignment(members[0].kernel);
            for (int i = 0; i < members.length; i++) {
                Linear l = members[i];
                ok &= l.kernel == members[0].kernel && l.slot == members[0].slot && l.paddedCols == l.cols
                        && l.partCount() == 1 && l.bias == null && firstRows[i] % align == 0;
            }
            fusable = ok ? 1 : 0;
        }
        return fusable == 1;
    }

    private static int alignment(MatMulKernel kernel) {
        return Math.max(KernelPool.ROW_ALIGN, kernel.rowAlignment());
    }

    /** One thread's share of the stacked rows, cut at the members' boundaries. Fields, so that a call allocates nothing. */
    private final class Task implements RowTask {
        private Activations activations;
        private final float[][] outputs = new float[3][];

        void set(Activations a, float[] y0, float[] y1, float[] y2) {
            activations = a;
            outputs[0] = y0;
            outputs[1] = y1;
            outputs[2] = y2;
        }

        @Override
        public void run(int from, int to, int thread) {
            for (int i = 0; i < members.length; i++) {
                int lo = Math.max(from, firstRows[i]);
                int hi = Math.min(to, firstRows[i + 1]);
                if (lo < hi) {
                    QuantizedMatrix w = members[i].parts()[0];
                    members[i].kernel.multiply(w, activations, outputs[i], lo - firstRows[i], hi - firstRows[i], thread);
                }
            }
        }
    }
}
