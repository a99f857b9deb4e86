package io.quantbench.engine.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextLinesTest {

    @TempDir
    Path directory;

    /** Python's newline="\n" iteration: "a\r\nb\n\nc" is the lines "a\r", "b", "", "c"; a final "\n" adds no line. */
    @Test
    void splitsOnNewlineOnly() throws IOException {
        assertEquals(List.of("a\r", "b", "", "c"), read("a\r\nb\n\nc"));
        assertEquals(List.of("a", "b"), read("a\nb\n"));
        assertEquals(List.of(), read(""));
        assertEquals(List.of(""), read("\n"));
        assertEquals(List.of("zahăr ţ"), read("zahăr ţ\n"));
    }

    @Test
    void invalidUtf8NamesTheFileAndOffset() throws IOException {
        Path file = directory.resolve("bad.txt");
        Files.write(file, new byte[] {'o', 'k', '\n', (byte) 0xC3, '(', '\n'});
        IOException e = assertThrows(IOException.class, () -> TextLines.read(file));
        assertTrue(e.getMessage().contains("bad.txt") && e.getMessage().contains("byte offset 3"), e.getMessage());
    }

    private List<String> read(String text) throws IOException {
        Path file = directory.resolve("lines.txt");
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        return TextLines.read(file);
    }
}
