package io.quantbench.jmh;

import io.quantbench.jmh.cli.Subcommands;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point of {@code benchmarks.jar}: {@code <command> [options]} runs one of the {@link Subcommands}; anything
 * else (no arguments, JMH options, benchmark regexes) is the {@code run} command, the benchmark sweep
 * ({@link io.quantbench.jmh.runner.RunCommand}).
 *
 * <p>Exit codes: 0 success, 1 failure, 2 bad usage.
 */
public final class Main {

    static final String VECTOR_MODULE = "jdk.incubator.vector";
    /** Set on the relaunched JVM so that a JDK without the module fails instead of relaunching forever. */
    static final String RELAUNCHED = "quantbench.relaunched";
    /** How often the relaunched JVM checks that its launcher still lives: a cheap look at /proc, 5 times a second. */
    private static final long LAUNCHER_POLL_MILLIS = 200;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return relaunchWithVectorModule(args);
        }
        if (Boolean.getBoolean(RELAUNCHED)) {
            exitWithLauncher();
        }
        if (args.length > 0 && Subcommands.has(args[0])) {
            return Subcommands.run(args[0], Arrays.copyOfRange(args, 1, args.length));
        }
        return Subcommands.run("run", args);
    }

    /**
     * In the relaunched JVM: when the launcher dies (even by SIGKILL, which runs no shutdown hook), end this JVM and
     * the benchmark forks it started too, so that killing the process the user started stops the sweep.
     */
    private static void exitWithLauncher() {
        ProcessHandle.current().parent().ifPresent(launcher -> {
            // The launcher is gone the moment this JVM has another parent (the kernel re-parents orphans at once),
            // while launcher.onExit() and isAlive() see a killed launcher alive until its own parent reaps it, which
            // may take seconds: long enough for the sweep to run on into another step.
            Thread watch = new Thread(() -> {
                while (ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) == launcher.pid()) {
                    try {
                        Thread.sleep(LAUNCHER_POLL_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
                Runtime.getRuntime().halt(137);
            }, "quantbench-launcher-watch");
            watch.setDaemon(true);
            watch.start();
        });
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
