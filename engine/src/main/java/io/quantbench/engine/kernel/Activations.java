package io.quantbench.engine.kernel;

/**
 * The activations of one call, prepared by {@link MatMulKernel#prepare} in the form the kernel reads,
 * plus small per-thread scratch. Allocated once ({@link MatMulKernel#newActivations}) and reused, so
 * that a decode loop allocates nothing per token.
 */
public abstract class Activations {

    protected final int cols;
    protected final int maxTokens;
    /** Tokens prepared by the last {@code prepare} call. */
    protected int tokens;

    protected Activations(int cols, int maxTokens) {
        if (cols <= 0 || maxTokens <= 0) {
            throw new IllegalArgumentException("activations need positive cols and tokens, got " + cols + " and " + maxTokens);
        }
        this.cols = cols;
        this.maxTokens = maxTokens;
    }

    public final int cols() {
        return cols;
    }

    public final int tokens() {
        return tokens;
    }

    public final int maxTokens() {
        return maxTokens;
    }

    /** Checks a prepare call against the buffer's capacity and records the token count. */
    final void begin(float[] x, int n) {
        if (n <= 0 || n > maxTokens) {
            throw new IllegalArgumentException(n + " tokens do not fit activations sized for 1.." + maxTokens);
        }
        if (x.length < (long) n * cols) {
            throw new IllegalArgumentException(n + " tokens of " + cols + " values need " + (long) n * cols
                    + " floats, the input holds " + x.length);
        }
        tokens = n;
    }

    /** Checks a multiply call: the matrix width matches and y can hold every token's rows. */
    final void check(int matrixCols, int matrixRows, float[] y) {
        if (matrixCols != cols) {
            throw new IllegalArgumentException("matrix has " + matrixCols + " columns but the activations have " + cols);
        }
        if (y.length < (long) tokens * matrixRows) {
            throw new IllegalArgumentException("output holds " + y.length + " floats; " + tokens + " tokens x "
                    + matrixRows + " rows need " + (long) tokens * matrixRows);
        }
    }
}
