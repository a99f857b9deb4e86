package io.quantbench.jmh.cli;

import io.quantbench.jmh.runner.RunCommand;
import picocli.CommandLine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The subcommands of {@code benchmarks.jar} (DESIGN.md, "Command line"). Each is a picocli {@code @Command} class
 * implementing {@code Callable<Integer>} (in this package, except {@code run}, which lives with the runner); adding
 * one is one line in {@link #REGISTRY}.
 *
 * <p>Exit codes: what the command returns (0 success, 1 failure); 2 for bad usage, with picocli's
 * message and the command's usage (which lists valid values).
 */
public final class Subcommands {

    private static final Map<String, Supplier<Callable<Integer>>> REGISTRY = new LinkedHashMap<>();

    static {
        // name -> command; keep in the order of DESIGN.md's table.
        REGISTRY.put("run", RunCommand::new);
        REGISTRY.put("analyze", AnalyzeCommand::new);
        REGISTRY.put("export-notebook", ExportNotebookCommand::new);
        REGISTRY.put("generate", GenerateCommand::new);
        REGISTRY.put("inspect", InspectCommand::new);
        REGISTRY.put("tokenize", TokenizeCommand::new);
        REGISTRY.put("score", ScoreCommand::new);
        REGISTRY.put("reproduce", ReproduceCommand::new);
    }

    private Subcommands() {
    }

    public static boolean has(String name) {
        return REGISTRY.containsKey(name);
    }

    public static Iterable<String> names() {
        return REGISTRY.keySet();
    }

    /** Runs subcommand {@code name} with {@code args}, returning its exit code. */
    public static int run(String name, String[] args) {
        CommandLine commandLine = new CommandLine(REGISTRY.get(name).get());
        commandLine.setCommandName(name);
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof UsageException) {
                cmd.getErr().println("error: " + e.getMessage());
                cmd.usage(cmd.getErr());
                return 2;
            }
            cmd.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        return commandLine.execute(args);
    }

    /** Thrown by a command for input that is wrong in a way the option parser cannot see (exit code 2). */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }
}
