package io.quantbench.engine.eval;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a text file of one segment per line the way sacreBLEU's command line does
 * ({@code open(file, encoding="utf-8", newline="\n")}, iterated by line): lines end at "\n" only, so a
 * "\r" stays in its line (and is whitespace to the metrics); a final "\n" does not start an empty line;
 * the bytes must be valid UTF-8.
 */
public final class TextLines {

    private TextLines() {
    }

    /** The lines of {@code file}, without their "\n". */
    public static List<String> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);       // UTF-8 never has fewer bytes than UTF-16 units
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new IOException(file + ": not valid UTF-8 at byte offset " + in.position());
        }
        out.flip();
        String text = out.toString();
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            lines.add(text.substring(start, end));
            start = end + 1;
        }
        return lines;
    }
}
