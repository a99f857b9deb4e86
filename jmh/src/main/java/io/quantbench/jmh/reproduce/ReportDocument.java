package io.quantbench.jmh.reproduce;

import io.quantbench.analysis.AtomicFiles;
import io.quantbench.analysis.table.Table;
import io.quantbench.analysis.table.TableFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The reproduction report as a list of blocks (headings, paragraphs, tables, verbatim text, links), written once as
 * Markdown and once as a self-contained HTML page, so that the two always say the same thing. Tables are the analysis
 * module's ({@link Table}), so intervals are written as everywhere else: "estimate [low, high]".
 */
final class ReportDocument {

    private interface Block {
        String markdown();

        String html();
    }

    private final List<Block> blocks = new ArrayList<>();

    ReportDocument heading(int level, String text) {
        blocks.add(new Block() {
            public String markdown() {
                return "#".repeat(level) + " " + text + "\n\n";
            }

            public String html() {
                return "<h" + level + ">" + escape(text) + "</h" + level + ">\n";
            }
        });
        return this;
    }

    ReportDocument paragraph(String text) {
        blocks.add(new Block() {
            public String markdown() {
                return text + "\n\n";
            }

            public String html() {
                return "<p>" + escape(text) + "</p>\n";
            }
        });
        return this;
    }

    /** A table with its title as a heading of level 3 and its note below it. */
    ReportDocument table(Table table) {
        blocks.add(new Block() {
            public String markdown() {
                return "#" + TableFiles.markdown(table) + "\n";           // the analysis writes "## title": one level deeper here
            }

            public String html() {
                StringBuilder out = new StringBuilder("<h3>").append(escape(table.title())).append("</h3>\n");
                if (!table.note().isEmpty()) {
                    out.append("<p class=\"note\">").append(escape(table.note())).append("</p>\n");
                }
                out.append("<table>\n<tr>");
                table.columns().forEach(c -> out.append("<th>").append(escape(c.label())).append("</th>"));
                out.append("</tr>\n");
                for (List<Object> row : table.rows()) {
                    out.append("<tr>");
                    for (int i = 0; i < row.size(); i++) {
                        out.append(table.columns().get(i).isNumeric() ? "<td class=\"num\">" : "<td>")
                                .append(escape(Table.text(row.get(i)))).append("</td>");
                    }
                    out.append("</tr>\n");
                }
                return out.append("</table>\n").toString();
            }
        });
        return this;
    }

    /** Text shown as it is (generated continuations, plans). */
    ReportDocument verbatim(String text) {
        blocks.add(new Block() {
            public String markdown() {
                return "```\n" + text + "\n```\n\n";
            }

            public String html() {
                return "<pre>" + escape(text) + "</pre>\n";
            }
        });
        return this;
    }

    /** A link to a file relative to the report. */
    ReportDocument link(String text, String relativePath) {
        blocks.add(new Block() {
            public String markdown() {
                return "[" + text + "](" + relativePath + ")\n\n";
            }

            public String html() {
                return "<p><a href=\"" + escape(relativePath) + "\">" + escape(text) + "</a></p>\n";
            }
        });
        return this;
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        blocks.forEach(b -> out.append(b.markdown()));
        return out.toString();
    }

    String html(String title) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:70em;margin:2em auto;line-height:1.4}")
                .append("table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border:1px solid #ccc;padding:0.2em 0.5em}")
                .append("td.num{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f3f3}")
                .append("pre{background:#f7f7f7;padding:0.6em;white-space:pre-wrap}p.note{color:#555;font-size:0.9em}\n")
                .append("</style>\n</head>\n<body>\n");
        blocks.forEach(b -> out.append(b.html()));
        return out.append("</body>\n</html>\n").toString();
    }

    /** Writes {@code <name>.md} and {@code <name>.html} into {@code dir}, each through a temporary file. */
    List<Path> write(Path dir, String name, String title) {
        Path md = dir.resolve(name + ".md");
        Path html = dir.resolve(name + ".html");
        AtomicFiles.writeString(md, markdown());
        AtomicFiles.writeString(html, html(title));
        return List.of(md, html);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
