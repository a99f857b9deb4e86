package io.quantbench.engine.format;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The weight formats a linear layer can be stored in. Each has one class that defines its layout
 * ({@link F32Matrix}, {@link Int8Matrix}, {@link Int4Matrix}, {@link TernaryMatrix}).
 */
public enum WeightFormat {
    /** float32 weights, float32 activations. */
    F32("float32", 32),
    /** int8 weights in blocks of 32 with one float16 scale each; activations int8 in blocks of 32 (like ggml Q8_0 x Q8_0). */
    INT8("int8, blocks of 32, float16 scale per block", 32),
    /** signed 4-bit weights in blocks of 32 with one float16 scale each; activations int8 in blocks of 32 (like ggml Q4_0 x Q8_0). */
    INT4("int4, blocks of 32, float16 scale per block", 32),
    /** BitNet b1.58: weights in {-1, 0, +1} (2 bits) with one float scale per tensor; activations int8 per token (W1.58A8). */
    TERNARY("ternary {-1,0,+1}, 2 bits, one scale per tensor (BitNet b1.58)", TernaryMatrix.BLOCK);

    private final String description;
    private final int columnMultiple;

    WeightFormat(String description, int columnMultiple) {
        this.description = description;
        this.columnMultiple = columnMultiple;
    }

    public String description() {
        return description;
    }

    /**
     * Quantizes a row-major {@code rows x cols} matrix into this format.
     *
     * @throws IllegalArgumentException if the shape does not fit the format or a weight is NaN or infinite
     */
    public QuantizedMatrix quantize(float[] weights, int rows, int cols) {
        switch (this) {
            case F32:
                return F32Matrix.quantize(weights, rows, cols);
            case INT8:
                return Int8Matrix.quantize(weights, rows, cols);
            case INT4:
                return Int4Matrix.quantize(weights, rows, cols);
            case TERNARY:
                return TernaryMatrix.quantize(weights, rows, cols);
            default:
                throw new AssertionError(this);
        }
    }

    /** Bytes this format needs for a {@code rows x cols} matrix, scales included. */
    public long storageBytes(int rows, int cols) {
        switch (this) {
            case F32:
                return 4L * rows * cols;
            case INT8:
                return (long) rows * (cols / Int8Matrix.BLOCK) * (Int8Matrix.BLOCK + 2);
            case INT4:
                return (long) rows * (cols / Int4Matrix.BLOCK) * (Int4Matrix.BLOCK / 2 + 2);
            case TERNARY:
                return (long) rows * TernaryMatrix.rowBytes(cols) + 4;
            default:
                throw new AssertionError(this);
        }
    }

    /** Bits per weight including scales, for a matrix with {@code cols} columns (the padding of TERNARY rows included). */
    public double bitsPerWeight(int rows, int cols) {
        return storageBytes(rows, cols) * 8.0 / ((double) rows * cols);
    }

    /**
     * What the column count must be a multiple of. F32 accepts any; INT8 and INT4 need whole blocks of 32
     * (as ggml does); TERNARY accepts any and pads each row to its 128-value block internally.
     */
    public int requiredColumnMultiple() {
        return this == F32 || this == TERNARY ? 1 : columnMultiple;
    }

    /** Parses a format name (case-insensitive), with an error that lists the valid names. */
    public static WeightFormat parse(String name) {
        for (WeightFormat f : values()) {
            if (f.name().equalsIgnoreCase(name.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown weight format '" + name + "'; valid formats: " + names());
    }

    /** The valid names, comma-separated. */
    public static String names() {
        return Arrays.stream(values()).map(f -> f.name().toUpperCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
