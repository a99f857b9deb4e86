package io.quantbench.notebooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.quantbench.analysis.AtomicFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a {@link Notebook} as nbformat 4.5 JSON, laid out as Jupyter itself saves notebooks (keys sorted,
 * one-space indent, {@code "key": value}, multi-line text as a list of lines), so that opening and saving
 * the notebook unchanged leaves it byte for byte the same.
 */
final class NotebookJson {

    static final int NBFORMAT = 4;
    static final int NBFORMAT_MINOR = 5;

    private static final DefaultIndenter INDENT = new DefaultIndenter(" ", "\n");
    private static final ObjectWriter WRITER = new ObjectMapper().writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("").withArrayEmptySeparator(""))
            .withObjectIndenter(INDENT).withArrayIndenter(INDENT));

    private NotebookJson() {
    }

    static void write(Notebook notebook, Path file) {
        AtomicFiles.writeString(file, text(notebook));
    }

    static String text(Notebook notebook) {
        Map<String, Object> root = new TreeMap<>();
        List<Object> cells = new ArrayList<>();
        notebook.cells().forEach(c -> cells.add(cell(c)));
        root.put("cells", cells);
        root.put("metadata", Map.of(
                "kernelspec", Map.of("display_name", "Python 3 (ipykernel)", "language", "python", "name", "python3"),
                "language_info", Map.of("name", "python")));
        root.put("nbformat", NBFORMAT);
        root.put("nbformat_minor", NBFORMAT_MINOR);
        try {
            return WRITER.writeValueAsString(sorted(root)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings and numbers always serialise", e);
        }
    }

    private static Map<String, Object> cell(Notebook.Cell cell) {
        Map<String, Object> json = new TreeMap<>();
        json.put("id", cell.id());
        json.put("metadata", Map.of());
        json.put("source", lines(cell.source()));
        if (cell instanceof Notebook.Code) {
            json.put("cell_type", "code");
            json.put("execution_count", null);
            List<Object> outputs = new ArrayList<>();
            ((Notebook.Code) cell).outputs().forEach(o -> outputs.add(displayData(o)));
            json.put("outputs", outputs);
        } else {
            json.put("cell_type", "markdown");
        }
        return json;
    }

    /** An image as Jupyter stores one: base64 PNG, a text alternative, the size to show it at. */
    private static Map<String, Object> displayData(Notebook.Image image) {
        return Map.of("output_type", "display_data",
                "data", Map.of("image/png", image.png().base64(), "text/plain", lines(image.text())),
                "metadata", Map.of("image/png", Map.of("width", image.png().width(), "height", image.png().height())));
    }

    /** nbformat's multi-line string: one element per line, each but the last ending in "\n". */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        String trimmed = text.replaceAll("\\n+$", "");
        int start = 0;
        for (int nl = trimmed.indexOf('\n'); nl >= 0; nl = trimmed.indexOf('\n', start)) {
            lines.add(trimmed.substring(start, nl + 1));
            start = nl + 1;
        }
        if (start < trimmed.length()) {
            lines.add(trimmed.substring(start));
        }
        return lines;
    }

    /** The same tree with every map's keys in order (Map.of has none), as Jupyter's json.dumps(sort_keys=True). */
    @SuppressWarnings("unchecked")
    private static Object sorted(Object node) {
        if (node instanceof Map) {
            Map<String, Object> out = new TreeMap<>();
            ((Map<String, Object>) node).forEach((k, v) -> out.put(k, sorted(v)));
            return out;
        }
        if (node instanceof List) {
            List<Object> out = new ArrayList<>();
            ((List<Object>) node).forEach(v -> out.add(sorted(v)));
            return out;
        }
        return node;
    }
}
