package io.quantbench.notebooks;

import io.quantbench.analysis.AnalysisException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.OptionalDouble;

/**
 * A PNG file read for embedding: its bytes, and its size in CSS pixels. The report's PNGs are drawn at
 * twice the chart's size for sharp high-resolution screens and say so in their pHYs chunk (144 dpi);
 * shown at {@code pixels × 72 / dpi} they have the size the chart was designed for, as in the HTML report.
 */
record PngImage(byte[] bytes, int width, int height) {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final double METRES_PER_INCH = 0.0254;
    private static final double CSS_DPI = 72;

    static PngImage read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AnalysisException(file + ": cannot read the plot: " + e.getMessage(), e);
        }
        return parse(bytes, file.toString());
    }

    /** Checks the signature and the IHDR chunk; reads the resolution from pHYs when present. */
    static PngImage parse(byte[] bytes, String name) {
        if (bytes.length < 33 || !Arrays.equals(Arrays.copyOf(bytes, 8), SIGNATURE)
                || !"IHDR".equals(new String(bytes, 12, 4, StandardCharsets.US_ASCII))) {
            throw new AnalysisException(name + ": not a PNG file (no PNG signature and IHDR chunk)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);            // PNG integers are big-endian, ByteBuffer's default
        int width = buffer.getInt(16);
        int height = buffer.getInt(20);
        if (width <= 0 || height <= 0) {
            throw new AnalysisException(name + ": PNG of " + width + "×" + height + " pixels");
        }
        double scale = CSS_DPI / dotsPerInch(buffer).orElse(CSS_DPI);
        return new PngImage(bytes, (int) Math.round(width * scale), (int) Math.round(height * scale));
    }

    /** Dots per inch from a pHYs chunk in metres, if the file has one before its image data. */
    private static OptionalDouble dotsPerInch(ByteBuffer buffer) {
        int at = 8;
        while (at + 8 <= buffer.limit()) {
            int length = buffer.getInt(at);
            String type = new String(buffer.array(), at + 4, 4, StandardCharsets.US_ASCII);
            if (length < 0 || type.equals("IDAT") || at + 12L + length > buffer.limit()) {
                break;
            }
            if (type.equals("pHYs") && length == 9 && buffer.get(at + 16) == 1 && buffer.getInt(at + 8) > 0) {
                return OptionalDouble.of(buffer.getInt(at + 8) * METRES_PER_INCH);
            }
            at += 12 + length;                                  // length, type, data, CRC
        }
        return OptionalDouble.empty();
    }

    String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
