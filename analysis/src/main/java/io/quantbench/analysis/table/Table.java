package io.quantbench.analysis.table;

import io.quantbench.analysis.stats.Interval;

import java.util.ArrayList;
import java.util.List;

/**
 * A table as the report and the Markdown, CSV and LaTeX files show it. A column is either text or an
 * interval with a unit; interval cells are written "estimate [low, high]" (the unit in the header), and
 * in CSV as three numeric columns so that the numbers can be read back.
 *
 * @param name  the file name stem, e.g. {@code speedups}
 * @param title the heading
 * @param note  what the columns mean, how the intervals were computed
 */
public record Table(String name, String title, String note, List<Column> columns, List<List<Object>> rows) {

    /** A column: its heading and, for intervals and numbers, their unit ("" for none). */
    public record Column(String heading, String unit, Kind kind) {

        /** VERDICT is text the report shows as a coloured badge. */
        public enum Kind { TEXT, NUMBER, INTERVAL, VERDICT }

        public static Column text(String heading) {
            return new Column(heading, "", Kind.TEXT);
        }

        public static Column number(String heading, String unit) {
            return new Column(heading, unit, Kind.NUMBER);
        }

        public static Column interval(String heading, String unit) {
            return new Column(heading, unit, Kind.INTERVAL);
        }

        public static Column verdict(String heading) {
            return new Column(heading, "", Kind.VERDICT);
        }

        /** Whether the cells are numbers (right-aligned) rather than words. */
        public boolean isNumeric() {
            return kind == Kind.NUMBER || kind == Kind.INTERVAL;
        }

        /** The heading with its unit in parentheses when it has one. */
        public String label() {
            return unit.isEmpty() ? heading : heading + " (" + unit + ")";
        }
    }

    /** Builds a table row by row; each row's cells are Strings (text), Doubles (numbers) or Intervals. */
    public static final class Builder {
        private final String name;
        private final String title;
        private final String note;
        private final List<Column> columns = new ArrayList<>();
        private final List<List<Object>> rows = new ArrayList<>();

        public Builder(String name, String title, String note) {
            this.name = name;
            this.title = title;
            this.note = note;
        }

        public Builder column(Column c) {
            columns.add(c);
            return this;
        }

        public Builder row(Object... cells) {
            if (cells.length != columns.size()) {
                throw new IllegalArgumentException(name + ": a row of " + cells.length + " cells for " + columns.size() + " columns");
            }
            for (int i = 0; i < cells.length; i++) {
                Column.Kind kind = columns.get(i).kind();
                Object cell = cells[i];
                boolean fits = kind == Column.Kind.NUMBER ? cell instanceof Double
                        : kind == Column.Kind.INTERVAL ? cell instanceof Interval : cell instanceof String;
                if (!fits) {
                    throw new IllegalArgumentException(name + ": column '" + columns.get(i).heading() + "' expects "
                            + kind + ", got " + cell);
                }
            }
            rows.add(List.of(cells));
            return this;
        }

        public Table build() {
            return new Table(name, title, note, List.copyOf(columns), List.copyOf(rows));
        }
    }

    /** A cell as display text (Markdown, LaTeX, HTML). */
    public static String text(Object cell) {
        if (cell instanceof Interval) {
            return Numbers.interval((Interval) cell);
        }
        if (cell instanceof Double) {
            return Numbers.format((Double) cell);
        }
        return String.valueOf(cell);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
