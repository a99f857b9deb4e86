package io.quantbench.engine.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that it appears whole or not at all: the content goes to a temporary file in the same
 * folder, which is renamed over the target only when every byte is written. A failure part-way leaves
 * no partial output behind. The one home for this in the project: readers, the analysis and the
 * notebook export all write through it.
 *
 * <p>The temporary file is created with the process's default permissions (as any new file), not the
 * owner-only permissions of {@link Files#createTempFile}, so reports can be served and shared.
 */
public final class AtomicWrite {

    /** What writes the content to a channel. */
    @FunctionalInterface
    public interface Content {
        void writeTo(FileChannel out) throws IOException;
    }

    /** What writes the content to a stream. */
    @FunctionalInterface
    public interface StreamContent {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicWrite() {
    }

    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + absolute.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(out);
                out.force(false);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** {@link #write(Path, Content)} for content written to an {@link OutputStream}. */
    public static void writeStream(Path target, StreamContent content) throws IOException {
        write(target, channel -> {
            OutputStream out = Channels.newOutputStream(channel);
            content.writeTo(out);
            out.flush();
        });
    }
}
