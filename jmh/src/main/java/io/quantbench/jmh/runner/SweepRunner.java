package io.quantbench.jmh.runner;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantbench.analysis.Analyzer;
import io.quantbench.jmh.runner.SweepPlan.Step;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Defaults;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.ProfilerConfig;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs the steps of a sweep that are not done yet, one JMH run each, and then the analysis. Each step's results
 * are committed to the results folder as soon as JMH finishes it ({@link ResultsFolder}), so killing the runner
 * loses at most the step in flight, and {@code run --resume} starts at the first step without results.
 *
 * <p>Everything printed (the runner's progress and JMH's own output, including the forks') goes to the console
 * and to {@code run.log}. For the whole sweep the runner holds JMH's machine-wide lock ({@code /tmp/jmh.lock}), as
 * one JMH run would, so that another JMH run cannot slip in between two steps and disturb them.
 */
final class SweepRunner {

    private final ResultsFolder folder;
    private final JmhArgs jmh;
    private final Path asyncLibrary;
    private final boolean analyze;
    private final PrintStream console;
    private final List<RunResult> sessionResults = new ArrayList<>();

    /**
     * @param asyncLibrary async-profiler's library when the sweep profiles ({@code --flamegraph} or {@code -prof async}), else null
     * @param analyze      whether to write reports/&lt;run&gt;/ once every step has results
     */
    SweepRunner(ResultsFolder folder, JmhArgs jmh, Path asyncLibrary, boolean analyze, PrintStream console) {
        this.folder = folder;
        this.jmh = jmh;
        this.asyncLibrary = asyncLibrary;
        this.analyze = analyze;
        this.console = console;
    }

    /** Runs what is left; returns the exit code: 0 when every step has results (and the analysis worked), else 1. */
    @SuppressWarnings("try")                             // the lock is held by the try, not used in it
    int run(List<String> commandLine) throws IOException {
        List<Step> all = folder.plan().steps();
        try (PrintStream out = tee(); JmhLock lock = JmhLock.hold(out)) {
            // Only now, holding the lock: a sweep that waited for it may find steps done by the one it waited for.
            folder.clearPartials();
            List<Step> pending = all.stream().filter(s -> !folder.isDone(s)).collect(Collectors.toList());
            out.printf(Locale.ROOT, "quantbench: %s, %d of %d steps to run, into %s%n", folder.plan().profile(),
                    pending.size(), all.size(), folder.dir().toAbsolutePath());
            startSession(commandLine);
            Progress progress = new Progress(out, Clock.systemUTC(), all, pending);
            out.println("quantbench: planned " + progress.plannedTotal() + " (iterations, plus ~"
                    + Progress.FORK_OVERHEAD_SECONDS + " s per fork to start and set up)");
            List<Step> failed = new ArrayList<>();
            for (Step step : pending) {
                progress.begin(step);
                boolean ok = runStep(step, out);
                progress.end(step, ok);
                if (!ok) {
                    failed.add(step);
                    if (jmh.options().shouldFailOnError().orElse(false)) {
                        out.println("quantbench: stopping at the first failure (-foe true)");
                        break;
                    }
                }
            }
            endSession(pending.size(), failed.size(), progress.elapsedSeconds());
            folder.clearPartials();
            writeUserResultFile(out);
            long missing = all.stream().filter(s -> !folder.isDone(s)).count();
            if (missing > 0) {
                out.printf(Locale.ROOT, "quantbench: %d step(s) have no results (%s); `run --resume %s` runs them again%n",
                        missing, failed.stream().map(Step::name).collect(Collectors.joining(", ")), folder.dir());
                return 1;
            }
            out.println("quantbench: every step has results in " + folder.dir().toAbsolutePath()
                    + " (" + Progress.duration(progress.elapsedSeconds()) + " this session)");
            return analyze ? analyzeResults(out) : 0;
        }
    }

    private boolean runStep(Step step, PrintStream out) throws IOException {
        Path partial = folder.partial(step);
        Files.deleteIfExists(partial);
        ChainedOptionsBuilder options = new OptionsBuilder().parent(jmh.forSteps())
                .include("^" + Pattern.quote(step.benchmark()) + "$")
                .resultFormat(ResultFormatType.JSON)
                .result(partial.toString());
        step.params().forEach(options::param);
        step.settings().applyTo(options);
        if (step.jvm() >= 0) {
            options.jvm(folder.plan().jvms().get(step.jvm()));
        }
        Path profiles = profilesOf(step);
        List<ProfilerConfig> profilers = profilers(profiles);
        if (profiles != null) {
            ResultsFolder.deleteTree(profiles);            // an interrupted earlier attempt's forks
        }
        profilers.forEach(p -> options.addProfiler(p.getKlass(), p.getOpts()));
        Options built = options.build();
        try {
            sessionResults.addAll(new Runner(built, outputFormat(out)).run());
        } catch (RunnerException e) {
            out.println("quantbench: " + step.name() + " failed: " + e.getMessage());
            return false;
        }
        int results = folder.commit(step);
        if (profiles != null) {
            recordProfilerEngines(profiles, profilers);
            out.println("quantbench: profiles of every fork in " + profiles + "/fork-<n>/");
        }
        return results > 0;
    }

    /** The step's flame graph folder when the sweep profiles: {@code profiles/<run>/<step>/}, or below the user's {@code dir}. */
    private Path profilesOf(Step step) {
        if (asyncLibrary == null) {
            return null;
        }
        Path userDir = AsyncProfilerSetup.userDir(jmh.options().getProfilers());
        return (userDir != null ? userDir : folder.profiles()).resolve(step.name()).toAbsolutePath();
    }

    private List<ProfilerConfig> profilers(Path profiles) {
        List<ProfilerConfig> user = jmh.options().getProfilers();
        return profiles == null ? user : AsyncProfilerSetup.forStep(user, folder.plan().flamegraph(), asyncLibrary, profiles);
    }

    private void recordProfilerEngines(Path profiles, List<ProfilerConfig> profilers) throws IOException {
        ObjectNode env = folder.readEnv();
        ObjectNode profiler = env.has("profiler") ? (ObjectNode) env.get("profiler")
                : (ObjectNode) env.set("profiler", AsyncProfilerSetup.describe(asyncLibrary, profilers)).get("profiler");
        AsyncProfilerSetup.recordEngines(profiles, profiler);
        folder.writeEnv(env);
    }

    private OutputFormat outputFormat(PrintStream out) {
        return OutputFormatFactory.createFormatInstance(out, jmh.options().verbosity().orElse(Defaults.VERBOSITY));
    }

    /** A stream to the console (or JMH's {@code -o} file) and to run.log, appended. */
    private PrintStream tee() throws IOException {
        OutputStream screen = jmh.options().getOutput().hasValue()
                ? new FileOutputStream(jmh.options().getOutput().get(), true) : console;
        OutputStream log = new FileOutputStream(folder.log().toFile(), true);
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                screen.write(b);
                log.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                screen.write(b, off, len);
                log.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                screen.flush();
                log.flush();
            }

            @Override
            public void close() throws IOException {
                log.close();
                if (screen != console) {
                    screen.close();
                }
            }
        }, true, StandardCharsets.UTF_8);
    }

    /**
     * JMH's machine-wide lock, held for the whole sweep: taken once (waiting while another JMH run holds it), and
     * JMH, which would take it again for every step, is told that it is held. With {@code -Djmh.ignoreLock=true}
     * the user has chosen not to lock, and nothing is taken.
     */
    private static final class JmhLock implements AutoCloseable {
        private final RandomAccessFile file;
        private final FileLock lock;

        private JmhLock(RandomAccessFile file, FileLock lock) {
            this.file = file;
            this.lock = lock;
        }

        static JmhLock hold(PrintStream out) throws IOException {
            if (Boolean.getBoolean("jmh.ignoreLock")) {
                return new JmhLock(null, null);
            }
            Path path = Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");
            RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw");
            FileLock lock = file.getChannel().tryLock();
            if (lock == null) {
                out.println("quantbench: another JMH run holds " + path + "; waiting for it to finish");
                lock = file.getChannel().lock();
            }
            System.setProperty("jmh.ignoreLock", "true");
            out.println("quantbench: holding " + path + " for the whole sweep (JMH's per-step note that the lock is"
                    + " ignored refers to this)");
            return new JmhLock(file, lock);
        }

        @Override
        public void close() throws IOException {
            if (file != null) {
                lock.release();
                file.close();
            }
        }
    }

    // ----- env.json sessions ---------------------------------------------------------------------------------------

    private void startSession(List<String> commandLine) throws IOException {
        ObjectNode env = folder.readEnv();
        ArrayNode sessions = env.has("sessions") ? (ArrayNode) env.get("sessions") : env.putArray("sessions");
        ObjectNode session = sessions.addObject();
        session.put("started", Instant.now().toString());
        ArrayNode args = session.putArray("commandLine");
        commandLine.forEach(args::add);
        EnvironmentCapture machine = new EnvironmentCapture(Path.of("/"));
        session.set("thermalAtStart", machine.thermal());
        session.put("loadAverageAtStart", machine.loadAverage());
        folder.writeEnv(env);
    }

    private void endSession(int ran, int failed, double seconds) throws IOException {
        ObjectNode env = folder.readEnv();           // re-read: steps may have added profiler engines
        ArrayNode sessions = (ArrayNode) env.get("sessions");
        ObjectNode session = (ObjectNode) sessions.get(sessions.size() - 1);
        session.put("ended", Instant.now().toString());
        session.put("seconds", Math.round(seconds));
        session.put("stepsRun", ran);
        session.put("stepsFailed", failed);
        EnvironmentCapture machine = new EnvironmentCapture(Path.of("/"));
        session.set("thermalAtEnd", machine.thermal());
        session.put("loadAverageAtEnd", machine.loadAverage());
        folder.writeEnv(env);
    }

    // ----- after the steps -----------------------------------------------------------------------------------------

    /**
     * JMH's {@code -rf}/{@code -rff}, as in plain JMH: this session's results in that format (CSV unless
     * {@code -rf} says otherwise) in that file ({@code jmh-result.<format>} unless {@code -rff} says otherwise).
     * The results folder's JSON is written either way.
     */
    private void writeUserResultFile(PrintStream out) {
        Options user = jmh.options();
        if (!user.getResult().hasValue() && !user.getResultFormat().hasValue()) {
            return;
        }
        ResultFormatType type = user.getResultFormat().orElse(Defaults.RESULT_FORMAT);
        String file = user.getResult().orElse(Defaults.RESULT_FILE_PREFIX + "." + type.toString().toLowerCase(Locale.ROOT));
        ResultFormatFactory.getInstance(type, file).writeOut(sessionResults);
        out.println("quantbench: this session's results also in " + file + " (" + type + ")");
    }

    /**
     * The analysis's default baseline is F32; a sweep without F32 (e.g. {@code -p format=INT8,TERNARY}) is compared
     * against its first format instead, and a sweep without formats needs none.
     */
    private String baseline() {
        List<String> formats = folder.plan().steps().stream().map(s -> s.params().get("format")).filter(f -> f != null)
                .distinct().collect(Collectors.toList());
        return formats.isEmpty() || formats.contains("F32") ? null : formats.get(0);
    }

    private int analyzeResults(PrintStream out) {
        out.println("quantbench: analysing into " + folder.reports().toAbsolutePath());
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        try {
            Analyzer.Result result = Analyzer.analyze(List.of(folder.dir()), baseline(), folder.reports());
            out.println("quantbench: report " + result.index().toAbsolutePath());
            return 0;
        } catch (RuntimeException e) {
            out.println("quantbench: the results are complete, but the analysis failed: " + e
                    + "; try again with `analyze " + folder.dir() + "`");
            return 1;
        }
    }
}
