package io.quantbench.jmh.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs a subcommand (or anything that returns an exit code) in this JVM with standard input, output and error captured. */
public final class CliRun {

    public final int exitCode;
    public final String out;
    public final String err;

    private CliRun(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    static CliRun run(String command, String... args) {
        return withInput(new byte[0], command, args);
    }

    static CliRun withInput(byte[] stdin, String command, String... args) {
        return capture(stdin, () -> Subcommands.run(command, args));
    }

    /** Runs {@code program} with {@code stdin} as standard input and returns its exit code and output. */
    public static CliRun capture(byte[] stdin, java.util.function.IntSupplier program) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        InputStream in = System.in;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        System.setIn(new ByteArrayInputStream(stdin));
        int code;
        try {
            code = program.getAsInt();
        } finally {
            System.setOut(out);
            System.setErr(err);
            System.setIn(in);
        }
        return new CliRun(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
