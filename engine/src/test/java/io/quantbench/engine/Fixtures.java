package io.quantbench.engine;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The shared data fixtures ({@code ../shared/data} beside the checkout, see its PROVENANCE.md). They are
 * never copied into the project. A test that needs one is skipped when the folder is absent, but fails
 * when the environment variable {@code CI} is set, so CI always runs it.
 *
 * <p>Other modules use this class through the engine's test jar.
 */
public final class Fixtures {

    /** Environment variable or system property naming the data folder explicitly. */
    public static final String DATA_VARIABLE = "QUANTBENCH_DATA";

    private Fixtures() {
    }

    /** The data folder, or null when none is found. Tests run in a module folder, so parents are searched. */
    public static Path dataDir() {
        String explicit = System.getProperty(DATA_VARIABLE, System.getenv(DATA_VARIABLE));
        if (explicit != null && !explicit.isBlank()) {
            return Paths.get(explicit);
        }
        Path dir = Paths.get("").toAbsolutePath();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * The fixture file at {@code relative} (e.g. {@code "tinyllama-llama2c/stories260K.bin"}). Skips the
     * calling test when it is missing, or fails it when {@code CI} is set.
     */
    public static Path require(String relative) {
        Path dir = dataDir();
        Path file = dir == null ? null : dir.resolve(relative);
        if (file == null || !Files.exists(file)) {
            String message = "fixture " + relative + " not found (looked for ../shared/data; set " + DATA_VARIABLE
                    + " to point elsewhere)";
            if (System.getenv("CI") != null) {
                Assertions.fail(message + "; CI is set, so fixture tests must run");
            }
            Assumptions.abort(message);
        }
        return file;
    }
}
