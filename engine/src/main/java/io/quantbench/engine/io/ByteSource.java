package io.quantbench.engine.io;

import java.io.Closeable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Read-only random access to the bytes of a file: a memory-mapped file ({@link MappedFile}) or, for tests
 * and small files, an array. Readers check every offset against {@link #size()} before they ask for it,
 * so {@link #slice} is only ever called for ranges inside the source.
 */
public interface ByteSource extends Closeable {

    /** The name errors use: the file's path. */
    String name();

    /** Length in bytes. */
    long size();

    /** The longest range {@link #slice} can return in one buffer. */
    int maxSpan();

    /**
     * A little-endian view of bytes {@code [position, position + length)}, indexed from 0.
     *
     * @throws IndexOutOfBoundsException if the range is not inside the source or longer than {@link #maxSpan()}
     */
    ByteBuffer slice(long position, int length);

    /** Bytes {@code [position, position + length)} copied into an array, read in pieces of at most {@link #maxSpan()}. */
    default byte[] read(long position, int length) {
        byte[] out = new byte[length];
        for (int done = 0; done < length; ) {
            int n = Math.min(maxSpan(), length - done);
            slice(position + done, n).get(0, out, done, n);
            done += n;
        }
        return out;
    }

    @Override
    default void close() {
    }

    /** A source over an array (no copy). */
    static ByteSource of(String name, byte[] bytes) {
        Objects.requireNonNull(bytes);
        return new ByteSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public int maxSpan() {
                return Integer.MAX_VALUE;
            }

            @Override
            public ByteBuffer slice(long position, int length) {
                Objects.checkFromIndexSize(position, length, bytes.length);
                return ByteBuffer.wrap(bytes, (int) position, length).slice().order(ByteOrder.LITTLE_ENDIAN);
            }
        };
    }
}
