package io.quantbench.jmh;

/** A matrix shape written {@code MxK}: M rows (output features) by K columns (input features). */
public final class Shape {

    public final int rows;
    public final int cols;

    private Shape(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
    }

    /** Parses {@code "2560x6912"}; the error names what was wrong. */
    public static Shape parse(String text) {
        String[] parts = text.trim().toLowerCase(java.util.Locale.ROOT).split("x");
        if (parts.length != 2) {
            throw new IllegalArgumentException("shape '" + text + "' is not of the form MxK, e.g. 2560x6912");
        }
        try {
            int rows = Integer.parseInt(parts[0]);
            int cols = Integer.parseInt(parts[1]);
            if (rows <= 0 || cols <= 0) {
                throw new IllegalArgumentException("shape '" + text + "' must have positive dimensions");
            }
            return new Shape(rows, cols);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shape '" + text + "' is not of the form MxK, e.g. 2560x6912");
        }
    }

    public long elements() {
        return (long) rows * cols;
    }

    @Override
    public String toString() {
        return rows + "x" + cols;
    }
}
