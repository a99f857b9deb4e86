package io.quantbench.notebooks;

import io.quantbench.analysis.input.Measurement;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One CSV column per {@code @Param} of any benchmark in the export, in order of first appearance, so that
 * {@code df["format"]} and {@code df["seqLen"]} work as the reader expects. A param named like one of the
 * fixed columns (say a {@code @Param jdk}) becomes {@code param_jdk}, in both CSV files alike.
 */
final class ParamColumns {

    private static final String PREFIX = "param_";

    private final Map<String, String> columnOf = new LinkedHashMap<>();

    /** The columns of every param of {@code measurements}, clear of both CSV files' fixed columns. */
    static ParamColumns of(List<Measurement> measurements) {
        return new ParamColumns(measurements, Csv.columns(TidyCsv.FIXED_COLUMNS, ComparisonsCsv.FIXED_COLUMNS));
    }

    private ParamColumns(List<Measurement> measurements, Collection<String> fixedColumns) {
        Set<String> taken = new HashSet<>(fixedColumns);
        for (Measurement m : measurements) {
            for (String param : m.params().keySet()) {
                if (!columnOf.containsKey(param)) {
                    String column = param;
                    while (!taken.add(column)) {
                        column = PREFIX + column;
                    }
                    columnOf.put(param, column);
                }
            }
        }
    }

    /** The column names, in order. */
    List<String> columns() {
        return List.copyOf(columnOf.values());
    }

    /** A measurement's value in each column, null where it has no such param. */
    List<String> values(Measurement m) {
        return columnOf.keySet().stream().map(p -> m.params().get(p)).collect(Collectors.toList());
    }

    /** The column of a param. */
    String column(String param) {
        String column = columnOf.get(param);
        if (column == null) {
            throw new IllegalArgumentException("no benchmark has a param '" + param + "'");
        }
        return column;
    }

    boolean has(String param) {
        return columnOf.containsKey(param);
    }
}
