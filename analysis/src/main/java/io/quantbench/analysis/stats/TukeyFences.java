package io.quantbench.analysis.stats;

/**
 * Tukey's fences (Tukey 1977): with quartiles Q1, Q3 and IQR = Q3 − Q1, a value is a mild outlier
 * beyond {@code Q1 − 1.5·IQR} or {@code Q3 + 1.5·IQR} and a severe one beyond 3·IQR. Outliers are
 * counted and shown, never removed (as criterion.rs does): a slow iteration is part of what was measured.
 * Quartiles are {@link Quantiles} type 7.
 */
public record TukeyFences(double q1, double q3) {

    /** Counts of outliers on each side, by severity. Mild counts exclude the severe ones. */
    public record Counts(int lowSevere, int lowMild, int highMild, int highSevere) {
        public int total() {
            return lowSevere + lowMild + highMild + highSevere;
        }
    }

    public static TukeyFences of(double[] values) {
        return new TukeyFences(Quantiles.of(values, 0.25), Quantiles.of(values, 0.75));
    }

    public double iqr() {
        return q3 - q1;
    }

    public double lowMildFence() {
        return q1 - 1.5 * iqr();
    }

    public double highMildFence() {
        return q3 + 1.5 * iqr();
    }

    public double lowSevereFence() {
        return q1 - 3 * iqr();
    }

    public double highSevereFence() {
        return q3 + 3 * iqr();
    }

    public Counts classify(double[] values) {
        int lowSevere = 0;
        int lowMild = 0;
        int highMild = 0;
        int highSevere = 0;
        for (double v : values) {
            if (v < lowSevereFence()) {
                lowSevere++;
            } else if (v < lowMildFence()) {
                lowMild++;
            } else if (v > highSevereFence()) {
                highSevere++;
            } else if (v > highMildFence()) {
                highMild++;
            }
        }
        return new Counts(lowSevere, lowMild, highMild, highSevere);
    }
}
