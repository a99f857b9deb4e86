package io.quantbench.engine.adaptive;

import io.quantbench.engine.format.QuantizedMatrix;
import io.quantbench.engine.format.WeightFormat;

import java.util.List;

/**
 * The statistics of a linear layer's weights that the cheap importance measures are made of: its INT4 quantization
 * error, plain and weighted by the activations it multiplies, and the shape of its value distribution. Sums rather
 * than ratios are kept, so that a block's figures combine its layers' exactly.
 */
final class WeightStatistics {

    /** A weight this many standard deviations from the mean counts as an outlier. */
    static final int OUTLIER_SIGMAS = 4;

    final long count;
    /** ‖W‖². */
    final double squares;
    /** ‖W − Q(W)‖², Q the INT4 round trip. */
    final double errors;
    /** Σ_j m_j ‖W_:,j‖² with m_j the mean square of input column j; NaN without activations. */
    final double weightedSquares;
    /** Σ_j m_j ‖ΔW_:,j‖²; NaN without activations. */
    final double weightedErrors;
    final double kurtosis;
    final double outlierShare;

    private WeightStatistics(long count, double squares, double errors, double weightedSquares, double weightedErrors,
                             double kurtosis, double outlierShare) {
        this.count = count;
        this.squares = squares;
        this.errors = errors;
        this.weightedSquares = weightedSquares;
        this.weightedErrors = weightedErrors;
        this.kurtosis = kurtosis;
        this.outlierShare = outlierShare;
    }

    /**
     * The statistics of a row-major {@code rows x cols} matrix.
     *
     * @param columnMeanSquares E[x_j²] of each input column over the calibration, or null when not observed
     */
    static WeightStatistics of(float[] w, int rows, int cols, double[] columnMeanSquares) {
        int padded = (cols + 31) / 32 * 32;                      // INT4 works in whole blocks of 32: pad with zeros
        float[] wide = new float[Math.multiplyExact(rows, padded)];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(w, r * cols, wide, r * padded, cols);
        }
        QuantizedMatrix q = WeightFormat.INT4.quantize(wide, rows, padded);
        float[] row = new float[padded];
        double squares = 0;
        double errors = 0;
        double weightedSquares = 0;
        double weightedErrors = 0;
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            q.dequantizeRow(r, row, 0);
            for (int c = 0; c < cols; c++) {
                double v = w[r * cols + c];
                double e = v - row[c];
                squares += v * v;
                errors += e * e;
                sum += v;
                if (columnMeanSquares != null) {
                    weightedSquares += columnMeanSquares[c] * v * v;
                    weightedErrors += columnMeanSquares[c] * e * e;
                }
            }
        }
        long n = (long) rows * cols;
        double mean = sum / n;
        double m2 = 0;
        double m4 = 0;
        for (float v : w) {
            double d = v - mean;
            m2 += d * d;
            m4 += d * d * d * d;
        }
        m2 /= n;
        m4 /= n;
        double limit = OUTLIER_SIGMAS * Math.sqrt(m2);
        long outliers = 0;
        for (float v : w) {
            if (Math.abs(v - mean) > limit) {
                outliers++;
            }
        }
        boolean observed = columnMeanSquares != null;
        return new WeightStatistics(n, squares, errors, observed ? weightedSquares : Double.NaN,
                observed ? weightedErrors : Double.NaN, m2 == 0 ? 0 : m4 / (m2 * m2) - 3, (double) outliers / n);
    }

    /** Relative INT4 error of several layers taken together. */
    static double relativeError(List<WeightStatistics> layers) {
        return ratio(layers.stream().mapToDouble(s -> s.errors).sum(), layers.stream().mapToDouble(s -> s.squares).sum());
    }

    /** Activation-weighted relative INT4 error of several layers taken together. */
    static double relativeWeightedError(List<WeightStatistics> layers) {
        return ratio(layers.stream().mapToDouble(s -> s.weightedErrors).sum(),
                layers.stream().mapToDouble(s -> s.weightedSquares).sum());
    }

    /** Kurtosis of several layers: their values' mean, weighted by size. */
    static double meanKurtosis(List<WeightStatistics> layers) {
        return weightedMean(layers, s -> s.kurtosis);
    }

    static double meanOutlierShare(List<WeightStatistics> layers) {
        return weightedMean(layers, s -> s.outlierShare);
    }

    private static double weightedMean(List<WeightStatistics> layers, java.util.function.ToDoubleFunction<WeightStatistics> f) {
        double sum = 0;
        long n = 0;
        for (WeightStatistics s : layers) {
            sum += f.applyAsDouble(s) * s.count;
            n += s.count;
        }
        return sum / n;
    }

    private static double ratio(double numerator, double denominator) {
        return denominator == 0 ? 0 : numerator / denominator;
    }
}
