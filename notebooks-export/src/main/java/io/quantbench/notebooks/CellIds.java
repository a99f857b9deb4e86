package io.quantbench.notebooks;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Cell ids for one notebook. nbformat 4.5 requires 1–64 characters of {@code [a-zA-Z0-9-_]}, unique within
 * the notebook. Ours are made from what a cell shows ({@code speedups}, {@code sweep-generatebenchmark}),
 * not drawn at random as Jupyter does, so the same inputs give the same notebook and two exports diff cell
 * by cell.
 */
final class CellIds {

    static final int MAX_LENGTH = 64;
    /** Room left for a "-NNN" counter after a truncated name. */
    private static final int BASE_LENGTH = MAX_LENGTH - 8;

    private final Set<String> used = new HashSet<>();

    /** An unused id from {@code label}: lower case, runs of other characters as one '-', then "-2", "-3"… if taken. */
    String next(String label) {
        String base = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (base.length() > BASE_LENGTH) {
            base = base.substring(0, BASE_LENGTH).replaceAll("-+$", "");
        }
        if (base.isEmpty()) {
            base = "cell";
        }
        String id = base;
        for (int n = 2; !used.add(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }
}
