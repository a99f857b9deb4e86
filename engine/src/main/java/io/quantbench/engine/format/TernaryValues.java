package io.quantbench.engine.format;

/** What every TERNARY layout answers: each weight's value in {-1, 0, 1} and the tensor scale. */
public interface TernaryValues {

    /** The ternary value (-1, 0 or 1) of row {@code r}, column {@code c}. */
    int value(int r, int c);

    /** The tensor scale: weight = value * scale. */
    float scale();
}
