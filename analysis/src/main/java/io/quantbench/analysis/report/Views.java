package io.quantbench.analysis.report;

import io.quantbench.analysis.AnalysisException;
import io.quantbench.analysis.plot.Figure;
import io.quantbench.analysis.stats.Verdict;
import io.quantbench.analysis.table.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns tables, figures and files into the plain maps and lists the templates read, with every link
 * relative to the report's folder so that the folder can be moved as a whole.
 */
final class Views {

    private static final Set<String> VERDICT_WORDS = java.util.Arrays.stream(Verdict.values()).map(Verdict::word)
            .collect(Collectors.toSet());

    private Views() {
    }

    /** A table for {@code table.mustache}; {@code files} are its .md/.csv/.tex copies. */
    static Map<String, Object> table(Table table, List<Path> files, Path reportDir) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", "table-" + table.name());
        view.put("title", table.title());
        view.put("note", table.note());
        List<Map<String, Object>> headers = new ArrayList<>();
        for (Table.Column c : table.columns()) {
            headers.add(Map.of("label", c.label(), "numeric", c.isNumeric()));
        }
        view.put("headers", headers);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (List<Object> row : table.rows()) {
            List<Map<String, Object>> cells = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                String text = Table.text(row.get(i));
                Map<String, Object> cell = new LinkedHashMap<>();
                cell.put("text", text);
                Table.Column column = table.columns().get(i);
                cell.put("numeric", column.isNumeric());
                cell.put("verdict", column.kind() == Table.Column.Kind.VERDICT && VERDICT_WORDS.contains(text) ? text : false);
                cells.add(cell);
            }
            rows.add(Map.of("cells", cells));
        }
        view.put("rows", rows);
        view.put("files", files.stream().map(f -> link(f, reportDir, extension(f))).collect(Collectors.toList()));
        return view;
    }

    /** A figure for {@code figure.mustache}, its PNG embedded so the page stands alone. */
    static Map<String, Object> figure(Figure figure, Path reportDir) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("title", figure.title());
        view.put("caption", figure.caption());
        if (!figure.isDrawn()) {
            view.put("problem", figure.problem());
            return view;
        }
        try {
            view.put("dataUri", Base64.getEncoder().encodeToString(Files.readAllBytes(figure.png())));
        } catch (IOException e) {
            throw new AnalysisException(figure.png() + ": cannot read the plot back: " + e.getMessage(), e);
        }
        view.put("pngHref", relative(figure.png(), reportDir));
        view.put("svgHref", relative(figure.svg(), reportDir));
        return view;
    }

    static Map<String, Object> link(Path file, Path reportDir, String label) {
        return Map.of("href", relative(file, reportDir), "label", label);
    }

    /** A link from the report's folder to {@code file}, with forward slashes (a URL, whatever the OS). */
    static String relative(Path file, Path reportDir) {
        Path relative = reportDir.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        List<String> parts = new ArrayList<>();
        relative.forEach(p -> parts.add(encode(p.toString())));
        return String.join("/", parts);
    }

    /** Percent-encodes what a relative URL cannot hold literally (spaces, '#', '?', '%'). */
    private static String encode(String segment) {
        return segment.replace("%", "%25").replace(" ", "%20").replace("#", "%23").replace("?", "%3F");
    }

    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1).toUpperCase(Locale.ROOT);
    }

    /** A table-of-contents entry. */
    static Map<String, Object> tocEntry(String id, String heading) {
        return Map.of("id", id, "heading", heading);
    }
}
