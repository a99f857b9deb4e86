package io.quantbench.analysis.input;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of a JMH result file: one benchmark method at one combination of parameters in one JVM,
 * with its measurement iterations per fork.
 *
 * @param benchmark   the JMH name, {@code package.Class.method}
 * @param mode        {@code avgt}, {@code thrpt}, {@code sample} or {@code ss}
 * @param unit        the primary score's unit
 * @param params      the {@code @Param} values in the order JMH wrote them (empty when the benchmark has none)
 * @param jvm         the JVM it ran in
 * @param settings    what JMH was asked to do (iterations, times, threads)
 * @param forks       primary metric per fork and measurement iteration; in {@code sample} mode each
 *                    iteration's value is the mean of its histogram; empty when JMH omitted the raw data
 * @param jmhScore    JMH's own score (mean over all iterations of all forks)
 * @param jmhScoreError JMH's half-width of its 99.9 % interval, which pools iterations across forks
 * @param secondary   secondary metrics by name
 * @param source      the file and entry this came from, for messages
 */
public record Measurement(String benchmark, String mode, MetricUnit unit, Map<String, String> params, JvmInfo jvm,
                          JmhSettings settings, double[][] forks, double jmhScore, double jmhScoreError,
                          Map<String, SecondaryMetric> secondary, String source) {

    /** The name of the axis that tells JVMs apart; a {@code @Param} of the same name wins. */
    public static final String JDK_AXIS = "jdk";

    /** What JMH was asked to run (the fields it writes next to the results). */
    public record JmhSettings(String jmhVersion, int threads, int forks, int warmupIterations, String warmupTime,
                              int measurementIterations, String measurementTime) {
    }

    /** The simple class name and method, e.g. {@code MatVecBenchmark.matvec}. */
    public String shortName() {
        String[] parts = benchmark.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
    }

    /**
     * Everything that identifies this configuration besides the benchmark: its params and the JDK.
     * Comparisons match configurations on these, so new params (tokens, seqLen, model) need no code.
     */
    public Map<String, String> axes() {
        Map<String, String> axes = new LinkedHashMap<>(params);
        axes.putIfAbsent(JDK_AXIS, jvm.label());
        return Collections.unmodifiableMap(axes);
    }

    public int forkCount() {
        return forks.length;
    }

    public boolean hasRawData() {
        return forks.length > 0;
    }

    /** Each fork's mean over its iterations: the observations that are independent of each other. */
    public double[] forkMeans() {
        return Arrays.stream(forks).mapToDouble(f -> Arrays.stream(f).average().orElse(Double.NaN)).toArray();
    }

    /** All iterations of all forks in one array. */
    public double[] allIterations() {
        return Arrays.stream(forks).flatMapToDouble(Arrays::stream).toArray();
    }
}
