package io.quantbench.notebooks;

import java.util.List;
import java.util.stream.Collectors;

/** The little Markdown the notebook's text cells need: escaped text and pipe tables. */
final class Markdown {

    private Markdown() {
    }

    /**
     * Text that renders as itself: a backslash before each character Markdown or its inline HTML would
     * act on (CommonMark lets any ASCII punctuation be escaped so), and line breaks as spaces so that
     * table rows stay whole.
     */
    static String text(String s) {
        return s.replaceAll("([\\\\`*_\\[\\]<>|&#~])", "\\\\$1").replaceAll("[\\r\\n]+", " ");
    }

    /** A table: the first row is the header; cells are escaped here. */
    static String table(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder(row(header));
        out.append(header.stream().map(h -> "---").collect(Collectors.joining("|", "|", "|\n")));
        rows.forEach(r -> out.append(row(r)));
        return out.toString();
    }

    private static String row(List<String> cells) {
        return cells.stream().map(Markdown::text).collect(Collectors.joining(" | ", "| ", " |\n"));
    }
}
