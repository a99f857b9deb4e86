package io.quantbench.analysis.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantbench.analysis.AnalysisException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON that JMH writes with {@code -rf json}, from JMH 1.21 on (STATISTICS.md §2): an array of
 * entries, one per benchmark and parameter combination. It copes with what varies between versions and
 * modes: {@code params} absent for benchmarks without {@code @Param}; NaN and infinities written as the
 * strings {@code "NaN"}, {@code "+INF"}, {@code "-INF"}; secondary metric names prefixed with U+00B7
 * (JMH ≤ 1.36); {@code rawDataHistogram} instead of {@code rawData} in sample mode; no raw data at all
 * with {@code -Djmh.json.rawData=false}.
 */
public final class JmhResultReader {

    private static final String MIDDLE_DOT = "\u00b7";

    private JmhResultReader() {
    }

    /** The entries of one JMH JSON file. */
    public static List<Measurement> read(Path file) {
        JsonNode root = JsonFiles.read(file);
        if (!root.isArray()) {
            throw new AnalysisException(file + ": expected a JSON array of benchmark entries (JMH -rf json), found "
                    + JsonFiles.kind(root));
        }
        if (root.isEmpty()) {
            throw new AnalysisException(file + ": the JMH result array is empty (no benchmark finished?)");
        }
        List<Measurement> measurements = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            measurements.add(new Entry(file, i, root.get(i)).measurement());
        }
        return measurements;
    }

    /** One entry being read; knows where it is so that every message can say so. */
    private static final class Entry {
        private final Path file;
        private final int index;
        private final JsonNode node;
        private String benchmark = "?";

        Entry(Path file, int index, JsonNode node) {
            this.file = file;
            this.index = index;
            this.node = node;
        }

        Measurement measurement() {
            if (!node.isObject()) {
                throw error("", "expected an object, found " + JsonFiles.kind(node));
            }
            benchmark = text(node, "benchmark", true);
            String mode = text(node, "mode", true);
            JsonNode primary = object(node, "primaryMetric");
            MetricUnit unit = MetricUnit.parse(text(primary, "scoreUnit", true));
            double[][] forks = primaryForks(primary);
            Map<String, SecondaryMetric> secondary = secondaryMetrics();
            return new Measurement(benchmark, mode, unit, params(), jvm(), settings(), forks,
                    number(primary.get("score"), "primaryMetric.score"),
                    primary.has("scoreError") ? number(primary.get("scoreError"), "primaryMetric.scoreError") : Double.NaN,
                    secondary, file + " entry " + index);
        }

        private Map<String, String> params() {
            Map<String, String> params = new LinkedHashMap<>();
            JsonNode node = this.node.get("params");
            if (node == null || node.isNull()) {
                return Collections.emptyMap();
            }
            if (!node.isObject()) {
                throw error("params", "expected an object of name: value, found " + JsonFiles.kind(node));
            }
            for (Map.Entry<String, JsonNode> p : node.properties()) {
                params.put(p.getKey(), p.getValue().asText());
            }
            return Collections.unmodifiableMap(params);
        }

        private JvmInfo jvm() {
            List<String> args = new ArrayList<>();
            JsonNode jvmArgs = node.get("jvmArgs");
            if (jvmArgs != null && jvmArgs.isArray()) {
                jvmArgs.forEach(a -> args.add(a.asText()));
            }
            return new JvmInfo(text(node, "jvm", false), List.copyOf(args), text(node, "jdkVersion", false),
                    text(node, "vmName", false), text(node, "vmVersion", false));
        }

        private Measurement.JmhSettings settings() {
            return new Measurement.JmhSettings(text(node, "jmhVersion", false), node.path("threads").asInt(1),
                    node.path("forks").asInt(0), node.path("warmupIterations").asInt(0), text(node, "warmupTime", false),
                    node.path("measurementIterations").asInt(0), text(node, "measurementTime", false));
        }

        /** [fork][iteration] of the primary metric; sample mode's histograms become iteration means. */
        private double[][] primaryForks(JsonNode primary) {
            if (primary.has("rawDataHistogram")) {
                return histogramMeans(primary.get("rawDataHistogram"));
            }
            if (!primary.has("rawData")) {
                return new double[0][];
            }
            double[][] forks = matrix(primary.get("rawData"), "primaryMetric.rawData");
            for (int f = 0; f < forks.length; f++) {
                for (int i = 0; i < forks[f].length; i++) {
                    if (!Double.isFinite(forks[f][i])) {
                        throw error("primaryMetric.rawData[" + f + "][" + i + "]", "expected a finite number, found " + forks[f][i]);
                    }
                }
            }
            return forks;
        }

        private double[][] histogramMeans(JsonNode histogram) {
            String field = "primaryMetric.rawDataHistogram";
            requireArray(histogram, field);
            double[][] forks = new double[histogram.size()][];
            for (int f = 0; f < forks.length; f++) {
                JsonNode iterations = requireArray(histogram.get(f), field + "[" + f + "]");
                List<Double> means = new ArrayList<>();
                for (int i = 0; i < iterations.size(); i++) {
                    String where = field + "[" + f + "][" + i + "]";
                    JsonNode bins = requireArray(iterations.get(i), where);
                    double sum = 0;
                    double count = 0;
                    for (int b = 0; b < bins.size(); b++) {
                        JsonNode bin = requireArray(bins.get(b), where + "[" + b + "]");
                        if (bin.size() != 2) {
                            throw error(where + "[" + b + "]", "expected [value, count], found " + bin.size() + " elements");
                        }
                        double value = number(bin.get(0), where + "[" + b + "][0]");
                        double n = number(bin.get(1), where + "[" + b + "][1]");
                        sum += value * n;
                        count += n;
                    }
                    if (count > 0) {
                        means.add(sum / count);
                    }
                }
                forks[f] = means.stream().mapToDouble(Double::doubleValue).toArray();
            }
            return forks;
        }

        private Map<String, SecondaryMetric> secondaryMetrics() {
            Map<String, SecondaryMetric> metrics = new LinkedHashMap<>();
            JsonNode node = this.node.get("secondaryMetrics");
            if (node == null || !node.isObject()) {
                return Collections.emptyMap();
            }
            for (Map.Entry<String, JsonNode> m : node.properties()) {
                String name = m.getKey().startsWith(MIDDLE_DOT) ? m.getKey().substring(1) : m.getKey();
                JsonNode metric = m.getValue();
                String where = "secondaryMetrics." + m.getKey();
                double[][] forks = metric.has("rawData") ? matrix(metric.get("rawData"), where + ".rawData") : new double[0][];
                metrics.put(name, new SecondaryMetric(name, text(metric, "scoreUnit", false),
                        metric.has("score") ? number(metric.get("score"), where + ".score") : Double.NaN, forks));
            }
            return Collections.unmodifiableMap(metrics);
        }

        private double[][] matrix(JsonNode node, String field) {
            requireArray(node, field);
            double[][] rows = new double[node.size()][];
            for (int r = 0; r < rows.length; r++) {
                JsonNode row = requireArray(node.get(r), field + "[" + r + "]");
                rows[r] = new double[row.size()];
                for (int c = 0; c < row.size(); c++) {
                    rows[r][c] = number(row.get(c), field + "[" + r + "][" + c + "]");
                }
            }
            return rows;
        }

        private JsonNode object(JsonNode parent, String field) {
            JsonNode child = parent.get(field);
            if (child == null || !child.isObject()) {
                throw error(field, child == null ? "missing" : "expected an object, found " + JsonFiles.kind(child));
            }
            return child;
        }

        private JsonNode requireArray(JsonNode node, String field) {
            if (node == null || !node.isArray()) {
                throw error(field, "expected an array, found " + JsonFiles.kind(node));
            }
            return node;
        }

        private String text(JsonNode parent, String field, boolean required) {
            JsonNode child = parent.get(field);
            if (child == null || child.isNull()) {
                if (required) {
                    throw error(field, "missing");
                }
                return "";
            }
            if (!child.isValueNode()) {
                throw error(field, "expected a string, found " + JsonFiles.kind(child));
            }
            return child.asText();
        }

        /** A JSON number, or one of the strings JMH writes for non-finite values. */
        private double number(JsonNode node, String field) {
            if (node != null && node.isNumber()) {
                return node.doubleValue();
            }
            if (node != null && node.isTextual()) {
                switch (node.asText()) {
                    case "NaN":
                        return Double.NaN;
                    case "+INF":
                    case "INF":
                    case "Infinity":
                    case "+Infinity":
                        return Double.POSITIVE_INFINITY;
                    case "-INF":
                    case "-Infinity":
                        return Double.NEGATIVE_INFINITY;
                    default:
                        break;
                }
            }
            throw error(field, node == null ? "missing" : "expected a number, found " + JsonFiles.kind(node));
        }

        private AnalysisException error(String field, String what) {
            String place = "entry " + index + (benchmark.equals("?") ? "" : " (" + benchmark + ")");
            return new AnalysisException(file + ": " + place + (field.isEmpty() ? "" : ", " + field) + ": " + what);
        }
    }
}
