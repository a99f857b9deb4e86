package io.quantbench.analysis;

import io.quantbench.engine.io.AtomicWrite;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Every output file of the analysis is written atomically ({@link AtomicWrite}: a temporary file in the
 * same folder, renamed over the target), so a reader (a browser, the next analysis, a crashed run) never
 * sees a half-written file; failures become {@link AnalysisException}s naming the file.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Writes what {@code content} produces to {@code target}, atomically. */
    public static void write(Path target, Content content) {
        try {
            AtomicWrite.writeStream(target, content::writeTo);
        } catch (IOException e) {
            throw new AnalysisException(target + ": cannot write: " + e.getMessage(), e);
        }
    }

    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Produces a file's bytes. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }
}
