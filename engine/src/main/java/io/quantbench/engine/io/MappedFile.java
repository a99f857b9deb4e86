package io.quantbench.engine.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A file mapped into memory read-only, of any size. A Java buffer holds at most 2 GiB, so a large file is
 * mapped as several windows: window {@code i} starts at {@code i * step} and runs {@code span} bytes past the
 * next window's start. Any range of up to {@code span} bytes therefore lies whole inside one window, and a
 * reader gets it as one buffer, however the file is cut. Tensors larger than that are read piece by piece
 * (rows, or runs of blocks), never as one buffer.
 *
 * <p>The pages are the operating system's: opening a 4 GiB checkpoint costs address space, not heap.
 */
public final class MappedFile implements ByteSource {

    /** Distance between window starts. */
    static final long DEFAULT_STEP = 1L << 30;
    /** Overlap of consecutive windows, and so the longest range one {@link #slice} returns. */
    static final int DEFAULT_SPAN = 1 << 26;

    private final String name;
    private final long size;
    private final long step;
    private final int span;
    private final MappedByteBuffer[] windows;
    private volatile boolean closed;

    private MappedFile(String name, long size, long step, int span, MappedByteBuffer[] windows) {
        this.name = name;
        this.size = size;
        this.step = step;
        this.span = span;
        this.windows = windows;
    }

    /** Maps {@code path} read-only. */
    public static MappedFile open(Path path) throws IOException {
        return open(path, DEFAULT_STEP, DEFAULT_SPAN);
    }

    /** Maps with a chosen window step and overlap; tests use small ones to cross window boundaries in small files. */
    static MappedFile open(Path path, long step, int span) throws IOException {
        if (step <= 0 || span <= 0 || step + span > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("window step " + step + " + span " + span + " must be positive and fit in 2 GiB");
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            int count = (int) ((size + step - 1) / step);
            MappedByteBuffer[] windows = new MappedByteBuffer[count];
            for (int i = 0; i < count; i++) {
                long start = i * step;
                long length = Math.min(size - start, step + span);
                windows[i] = channel.map(FileChannel.MapMode.READ_ONLY, start, length);
            }
            return new MappedFile(path.toString(), size, step, span, windows);
        }
    }

    /** What a format reader does with the mapped file; it owns the file if it returns normally. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(MappedFile file) throws IOException;
    }

    /** Maps {@code path} and parses it, unmapping it again if parsing fails. */
    static <T> T parse(Path path, Parser<T> parser) throws IOException {
        MappedFile file = open(path);
        try {
            return parser.parse(file);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int maxSpan() {
        return span;
    }

    @Override
    public ByteBuffer slice(long position, int length) {
        Objects.checkFromIndexSize(position, length, size);
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
        if (length == 0) {
            return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
        }
        if (length > span) {
            throw new IndexOutOfBoundsException("range of " + length + " bytes is longer than the " + span + "-byte window overlap");
        }
        int window = (int) (position / step);
        int at = (int) (position - window * step);
        return windows[window].slice(at, length).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The mappings are released when the buffers are collected (Java 17 has no public unmap). */
    @Override
    public void close() {
        closed = true;
    }
}
