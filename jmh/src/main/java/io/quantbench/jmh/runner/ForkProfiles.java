package io.quantbench.jmh.runner;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.ExternalProfiler;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.runner.IterationType;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A JMH profiler that rides along with {@code -prof async} and does two things JMH 1.37 does not:
 * <ul>
 *   <li>Keeps every fork's output. JMH's async profiler writes each fork's flame graphs to the same files, so
 *       the next fork overwrites them. After each fork (in the runner's JVM) this moves what the fork wrote from
 *       {@code from/<JMH's benchmark id>/} to {@code to/fork-<n>/} ({@code warmup-fork-<n>} for JMH's warm-up
 *       forks).</li>
 *   <li>Finds out which sampling engine async-profiler really used for {@code event=cpu}: perf_events when the
 *       kernel allows it, else a per-thread CPU timer ({@code ctimer}) or {@code setitimer} ({@code itimer}). It
 *       does not say so itself, so during the last measurement iteration (in the fork, while the profiler runs)
 *       this looks at what the JVM has open: perf_event file descriptors, or POSIX timers signalling threads.
 *       The answer goes to {@value #ENGINE_FILE} beside the flame graphs, and from there into env.json.</li>
 * </ul>
 * It must come after {@code async} in the profiler list: JMH ends iterations in reverse profiler order, so this
 * one looks before async-profiler stops.
 *
 * <p>Options: {@code from=<async's dir>;to=<the step's profile folder>}.
 */
public final class ForkProfiles implements ExternalProfiler, InternalProfiler {

    static final String ENGINE_FILE = "profiler-engine.txt";

    private final Path from;
    private final Path to;
    private int trials;
    private int measurementIterations;

    public ForkProfiles(String initLine) throws ProfilerException {
        Map<String, String> options = AsyncProfilerSetup.parseOptions(initLine);
        if (!options.containsKey("from") || !options.containsKey("to")) {
            throw new ProfilerException("ForkProfiles needs from=<dir>;to=<dir>, got '" + initLine + "'");
        }
        from = Path.of(options.get("from"));
        to = Path.of(options.get("to"));
    }

    // ----- in the fork: which engine samples -----------------------------------------------------------------------

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    }

    @Override
    @SuppressWarnings("rawtypes")                        // JMH's own signature
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        if (iterationParams.getType() == IterationType.MEASUREMENT
                && ++measurementIterations == iterationParams.getCount()) {
            // The folder JMH's async profiler writes this benchmark's files to (it replaces '%' the same way).
            Path dir = from.resolve(benchmarkParams.id().replace("%", "_"));
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve(ENGINE_FILE), detectEngine(Path.of("/proc/self")) + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record the profiler engine in " + dir, e);
            }
        }
        return Collections.emptyList();
    }

    /**
     * What samples this process now, as {@code engine=<name>} and {@code evidence=<what was seen>} lines.
     *
     * @param self {@code /proc/self} (a parameter so tests can show it a made-up process)
     */
    static String detectEngine(Path self) {
        Path fds = self.resolve("fd");
        if (!Files.isDirectory(fds)) {
            return "engine=unknown\nevidence=no " + fds + " to look at (not Linux)";
        }
        int perf = 0;
        try (DirectoryStream<Path> links = Files.newDirectoryStream(fds)) {
            for (Path link : links) {
                try {
                    if (Files.readSymbolicLink(link).toString().contains("perf_event")) {
                        perf++;
                    }
                } catch (IOException e) {
                    // closed while we looked: not a profiler descriptor
                }
            }
        } catch (IOException e) {
            return "engine=unknown\nevidence=cannot list " + fds + ": " + e.getMessage();
        }
        if (perf > 0) {
            return "engine=perf_events\nevidence=" + perf + " perf_event file descriptors open in the profiled JVM" + rootNote(self);
        }
        long timers = 0;
        try {
            timers = Files.readAllLines(self.resolve("timers")).stream().filter(l -> l.startsWith("notify:") && l.contains("tid")).count();
        } catch (IOException e) {
            // no /proc/self/timers: counts as none
        }
        if (timers > 0) {
            return "engine=ctimer\nevidence=no perf_event descriptors; " + timers + " POSIX CPU timers signalling threads";
        }
        return "engine=itimer\nevidence=no perf_event descriptors and no per-thread timers: the process-wide setitimer(ITIMER_PROF)";
    }

    /** Root is exempt from perf_event_paranoid, which is why perf_events can work where env.json shows paranoid >= 2. */
    private static String rootNote(Path self) {
        try {
            boolean root = Files.readAllLines(self.resolve("status")).stream()
                    .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+").length > 2 && l.split("\\s+")[2].equals("0"));
            return root ? " (running as root, which perf_event_paranoid does not restrict)" : "";
        } catch (IOException e) {
            return "";
        }
    }

    // ----- in the runner: keep every fork's files ------------------------------------------------------------------

    @Override
    public Collection<String> addJVMInvokeOptions(BenchmarkParams params) {
        return Collections.emptyList();
    }

    @Override
    public Collection<String> addJVMOptions(BenchmarkParams params) {
        return Collections.emptyList();
    }

    @Override
    public void beforeTrial(BenchmarkParams benchmarkParams) {
    }

    @Override
    @SuppressWarnings("rawtypes")                        // JMH's own signature
    public Collection<? extends Result> afterTrial(BenchmarkResult br, long pid, File stdOut, File stdErr) {
        trials++;
        try {
            keep(trials, br.getParams().getWarmupForks());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the profiles of fork " + trials + " to " + to, e);
        }
        return Collections.emptyList();
    }

    /**
     * Moves every file the {@code trial}-th fork (counting from 1, JMH's warm-up forks first) wrote under
     * {@code from} into {@code to/fork-<n>/}, and removes the emptied folders.
     */
    void keep(int trial, int warmupForks) throws IOException {
        Path target = to.resolve(trial <= warmupForks ? "warmup-fork-" + trial : "fork-" + (trial - warmupForks));
        if (!Files.isDirectory(from)) {
            return;
        }
        Files.createDirectories(target);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(from)) {
            files = walk.filter(Files::isRegularFile).collect(java.util.stream.Collectors.toList());
        }
        for (Path f : files) {
            Files.move(f, target.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        ResultsFolder.deleteTree(from);
    }

    @Override
    public boolean allowPrintOut() {
        return true;
    }

    @Override
    public boolean allowPrintErr() {
        return true;
    }

    @Override
    public String getDescription() {
        return "quantbench: keeps every fork's async-profiler output and records which sampling engine ran";
    }
}
