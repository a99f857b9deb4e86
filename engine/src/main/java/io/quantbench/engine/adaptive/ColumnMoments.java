package io.quantbench.engine.adaptive;

import io.quantbench.engine.model.LinearInputObserver;

import java.util.HashMap;
import java.util.Map;

/** Collects the mean square of every input column of every linear layer over a forward pass (calibration). */
final class ColumnMoments implements LinearInputObserver {

    private final Map<String, double[]> sums = new HashMap<>();
    private final Map<String, Long> tokens = new HashMap<>();

    @Override
    public void input(String layer, float[] x, int n, int cols) {
        double[] s = sums.computeIfAbsent(layer, k -> new double[cols]);
        for (int t = 0; t < n; t++) {
            for (int c = 0; c < cols; c++) {
                double v = x[t * cols + c];
                s[c] += v * v;
            }
        }
        tokens.merge(layer, (long) n, Long::sum);
    }

    /** E[x_j²] of each input column of {@code layer}, or null when it never ran. */
    double[] meanSquares(String layer) {
        double[] s = sums.get(layer);
        if (s == null) {
            return null;
        }
        double[] mean = new double[s.length];
        long n = tokens.get(layer);
        for (int c = 0; c < s.length; c++) {
            mean[c] = s[c] / n;
        }
        return mean;
    }
}
