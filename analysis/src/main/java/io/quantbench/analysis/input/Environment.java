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
 * The machine a run was measured on, from the runner's {@code env.json} (CPU, cores, governor, JDK,
 * vector width, kernel, thermal state, profiler engine...). The analysis does not depend on its keys: it
 * shows them all, nested objects flattened to dotted names. Results folders written before the runner
 * wrote env.json, and plain JMH files, have none: {@link #absent()}.
 */
public record Environment(Map<String, String> entries, Path file) {

    public static final String FILE_NAME = "env.json";

    public static Environment absent() {
        return new Environment(Collections.emptyMap(), null);
    }

    public boolean isPresent() {
        return file != null;
    }

    public static Environment read(Path file) {
        JsonNode root = JsonFiles.read(file);
        if (!root.isObject()) {
            throw new AnalysisException(file + ": expected a JSON object of environment facts, found " + JsonFiles.kind(root));
        }
        Map<String, String> entries = new LinkedHashMap<>();
        flatten("", root, entries);
        return new Environment(Collections.unmodifiableMap(entries), file);
    }

    /** The first present value among {@code keys}, or "" — e.g. a CPU model under whichever name the runner chose. */
    public String first(String... keys) {
        for (String key : keys) {
            String value = entries.get(key);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return "";
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), into);
            }
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            boolean scalars = true;
            for (JsonNode item : node) {
                scalars &= item.isValueNode();
                items.add(item.asText());
            }
            if (scalars) {
                into.put(prefix, String.join(", ", items));
            } else {
                for (int i = 0; i < node.size(); i++) {
                    flatten(prefix + "[" + i + "]", node.get(i), into);
                }
            }
        } else {
            into.put(prefix, node.isNull() ? "" : node.asText());
        }
    }
}
