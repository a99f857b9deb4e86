package io.quantbench.jmh.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantbench.jmh.cli.Subcommands.UsageException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named sweep: which benchmarks to run, at which params, with which JMH settings. The profiles are data, in
 * {@code profiles.json} beside this class (its {@code "about"} says how entries combine), so that a new benchmark
 * slots in without code.
 *
 * @param settings what the whole profile asks of JMH (entries may say more)
 * @param entries  the benchmarks, in the order they run
 */
public record Profile(String name, String description, Settings settings, List<Entry> entries) {

    public static final String DEFAULT = "default";
    private static final String RESOURCE = "profiles.json";

    /**
     * One benchmark of a profile.
     *
     * @param benchmark a simple class name ({@code MatMulBenchmark}) or class and method ({@code AttentionBenchmark.decode})
     * @param why       what the entry measures and why it is in the profile
     * @param params    values of some of the benchmark's {@code @Param} axes, in loop order (outermost first)
     * @param settings  settings stronger than the profile's
     */
    public record Entry(String benchmark, String why, Map<String, List<String>> params, Settings settings) {
    }

    /** Every profile, in the file's order. */
    public static Map<String, Profile> all() {
        try (InputStream in = Profile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** The profile called {@code name}, or a usage error that lists the valid names. */
    public static Profile named(String name) {
        Map<String, Profile> all = all();
        Profile p = all.get(name);
        if (p == null) {
            throw new UsageException("unknown profile '" + name + "'; valid profiles: " + String.join(", ", all.keySet()));
        }
        return p;
    }

    static Map<String, Profile> parse(JsonNode root) {
        Map<String, Profile> profiles = new LinkedHashMap<>();
        JsonNode all = root.path("profiles");
        for (Map.Entry<String, JsonNode> p : all.properties()) {
            String where = RESOURCE + ": profile " + p.getKey();
            List<Entry> entries = new ArrayList<>();
            for (JsonNode e : p.getValue().path("benchmarks")) {
                String benchmark = e.path("benchmark").asText();
                entries.add(new Entry(benchmark, e.path("why").asText(), params(e.path("params")),
                        Settings.fromJson(e.get("settings"), where + ", " + benchmark)));
            }
            profiles.put(p.getKey(), new Profile(p.getKey(), p.getValue().path("description").asText(),
                    Settings.fromJson(p.getValue().get("settings"), where), List.copyOf(entries)));
        }
        return Collections.unmodifiableMap(profiles);
    }

    private static Map<String, List<String>> params(JsonNode node) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> param : node.properties()) {
            List<String> values = new ArrayList<>();
            param.getValue().forEach(v -> values.add(v.asText()));
            params.put(param.getKey(), List.copyOf(values));
        }
        return Collections.unmodifiableMap(params);
    }
}
