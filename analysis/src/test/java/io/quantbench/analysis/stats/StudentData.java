package io.quantbench.analysis.stats;

/**
 * Student's sleep data (Cushny &amp; Peebles 1905, as printed by "Student" 1908 and shipped with R as
 * {@code datasets::sleep}): extra hours of sleep under two drugs, ten patients each. R's help pages for
 * {@code t.test} and {@code wilcox.test} use it, so their printed outputs are published reference values.
 */
final class StudentData {

    static final double[] GROUP_1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
    static final double[] GROUP_2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};

    private StudentData() {
    }
}
