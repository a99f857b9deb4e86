package io.quantbench.engine.io;

import java.io.IOException;

/**
 * A checkpoint or tokenizer file that does not hold what its format promises: truncated, a wrong magic,
 * an absurd count, an offset past the end, an unknown type, a shape that does not match, invalid UTF-8.
 * The message always names the file and where in it (a byte offset, or a metadata key or tensor name)
 * the problem was found, and what was expected there.
 */
public class FileFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final long offset;

    /** A problem found at byte {@code offset} of {@code file}. */
    public FileFormatException(String file, long offset, String message) {
        super(file + ": at byte offset " + offset + ": " + message);
        this.file = file;
        this.offset = offset;
    }

    /** A problem found in a named place of {@code file} (a metadata key, a tensor, a JSON field), not at one offset. */
    public FileFormatException(String file, String where, String message) {
        super(file + ": " + where + ": " + message);
        this.file = file;
        this.offset = -1;
    }

    /** The file, as given when it was opened. */
    public String file() {
        return file;
    }

    /** The byte offset of the problem, or -1 when it is named by a key or tensor instead. */
    public long offset() {
        return offset;
    }
}
