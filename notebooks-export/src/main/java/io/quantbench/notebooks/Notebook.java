package io.quantbench.notebooks;

import java.util.List;

/**
 * The notebook as this module writes it (a subset of nbformat 4.5): markdown cells, and code cells whose
 * outputs, until the reader runs them, are the report's plots. {@link NotebookJson} turns it into JSON.
 */
record Notebook(List<Cell> cells) {

    Notebook {
        cells = List.copyOf(cells);
    }

    /** A cell; {@code id} is unique in the notebook and fits nbformat's pattern (see {@link CellIds}). */
    sealed interface Cell permits Markdown, Code {
        String id();

        String source();
    }

    record Markdown(String id, String source) implements Cell {
    }

    /** A code cell that has not been run ({@code execution_count} null), showing {@code outputs}. */
    record Code(String id, String source, List<Image> outputs) implements Cell {
        Code {
            outputs = List.copyOf(outputs);
        }
    }

    /**
     * A {@code display_data} output: a PNG, the size to show it at (CSS pixels), and a plain-text
     * alternative for front ends that show no images.
     */
    record Image(PngImage png, String text) {
    }
}
