package io.quantbench.jmh;

import io.quantbench.jmh.cli.Subcommands;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point of {@code benchmarks.jar}. With no arguments, or {@code run} and JMH options, it runs
 * the benchmark sweep and writes {@code results/<host>-<UTC time>/jmh.json}; any plain JMH option
 * ({@code -f}, {@code -p}, {@code -prof}, a benchmark regex, ...) works as in JMH's own main.
 *
 * <p>Exit codes: 0 success, 1 failure, 2 bad usage.
 */
public final class Main {

    static final String VECTOR_MODULE = "jdk.incubator.vector";
    /** Set on the relaunched JVM so that a JDK without the module fails instead of relaunching forever. */
    static final String RELAUNCHED = "quantbench.relaunched";

    static final String USAGE = String.join("\n",
            "usage: java -jar benchmarks.jar [run] [JMH options] [benchmark regex...]",
            "",
            "  (no arguments)   run the default sweep: MatVecBenchmark and BandwidthBenchmark",
            "  run [options]    the same, with any JMH option (-f, -wi, -i, -p name=v1,v2, -prof gc, -jvm, -rf, -rff, -h, -l)",
            "  <command> ...    one of the subcommands (java -jar benchmarks.jar <command> --help)",
            "",
            "Results go to results/<host>-<UTC time>/jmh.json unless -rff is given.");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return relaunchWithVectorModule(args);
        }
        if (args.length > 0 && Subcommands.has(args[0])) {
            return Subcommands.run(args[0], Arrays.copyOfRange(args, 1, args.length));
        }
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        if (!rest.isEmpty() && rest.get(0).equals("run")) {
            rest.remove(0);
        }
        if (!rest.isEmpty() && (rest.get(0).equals("help") || rest.get(0).equals("--help"))) {
            System.out.println(USAGE);
            return 0;
        }
        try {
            return runJmh(rest.toArray(new String[0]));
        } catch (CommandLineOptionException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
    }

    private static int runJmh(String[] args) throws CommandLineOptionException {
        CommandLineOptions options = new CommandLineOptions(args);
        Path dir = null;
        try {
            if (options.shouldHelp()) {
                System.out.println(USAGE);
                System.out.println();
                options.showHelp();
                return 0;
            }
            if (options.shouldListProfilers()) {
                options.listProfilers();
                return 0;
            }
            if (options.shouldListResultFormats()) {
                options.listResultFormats();
                return 0;
            }
            ChainedOptionsBuilder builder = new OptionsBuilder().parent(options);
            if (options.getIncludes().isEmpty()) {
                builder.include(MatVecBenchmark.class.getSimpleName()).include(BandwidthBenchmark.class.getSimpleName());
            }
            Runner runner;
            if (options.shouldList() || options.shouldListWithParams()) {
                runner = new Runner(builder.build());
                if (options.shouldList()) {
                    runner.list();
                } else {
                    runner.listWithParams(options);
                }
                return 0;
            }
            if (!options.getResult().hasValue()) {
                dir = Paths.get("results", runName());
                Files.createDirectories(dir);
                builder.resultFormat(options.getResultFormat().orElse(ResultFormatType.JSON))
                        .result(dir.resolve("jmh.json").toString());
                System.out.println("quantbench: results go to " + dir.toAbsolutePath());
            }
            new Runner(builder.build()).run();
            return 0;
        } catch (NoBenchmarksException e) {
            deleteIfEmpty(dir);
            System.err.println("error: no benchmark matches " + options.getIncludes()
                    + "; list them with: java -jar benchmarks.jar -l");
            return 2;
        } catch (RunnerException | IOException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static void deleteIfEmpty(Path dir) {
        try {
            if (dir != null) {
                Files.deleteIfExists(dir);                  // fails, harmlessly, when something was written
            }
        } catch (IOException ignored) {
            // not empty: keep it
        }
    }

    /** {@code <host>-<UTC time>}, e.g. {@code raspberrypi-20261123T101500Z}. */
    static String runName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "host";
        }
        String time = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
        return host.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + time;
    }

    /**
     * {@code java -jar} cannot add a module from the manifest, so the jar starts itself again with
     * {@code --add-modules=jdk.incubator.vector} and the same JVM options, and passes on the exit code.
     */
    private static int relaunchWithVectorModule(String[] args) {
        if (Boolean.getBoolean(RELAUNCHED)) {
            System.err.println("error: this JVM has no " + VECTOR_MODULE + " module; quantbench needs JDK 17 or later"
                    + " with the incubating Vector API");
            return 1;
        }
        String java = ProcessHandle.current().info().command().orElse(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("--add-modules=" + VECTOR_MODULE);
        command.add("-D" + RELAUNCHED + "=true");
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(Arrays.asList(args));
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            return process.waitFor();
        } catch (IOException e) {
            System.err.println("error: could not start " + java + " with " + VECTOR_MODULE + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
