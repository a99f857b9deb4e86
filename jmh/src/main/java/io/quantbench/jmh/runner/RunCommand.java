package io.quantbench.jmh.runner;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantbench.jmh.cli.Subcommands.UsageException;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code run}: the benchmark sweep (DESIGN.md, "Command line"), and what {@code java -jar benchmarks.jar} does with
 * no command. Everything that is not one of the options below is a JMH option and means what it means in JMH.
 *
 * <p>Before anything runs, the whole sweep is planned and checked: the profile, every param value, every JVM (each
 * is started once, {@link JvmProbe}) and the profiler library; a mistake is a usage error (exit 2) whose message
 * lists what is valid, and no results folder is made.
 */
@Command(name = "run", sortOptions = false,
        description = {"Runs a benchmark sweep into results/<host>-<UTC time>/ (JMH JSON per step with full rawData,"
                + " env.json, run.log), then analyses it into reports/<run>/.",
                "Any other argument is a JMH option (benchmark regexes, -p name=v1,v2, -f, -wi, -w, -i, -r, -prof, -jvmArgs,"
                        + " -rf, -rff, -l, -lp, -h ...) and works as in JMH; it overrides the profile."},
        footer = {"", "Exit codes: 0 success, 1 a step or the analysis failed, 2 bad usage."})
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--profile", paramLabel = "<name>",
            description = "quick, default or full (default: default); see jmh/.../runner/profiles.json")
    String profile;

    @Option(names = "--flamegraph", description = "profile every step with async-profiler (event=cpu); HTML flame"
            + " graphs of every fork go to profiles/<run>/<step>/fork-<n>/")
    boolean flamegraph;

    @Option(names = "--jvm", paramLabel = "<java>", description = "a java executable (a bare name is looked up on PATH) or JDK folder to"
            + " run the forks in; several: the sweep runs under each, the JDK becomes an axis")
    List<String> jvms = new ArrayList<>();

    @Option(names = "--resume", paramLabel = "<results dir>", description = "finish an interrupted sweep: run the steps"
            + " that have no results, with the sweep's own settings")
    Path resume;

    @Option(names = "--no-analyze", description = "do not write reports/<run>/ at the end")
    boolean noAnalyze;

    @Option(names = "--base-dir", paramLabel = "<dir>", defaultValue = ".",
            description = "where results/, reports/ and profiles/ go (default: the working directory)")
    Path baseDir;

    @Option(names = "--help", usageHelp = true, description = "this help (JMH's options: -h)")
    boolean help;

    @Unmatched
    List<String> jmhArgs = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (resume != null) {
            return resume();
        }
        JmhArgs jmh = parseJmh(jmhArgs);
        if (isListing(jmh.options())) {
            return list(jmh.options());
        }
        BuildInfo build = BuildInfo.current();
        BenchmarkCatalog catalog = BenchmarkCatalog.load();
        SweepPlan plan = SweepPlan.build(Profile.named(profile == null ? Profile.DEFAULT : profile), jmh, javas(jmh),
                flamegraph, catalog);
        List<ObjectNode> jvmFacts = probe(plan, jmh, catalog);
        Path library = asyncLibrary(plan, jmh);
        EnvironmentCapture machine = new EnvironmentCapture(Path.of("/"));
        String host = machine.hostName();
        ResultsFolder folder = ResultsFolder.create(baseDir, ResultsFolder.runName(host, Instant.now()), plan, build, host);
        folder.writeEnv(machine.capture(build, host, jvmFacts, plan));
        return new SweepRunner(folder, jmh, library, !noAnalyze, System.out).run(commandLine());
    }

    /** {@code --resume <dir>}: the same plan, the same JMH options, the steps without results. */
    private int resume() throws IOException {
        if (profile != null || flamegraph || !jvms.isEmpty() || !jmhArgs.isEmpty()) {
            throw new UsageException("--resume finishes a sweep with the settings it started with; leave out "
                    + String.join(" ", leftovers()));
        }
        ResultsFolder folder = ResultsFolder.open(resume);
        BuildInfo build = BuildInfo.current();
        String host = new EnvironmentCapture(Path.of("/")).hostName();
        String startedOn = folder.header().path("host").asText();
        if (!startedOn.equals(host)) {
            throw new UsageException("--resume " + resume + ": the sweep started on host " + startedOn + ", this is " + host
                    + "; results of two machines in one folder would be compared as one. Resume it on " + startedOn);
        }
        String commit = folder.header().path("commit").asText();
        if (!commit.equals(build.commit())) {
            throw new UsageException("--resume " + resume + ": the sweep started with quantbench commit " + commit
                    + ", this jar is " + build.commit() + "; its steps would measure different code. Resume with the"
                    + " same jar, or start a new sweep");
        }
        JmhArgs jmh = parseJmh(folder.plan().jmhArgs());
        BenchmarkListEntry first = BenchmarkCatalog.load().get(folder.plan().steps().get(0).benchmark());
        for (String java : folder.plan().jvms()) {
            checkJvm(java, jmh, first);                  // still there, still working
        }
        Path library = asyncLibrary(folder.plan(), jmh);
        return new SweepRunner(folder, jmh, library, !noAnalyze, System.out).run(commandLine());
    }

    private List<String> leftovers() {
        List<String> given = new ArrayList<>();
        if (profile != null) {
            given.add("--profile " + profile);
        }
        if (flamegraph) {
            given.add("--flamegraph");
        }
        jvms.forEach(j -> given.add("--jvm " + j));
        given.addAll(jmhArgs);
        return given;
    }

    /** JMH's parse of its options; an option JMH does not know is a usage error that lists every valid option. */
    private static JmhArgs parseJmh(List<String> args) {
        try {
            return JmhArgs.parse(args);
        } catch (CommandLineOptionException e) {
            Set<String> jmhNames = jmhOptionNames();
            // JMH's parser reads "-notAnOption" as the short options n, o, t...: name the word the user typed.
            String unknown = args.stream().filter(a -> a.startsWith("-") && !jmhNames.contains(a.split("=")[0]))
                    .findFirst().map(a -> "unknown option " + a + " (JMH: " + e.getMessage() + ")").orElse(e.getMessage());
            throw new UsageException(unknown + ". Valid options: the runner's --profile, --flamegraph, --jvm,"
                    + " --resume, --no-analyze, --base-dir, --help; JMH's " + String.join(" ", jmhNames));
        }
    }

    /** JMH's option names, read from its own help so that the list is the JMH version's. */
    static Set<String> jmhOptionNames() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream help = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(help, true, StandardCharsets.UTF_8));
            new CommandLineOptions().showHelp();
        } catch (IOException | CommandLineOptionException e) {
            return Set.of("(see -h)");
        } finally {
            System.setOut(stdout);
        }
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^\\s+(-[A-Za-z]+)\\b").matcher(help.toString(StandardCharsets.UTF_8));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static boolean isListing(CommandLineOptions o) {
        return o.shouldHelp() || o.shouldList() || o.shouldListWithParams() || o.shouldListProfilers()
                || o.shouldListResultFormats();
    }

    /** {@code -h}, {@code -l}, {@code -lp}, {@code -lprof}, {@code -lrf}: JMH's listings, nothing runs. */
    private int list(CommandLineOptions o) throws IOException {
        if (o.shouldHelp()) {
            spec.commandLine().usage(System.out);
            System.out.println();
            System.out.println("JMH options:");
            o.showHelp();
        } else if (o.shouldListProfilers()) {
            o.listProfilers();
        } else if (o.shouldListResultFormats()) {
            o.listResultFormats();
        } else {
            Runner runner = new Runner(new OptionsBuilder().parent(o).build());
            if (o.shouldList()) {
                runner.list();
            } else {
                runner.listWithParams(o);
            }
        }
        return 0;
    }

    /** The JVMs of the sweep: {@code --jvm} (several), or JMH's own {@code -jvm} (one); empty for the runner's JVM. */
    private List<String> javas(JmhArgs jmh) {
        if (jmh.options().getJvm().hasValue() && !jvms.isEmpty()) {
            throw new UsageException("give the JVMs with --jvm (repeat it for several); JMH's -jvm and --jvm together"
                    + " leave unclear which JVMs to run");
        }
        List<String> given = jvms.isEmpty() && jmh.options().getJvm().hasValue() ? List.of(jmh.options().getJvm().get()) : jvms;
        List<String> javas = new ArrayList<>();
        for (String j : given) {
            String java = JvmProbe.executable(j, System.getenv("PATH")).toString();
            if (javas.contains(java)) {
                throw new UsageException("--jvm " + j + " is given twice");
            }
            javas.add(java);
        }
        return javas;
    }

    /** Each JVM's facts for env.json; a JVM that cannot run the benchmarks stops the sweep before it starts. */
    private static List<ObjectNode> probe(SweepPlan plan, JmhArgs jmh, BenchmarkCatalog catalog) {
        BenchmarkListEntry first = catalog.get(plan.steps().get(0).benchmark());
        List<String> javas = plan.jvms().isEmpty()
                ? List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()) : plan.jvms();
        List<ObjectNode> facts = new ArrayList<>();
        for (String java : javas) {
            facts.add(checkJvm(java, jmh, first));
        }
        return facts;
    }

    private static ObjectNode checkJvm(String java, JmhArgs jmh, BenchmarkListEntry first) {
        try {
            ObjectNode facts = JvmProbe.probe(java, JvmProbe.forkArgs(jmh.options(), first));
            facts.put("probedAs", "a fork of " + BenchmarkCatalog.shortName(first));
            return facts;
        } catch (JvmProbe.BadJvmException e) {
            throw new UsageException("--jvm " + e.getMessage());
        }
    }

    /** async-profiler's library when the sweep profiles: the user's {@code libPath}, else the one in the jar. */
    private static Path asyncLibrary(SweepPlan plan, JmhArgs jmh) throws IOException {
        boolean async = jmh.options().getProfilers().stream().anyMatch(AsyncProfilerSetup::isAsync);
        if (!plan.flamegraph() && !async) {
            return null;
        }
        String userLib = jmh.options().getProfilers().stream().filter(AsyncProfilerSetup::isAsync)
                .map(p -> AsyncProfilerSetup.parseOptions(p.getOpts()).get("libPath")).filter(l -> l != null)
                .findFirst().orElse(null);
        return userLib != null ? Path.of(userLib) : AsyncProfilerSetup.unpack();
    }

    private List<String> commandLine() {
        List<String> line = new ArrayList<>(List.of("run"));
        line.addAll(spec.commandLine().getParseResult().originalArgs());
        return line;
    }
}
