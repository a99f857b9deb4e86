package io.quantbench.analysis.stats;

/**
 * One-way random-effects analysis of variance of iterations grouped by fork: how much of the
 * variation is between JVM forks and how much between iterations inside one fork (Kalibera &amp; Jones
 * 2013, two levels; Shrout &amp; Fleiss 1979, ICC(1,1)).
 *
 * <p>With a forks and N iterations: {@code MSB = Σ nⱼ(x̄ⱼ − x̄)²/(a − 1)}, {@code MSW = ΣΣ(x − x̄ⱼ)²/(N − a)},
 * {@code n₀ = (N − Σnⱼ²/N)/(a − 1)} (the mean fork size when balanced); the between-fork variance is
 * {@code max(0, (MSB − MSW)/n₀)} and the within-fork variance MSW. The intraclass correlation
 * {@code ρ = σ²_between/(σ²_between + σ²_within)} is the share of variance that comes from the fork.
 *
 * <p>What it means for a confidence interval: JMH pools all N iterations as if independent, but the
 * variance of the grand mean is {@code (σ²_within + k·σ²_between)/N}, i.e. the design effect
 * {@code DE = 1 + (k − 1)ρ} times what pooling assumes. JMH's interval is therefore too narrow by about
 * √DE, and the iterations are worth only N/DE independent ones. Treating the fork as the unit of
 * replication (a t interval over fork means) is right whatever ρ is.
 */
public record VarianceComponents(int forks, int iterations, double meanSquareBetween, double meanSquareWithin,
                                 double meanForkSize, double betweenForkVariance, double withinForkVariance) {

    /** The components of {@code groups} ([fork][iteration]); with fewer than two forks or N − a &lt; 1 they are NaN. */
    public static VarianceComponents of(double[][] groups) {
        int forks = groups.length;
        int n = 0;
        double sum = 0;
        double sumOfSquaredSizes = 0;
        for (double[] g : groups) {
            n += g.length;
            sumOfSquaredSizes += (double) g.length * g.length;
            for (double v : g) {
                sum += v;
            }
        }
        if (forks < 2 || n - forks < 1) {
            return new VarianceComponents(forks, n, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double grandMean = sum / n;
        double ssBetween = 0;
        double ssWithin = 0;
        for (double[] g : groups) {
            double mean = java.util.Arrays.stream(g).average().orElseThrow();
            ssBetween += g.length * (mean - grandMean) * (mean - grandMean);
            for (double v : g) {
                ssWithin += (v - mean) * (v - mean);
            }
        }
        double msBetween = ssBetween / (forks - 1);
        double msWithin = ssWithin / (n - forks);
        double n0 = (n - sumOfSquaredSizes / n) / (forks - 1);
        double between = Math.max(0, (msBetween - msWithin) / n0);
        return new VarianceComponents(forks, n, msBetween, msWithin, n0, between, msWithin);
    }

    /** ρ, the intraclass correlation; NaN when not estimable or when there is no variance at all. */
    public double intraclassCorrelation() {
        double total = betweenForkVariance + withinForkVariance;
        return total == 0 ? Double.NaN : betweenForkVariance / total;
    }

    /** {@code 1 + (n₀ − 1)ρ}: how many times larger the variance of the mean is than pooling assumes. */
    public double designEffect() {
        return 1 + (meanForkSize - 1) * intraclassCorrelation();
    }

    /** How many independent observations the N iterations are worth: N / DE. */
    public double effectiveSampleSize() {
        return iterations / designEffect();
    }
}
