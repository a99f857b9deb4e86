package io.quantbench.notebooks;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs our checking scripts (test resources, standard library only) with {@code python3}. pandas cannot be
 * installed where the tests run, so Python's own csv, json and ast modules stand in as an outside reader.
 * Without python3 the test is skipped, but fails when {@code CI} is set, as data fixtures do.
 */
final class Python {

    private Python() {
    }

    /** Runs script {@code name} with {@code args}; fails the test on a non-zero exit; returns its output. */
    static String run(Path workDir, String name, String... args) throws IOException, InterruptedException {
        Path script = workDir.resolve(name);
        try (InputStream in = Python.class.getResourceAsStream(name)) {
            Assertions.assertNotNull(in, "test resource " + name);
            Files.write(script, in.readAllBytes());
        }
        List<String> command = new ArrayList<>(List.of("python3", script.toString()));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            String message = "python3 is not available: " + e.getMessage();
            if (System.getenv("CI") != null) {
                Assertions.fail(message + "; CI is set, so the Python checks must run");
            }
            Assumptions.abort(message);
            throw e;
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            Assertions.fail(name + " did not finish in 60 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        Assertions.assertEquals(0, process.exitValue(), name + " " + String.join(" ", args) + ": " + output);
        return output;
    }
}
