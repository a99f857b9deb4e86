package io.quantbench.analysis;

/**
 * Input the analysis cannot use: a missing path, malformed JSON, a results folder without results. The
 * message names the file (and where in it) and what was wrong, so it can be shown to the user as is.
 */
public class AnalysisException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AnalysisException(String message) {
        super(message);
    }

    public AnalysisException(String message, Throwable cause) {
        super(message, cause);
    }
}
