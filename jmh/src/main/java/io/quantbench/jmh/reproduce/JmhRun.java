package io.quantbench.jmh.reproduce;

import io.quantbench.analysis.Analyzer;
import io.quantbench.analysis.input.Measurement;
import io.quantbench.analysis.summary.BenchmarkSummary;
import io.quantbench.analysis.summary.Comparison;
import io.quantbench.analysis.summary.RunAnalysis;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One JMH run of a reproduction: a benchmark method with some parameter values, the settings of the command line,
 * results to {@code <dir>/jmh.json}, then the analysis module's report in {@code <dir>/analysis/} (fork-level
 * intervals, speedups against F32), whose numbers the study's tables quote.
 */
final class JmhRun {

    private static final int LOCK_POLL_SECONDS = 15;
    /** Give up waiting for another JMH run after this long. */
    private static final long MAX_WAIT_SECONDS = 4 * 3600;

    private final String benchmark;
    private final String method;
    private final Map<String, List<String>> params = new LinkedHashMap<>();
    private final String heap;

    /**
     * @param benchmark the class's simple name, e.g. {@code DecodeBenchmark}
     * @param method    one of its benchmark methods, or null for all of them
     * @param heap      the forks' maximum heap, e.g. {@code 2g}: the whole model must fit
     */
    JmhRun(String benchmark, String method, String heap) {
        this.benchmark = benchmark;
        this.method = method;
        this.heap = heap;
    }

    JmhRun param(String name, String... values) {
        params.put(name, List.of(values));
        return this;
    }

    JmhRun param(String name, List<String> values) {
        params.put(name, List.copyOf(values));
        return this;
    }

    /** The JMH options this run uses (a test checks them without running anything). */
    Options options(ReproduceSettings s, Path json) {
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include("^io\\.quantbench\\.jmh\\." + benchmark + "\\." + (method == null ? "\\w+" : method) + "$")
                .forks(s.forks())
                .warmupIterations(s.warmupIterations())
                .measurementIterations(s.iterations())
                .warmupTime(TimeValue.fromString(s.iterationTime()))
                .measurementTime(TimeValue.fromString(s.iterationTime()))
                // replaces the annotations' -Xmx14g: the heap this model needs, not more than the machine has
                .jvmArgsAppend(SpeedModels.jvmOptions(heap).toArray(new String[0]))
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .shouldFailOnError(true);
        params.forEach((name, values) -> b.param(name, values.toArray(new String[0])));
        return b.build();
    }

    /** Runs the benchmarks and analyses the results (speedups against F32 where the run has it). */
    Result run(ReproduceSettings s, Path dir) {
        try {
            Files.createDirectories(dir);
            Path json = dir.resolve("jmh.json");
            runWhenFree(s, options(s, json));
            double loadAfter = loadAverage();
            // speedups against F32 when it ran; otherwise (study C's ternary side alone) against the run's own format
            List<String> formats = params.getOrDefault("format", List.of());
            String baseline = formats.isEmpty() || formats.contains("F32") ? null : formats.get(0);
            Analyzer.Result analysis = Analyzer.analyze(List.of(json), baseline, dir.resolve("analysis"));
            return new Result(json, analysis.index(), analysis.analyses().get(0), loadAfter);
        } catch (RunnerException | IOException e) {
            throw new IllegalStateException("JMH run of " + benchmark + " failed: " + e.getMessage(), e);
        }
    }

    /** The 1-minute load average of /proc/loadavg, or NaN where there is none. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * Runs JMH, first waiting while another JMH run holds its lock ({@code /tmp/jmh.lock}): two benchmark runs at once
     * would each measure the other's load, so on a shared machine this one queues.
     */
    private void runWhenFree(ReproduceSettings s, Options options) throws RunnerException {
        long waitedSeconds = 0;
        while (true) {
            try {
                new Runner(options).run();
                return;
            } catch (RunnerException e) {
                if (e.getMessage() == null || !e.getMessage().contains("JMH lock") || waitedSeconds >= MAX_WAIT_SECONDS) {
                    throw e;
                }
            }
            if (waitedSeconds % 300 == 0) {
                s.progress().println("another JMH run holds its lock; waiting for it to finish (" + waitedSeconds / 60
                        + " min so far)");
            }
            try {
                Thread.sleep(LOCK_POLL_SECONDS * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunnerException("interrupted while waiting for the JMH lock", e);
            }
            waitedSeconds += LOCK_POLL_SECONDS;
        }
    }

    /**
     * What a run gave.
     *
     * @param json     JMH's results
     * @param report   the analysis report's index.html
     * @param analysis its statistics
     */
    record Result(Path json, Path report, RunAnalysis analysis, double loadAverage) {

        /**
         * What the report says about the machine's load: the 1-minute load average as the run ended, against the
         * cores. On a shared machine other processes compete for the cores and widen (or bias) the intervals.
         */
        String loadNote() {
            int cores = Runtime.getRuntime().availableProcessors();
            if (Double.isNaN(loadAverage)) {
                return "";
            }
            return String.format(Locale.ROOT, "Load average (1 min) as the runs ended: %.1f on %d cores%s", loadAverage,
                    cores, loadAverage > cores + 0.5 ? ": other processes competed for the cores, so these times are"
                            + " slower and more variable than on an idle machine." : ".");
        }

        /** The configuration whose params include all of {@code wanted}, if it ran. */
        Optional<BenchmarkSummary> summary(String method, Map<String, String> wanted) {
            return analysis.summaries().stream()
                    .filter(x -> x.measurement().benchmark().endsWith("." + method) && matches(x.measurement(), wanted))
                    .findFirst();
        }

        /** The speedup of that configuration against its F32 partner, if both ran. */
        Optional<Comparison> speedup(String method, Map<String, String> wanted) {
            return analysis.speedups().stream()
                    .filter(c -> c.candidate().benchmark().endsWith("." + method) && matches(c.candidate(), wanted))
                    .findFirst();
        }

        private static boolean matches(Measurement m, Map<String, String> wanted) {
            return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(m.params().get(e.getKey())));
        }
    }
}
