package io.quantbench.engine.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding: invalid bytes are a {@link FileFormatException} at the offset of the first bad byte. */
public final class Utf8 {

    private Utf8() {
    }

    /**
     * Decodes all of {@code bytes}.
     *
     * @param source the file (or "standard input") errors name
     * @param baseOffset the offset of {@code bytes}' first byte in that source
     * @param what what the bytes are, for the message ("name of tensor 3")
     */
    public static String decode(ByteBuffer bytes, String source, long baseOffset, String what) throws FileFormatException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int start = bytes.position();
        CharBuffer chars = CharBuffer.allocate(bytes.remaining());
        CoderResult result = decoder.decode(bytes, chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            throw new FileFormatException(source, baseOffset + bytes.position() - start, what + " is not valid UTF-8 (bytes "
                    + hex(bytes, result.length()) + ")");
        }
        return chars.flip().toString();
    }

    private static String hex(ByteBuffer bytes, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length && bytes.position() + i < bytes.limit(); i++) {
            b.append(i == 0 ? "" : " ").append(String.format("%02x", bytes.get(bytes.position() + i) & 0xFF));
        }
        return b.toString();
    }
}
