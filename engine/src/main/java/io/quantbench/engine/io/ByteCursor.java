package io.quantbench.engine.io;

import java.nio.ByteBuffer;

/**
 * Reads little-endian values one after another from a {@link ByteSource}, checking each read against the
 * end of the file first. Every problem becomes a {@link FileFormatException} that names the file and the
 * offset where the value starts, so a truncated or corrupt file gives a clear error, never an
 * exception from deep inside a buffer.
 */
public final class ByteCursor {

    private final ByteSource source;
    private long position;
    /** A buffer over [windowStart, windowEnd) of the source, re-sliced when a read runs past its end. */
    private ByteBuffer window;
    private long windowStart;
    private long windowEnd;

    public ByteCursor(ByteSource source, long position) {
        this.source = source;
        this.position = position;
    }

    public long position() {
        return position;
    }

    public long remaining() {
        return source.size() - position;
    }

    public String file() {
        return source.name();
    }

    public FileFormatException error(long offset, String message) {
        return new FileFormatException(source.name(), offset, message);
    }

    /** Makes the next {@code n} bytes readable from {@link #window}; fails if the file ends before them. */
    private int at(int n, String what) throws FileFormatException {
        if (n > remaining()) {
            throw error(position, "file ends after " + remaining() + " more bytes, but " + what + " needs " + n
                    + " (file is " + source.size() + " bytes: truncated?)");
        }
        if (window == null || position < windowStart || position + n > windowEnd) {
            int length = (int) Math.min(source.maxSpan(), remaining());
            if (n > length) {
                throw error(position, what + " of " + n + " bytes is longer than this reader handles (" + length + ")");
            }
            window = source.slice(position, length);
            windowStart = position;
            windowEnd = position + length;
        }
        int at = (int) (position - windowStart);
        position += n;
        return at;
    }

    public int u8(String what) throws FileFormatException {
        int i = at(1, what);
        return window.get(i) & 0xFF;
    }

    public short i16(String what) throws FileFormatException {
        int i = at(2, what);
        return window.getShort(i);
    }

    public int i32(String what) throws FileFormatException {
        int i = at(4, what);
        return window.getInt(i);
    }

    public long i64(String what) throws FileFormatException {
        int i = at(8, what);
        return window.getLong(i);
    }

    public float f32(String what) throws FileFormatException {
        int i = at(4, what);
        return window.getFloat(i);
    }

    public double f64(String what) throws FileFormatException {
        int i = at(8, what);
        return window.getDouble(i);
    }

    /**
     * A count or length stored as an unsigned 64-bit value, checked so that {@code count} items of at least
     * {@code minItemBytes} bytes each still fit in the rest of the file: an absurd count is caught here,
     * before anything is allocated for it.
     */
    public long count(String what, long minItemBytes) throws FileFormatException {
        long start = position;
        long count = i64(what);
        return checkCount(start, count, what, minItemBytes);
    }

    /** As {@link #count}, for a count stored as an unsigned 32-bit value. */
    public long count32(String what, long minItemBytes) throws FileFormatException {
        long start = position;
        long count = Integer.toUnsignedLong(i32(what));
        return checkCount(start, count, what, minItemBytes);
    }

    private long checkCount(long start, long count, String what, long minItemBytes) throws FileFormatException {
        if (count < 0 || (minItemBytes > 0 && count > remaining() / minItemBytes)) {
            throw error(start, what + " is " + Long.toUnsignedString(count) + ", but only " + remaining()
                    + " bytes follow" + (minItemBytes > 0 ? " and each needs at least " + minItemBytes : "")
                    + " (file is " + source.size() + " bytes: truncated or corrupt?)");
        }
        return count;
    }

    /** {@code length} bytes of UTF-8, which must be valid. */
    public String utf8(long length, String what) throws FileFormatException {
        long start = position;
        if (length > Integer.MAX_VALUE - 8) {
            throw error(start, what + " of " + length + " bytes is too long");
        }
        int at = at((int) length, what);
        return Utf8.decode(window.duplicate().position(at).limit(at + (int) length), source.name(), start, what);
    }

    /** A GGUF string: a u64 byte length, then that many bytes of UTF-8. */
    public String ggufString(String what, long maxLength) throws FileFormatException {
        long start = position;
        long length = count(what + " length", 1);
        if (length > maxLength) {
            throw error(start, what + " is " + length + " bytes long; at most " + maxLength + " are allowed");
        }
        return utf8(length, what);
    }

    /** Raw bytes. */
    public byte[] bytes(int length, String what) throws FileFormatException {
        int at = at(length, what);
        byte[] out = new byte[length];
        window.get(at, out);
        return out;
    }

    public void skip(long n, String what) throws FileFormatException {
        if (n < 0 || n > remaining()) {
            throw error(position, "file ends after " + remaining() + " more bytes, but " + what + " needs " + n);
        }
        position += n;
    }
}
