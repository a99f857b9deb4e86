package io.quantbench.analysis.table;

import io.quantbench.analysis.AtomicFiles;
import io.quantbench.analysis.stats.Interval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Writes a {@link Table} as Markdown, CSV (RFC 4180) and LaTeX ({@code booktabs}). */
public final class TableFiles {

    private TableFiles() {
    }

    /** Writes {@code <dir>/<name>.md}, {@code .csv} and {@code .tex}; returns the three paths. */
    public static List<Path> write(Table table, Path dir) {
        Path md = dir.resolve(table.name() + ".md");
        Path csv = dir.resolve(table.name() + ".csv");
        Path tex = dir.resolve(table.name() + ".tex");
        AtomicFiles.writeString(md, markdown(table));
        AtomicFiles.writeString(csv, csv(table));
        AtomicFiles.writeString(tex, latex(table));
        return List.of(md, csv, tex);
    }

    public static String markdown(Table table) {
        StringBuilder out = new StringBuilder("## ").append(table.title()).append("\n\n");
        if (!table.note().isEmpty()) {
            out.append(table.note()).append("\n\n");
        }
        out.append(table.columns().stream().map(c -> markdownCell(c.label())).collect(Collectors.joining(" | ", "| ", " |\n")));
        out.append(table.columns().stream().map(c -> c.isNumeric() ? "---:" : "---")
                .collect(Collectors.joining(" | ", "| ", " |\n")));
        for (List<Object> row : table.rows()) {
            out.append(row.stream().map(cell -> markdownCell(Table.text(cell))).collect(Collectors.joining(" | ", "| ", " |\n")));
        }
        return out.toString();
    }

    private static String markdownCell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** Interval columns become three: the estimate and the bounds, as plain numbers with full precision. */
    public static String csv(Table table) {
        List<String> header = new ArrayList<>();
        for (Table.Column c : table.columns()) {
            header.add(c.label());
            if (c.kind() == Table.Column.Kind.INTERVAL) {
                header.add(c.heading() + " low" + (c.unit().isEmpty() ? "" : " (" + c.unit() + ")"));
                header.add(c.heading() + " high" + (c.unit().isEmpty() ? "" : " (" + c.unit() + ")"));
            }
        }
        StringBuilder out = new StringBuilder(header.stream().map(TableFiles::csvField).collect(Collectors.joining(","))).append("\r\n");
        for (List<Object> row : table.rows()) {
            List<String> fields = new ArrayList<>();
            for (Object cell : row) {
                if (cell instanceof Interval) {
                    Interval i = (Interval) cell;
                    fields.add(csvNumber(i.estimate()));
                    fields.add(csvNumber(i.low()));
                    fields.add(csvNumber(i.high()));
                } else if (cell instanceof Double) {
                    fields.add(csvNumber((Double) cell));
                } else {
                    fields.add(csvField(String.valueOf(cell)));
                }
            }
            out.append(String.join(",", fields)).append("\r\n");
        }
        return out.toString();
    }

    /** Full precision; empty for unknown (NaN), "Infinity" for unbounded. */
    private static String csvNumber(double v) {
        return Double.isNaN(v) ? "" : Double.isInfinite(v) ? (v > 0 ? "Infinity" : "-Infinity") : Double.toString(v);
    }

    private static String csvField(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    /** A {@code table} environment with a {@code tabular} ruled by booktabs; needs {@code \\usepackage{booktabs}}. */
    public static String latex(Table table) {
        String align = table.columns().stream().map(c -> c.isNumeric() ? "r" : "l").collect(Collectors.joining());
        StringBuilder out = new StringBuilder("% requires \\usepackage{booktabs}\n\\begin{table}[htbp]\n\\centering\n\\small\n");
        out.append("\\caption{").append(latexEscape(table.title())).append("}\n");
        out.append("\\label{tab:").append(table.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")).append("}\n");
        out.append("\\begin{tabular}{").append(align).append("}\n\\toprule\n");
        out.append(table.columns().stream().map(c -> latexEscape(c.label())).collect(Collectors.joining(" & "))).append(" \\\\\n\\midrule\n");
        for (List<Object> row : table.rows()) {
            out.append(row.stream().map(cell -> latexEscape(Table.text(cell))).collect(Collectors.joining(" & "))).append(" \\\\\n");
        }
        out.append("\\bottomrule\n\\end{tabular}\n");
        if (!table.note().isEmpty()) {
            out.append("\\par\\smallskip\\footnotesize ").append(latexEscape(table.note())).append("\n");
        }
        return out.append("\\end{table}\n").toString();
    }

    /** Escapes LaTeX's special characters and spells the non-ASCII symbols the tables use. */
    static String latexEscape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\': out.append("\\textbackslash{}"); break;
                case '&': case '%': case '$': case '#': case '_': case '{': case '}': out.append('\\').append(c); break;
                case '~': out.append("\\textasciitilde{}"); break;
                case '^': out.append("\\textasciicircum{}"); break;
                case '×': out.append("$\\times$"); break;
                case '±': out.append("$\\pm$"); break;
                case '−': out.append("$-$"); break;
                case '–': out.append("--"); break;
                case '—': out.append("---"); break;
                case '∞': out.append("$\\infty$"); break;
                case 'µ': case 'μ': out.append("\\textmu{}"); break;
                case '≥': out.append("$\\geq$"); break;
                case '≤': out.append("$\\leq$"); break;
                case '<': out.append("$<$"); break;
                case '>': out.append("$>$"); break;
                case 'ρ': out.append("$\\rho$"); break;
                case 'δ': out.append("$\\delta$"); break;
                case '÷': out.append("$\\div$"); break;
                case '·': out.append("$\\cdot$"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }
}
