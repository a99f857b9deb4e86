package io.quantbench.jmh.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What {@code analyze} and {@code export-notebook} do before they read results. */
final class ResultInputs {

    private ResultInputs() {
    }

    /**
     * Draws charts off-screen (on a machine with a display AWT must not try to open it) and rejects a
     * missing input as bad usage before anything is read or written.
     */
    static void check(List<Path> inputs) {
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                throw new Subcommands.UsageException(input + ": no such file or folder");
            }
        }
    }
}
