package io.quantbench.jmh.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantbench.jmh.cli.Subcommands.UsageException;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.options.Options;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Everything a sweep will run, decided before anything runs: the list of steps, each one benchmark method at one
 * combination of params under one JVM, with its JMH settings. Each step is one JMH run with its own result file,
 * which is what makes a sweep resumable: a killed sweep loses at most the step in flight.
 *
 * <p>Which benchmarks: without a benchmark regex on the command line, the profile's entries; with one, every
 * benchmark it matches, each with the profile's params and settings where the profile has an entry for it and
 * its annotations' where not. Params: the command line's {@code -p}, else the entry's, else the annotation's.
 * Settings: the command line's, else the entry's, else the profile's, else the annotation's. With several JVMs
 * every configuration runs under each JVM in turn (interleaved rather than JVM after JVM, so that drift of the
 * machine over the sweep does not masquerade as a JDK difference).
 *
 * @param profile    the profile's name
 * @param flamegraph whether every step runs under async-profiler with flame graph output
 * @param jmhArgs    the JMH options as typed (kept for {@code --resume}, which runs with the same options)
 * @param jvms       the {@code java} executables of {@code --jvm}; empty: the runner's own JVM
 */
public record SweepPlan(String profile, boolean flamegraph, List<String> jmhArgs, List<String> jvms, List<Step> steps) {

    /**
     * One JMH run.
     *
     * @param name      unique and file-name safe: {@code 0007-MatMulBenchmark.multiply-shape=2560x6912-...}; names
     *                  the result file and the flame graph folder
     * @param benchmark JMH's full name, {@code io.quantbench.jmh.MatMulBenchmark.multiply}
     * @param params    one value for every {@code @Param} of the benchmark
     * @param settings  forks and iterations, every field set
     * @param jvm       index into {@link SweepPlan#jvms}, or -1 for the runner's own JVM
     */
    public record Step(String name, String benchmark, Map<String, String> params, Settings settings, int jvm) {

        /** {@code MatMulBenchmark.multiply}. */
        public String shortName() {
            String[] parts = benchmark.split("\\.");
            return parts[parts.length - 2] + "." + parts[parts.length - 1];
        }

        /** For people: {@code MatMulBenchmark.multiply shape=2560x6912 (bitnet-2b4t ffn_down) tokens=1 ...}. */
        public String label() {
            String ps = params.entrySet().stream().map(e -> e.getKey() + "=" + ParamDomains.describe(e.getKey(), e.getValue()))
                    .collect(Collectors.joining(" "));
            return shortName() + (ps.isEmpty() ? "" : " " + ps) + (jvm >= 0 ? " on jvm #" + (jvm + 1) : "");
        }
    }

    /**
     * Plans a sweep.
     *
     * @param jmh the JMH options of the command line (regexes, excludes, {@code -p}, settings)
     * @throws UsageException for a regex that matches nothing, a param no selected benchmark has, or a value that
     *                        is not valid for its param: each message lists what is valid
     */
    static SweepPlan build(Profile profile, JmhArgs jmh, List<String> jvms, boolean flamegraph, BenchmarkCatalog catalog) {
        Options user = jmh.options();
        List<Selection> selected = select(profile, user, catalog);
        checkUserParams(jmh.paramNames(), selected);
        List<Step> steps = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Selection s : selected) {
            Settings settings = Settings.of(user).over(s.entry.settings()).over(profile.settings())
                    .over(Settings.of(s.benchmark));
            for (Map<String, String> combo : combinations(axes(s, user))) {
                ParamDomains.checkCombination(combo);
                if (!seen.add(s.benchmark.getUsername() + new TreeMap<>(combo))) {
                    continue;                            // two entries (in any param order) asked for the same configuration
                }
                for (int jvm = jvms.isEmpty() ? -1 : 0; jvm < jvms.size(); jvm++) {
                    steps.add(new Step(name(steps.size() + 1, s.benchmark, combo, jvms.size() > 1 ? jvm : -1),
                            s.benchmark.getUsername(), combo, settings, jvm));
                }
            }
        }
        return new SweepPlan(profile.name(), flamegraph, jmh.args(), List.copyOf(jvms), List.copyOf(steps));
    }

    /** A benchmark with the profile entry that configures it (a bare entry when the profile has none). */
    private record Selection(Profile.Entry entry, BenchmarkListEntry benchmark) {
    }

    private static List<Selection> select(Profile profile, Options user, BenchmarkCatalog catalog) {
        List<String> excludes = user.getExcludes();
        List<BenchmarkListEntry> wanted;
        if (user.getIncludes().isEmpty()) {
            wanted = catalog.matching(List.of(".*"), excludes);
        } else {
            wanted = catalog.matching(user.getIncludes(), excludes);
            if (wanted.isEmpty()) {
                throw new UsageException("no benchmark matches " + String.join(", ", user.getIncludes())
                        + (excludes.isEmpty() ? "" : " (excluding " + String.join(", ", excludes) + ")")
                        + "; benchmarks: " + catalog.names());
            }
        }
        List<Selection> selected = new ArrayList<>();
        Set<BenchmarkListEntry> covered = new HashSet<>();
        for (Profile.Entry entry : profile.entries()) {
            List<BenchmarkListEntry> named = catalog.named(entry.benchmark());
            if (named.isEmpty()) {
                throw new IllegalStateException("profile " + profile.name() + " names " + entry.benchmark()
                        + ", which is not a benchmark of this jar; benchmarks: " + catalog.names());
            }
            for (BenchmarkListEntry b : named) {
                if (wanted.contains(b)) {
                    selected.add(new Selection(entry, b));
                    covered.add(b);
                }
            }
        }
        if (!user.getIncludes().isEmpty()) {
            for (BenchmarkListEntry b : wanted) {
                if (!covered.contains(b)) {
                    selected.add(new Selection(new Profile.Entry(BenchmarkCatalog.shortName(b), "", Map.of(), Settings.NONE), b));
                }
            }
        }
        if (selected.isEmpty()) {
            throw new UsageException("the excludes " + String.join(", ", excludes) + " leave nothing of profile " + profile.name());
        }
        return selected;
    }

    /** A {@code -p name=...} that no selected benchmark has is a typo, not something to ignore silently. */
    private static void checkUserParams(List<String> names, List<Selection> selected) {
        Set<String> known = new LinkedHashSet<>();
        selected.forEach(s -> known.addAll(BenchmarkCatalog.params(s.benchmark).keySet()));
        for (String name : names) {
            if (!known.contains(name)) {
                throw new UsageException("-p " + name + ": no benchmark of this sweep has a parameter '" + name + "'; "
                        + (known.isEmpty() ? "they have none" : "parameters: " + String.join(", ", known)));
            }
        }
    }

    /** The benchmark's axes in loop order (the entry's order, then the rest), each with its checked values. */
    private static Map<String, List<String>> axes(Selection s, Options user) {
        Map<String, String[]> annotated = BenchmarkCatalog.params(s.benchmark);
        List<String> order = new ArrayList<>();
        s.entry.params().keySet().forEach(p -> {
            if (!annotated.containsKey(p)) {
                throw new IllegalStateException("profile entry " + s.entry.benchmark() + " sets '" + p + "', which "
                        + BenchmarkCatalog.shortName(s.benchmark) + " does not have; its parameters: "
                        + String.join(", ", annotated.keySet()));
            }
            order.add(p);
        });
        annotated.keySet().stream().filter(p -> !order.contains(p)).forEach(order::add);
        Map<String, List<String>> axes = new LinkedHashMap<>();
        for (String p : order) {
            Collection<String> given = user.getParameter(p).orElse(null);
            List<String> values = given != null ? new ArrayList<>(given)
                    : s.entry.params().containsKey(p) ? s.entry.params().get(p) : Arrays.asList(annotated.get(p));
            values = ParamDomains.expand(p, values);
            if (values.isEmpty()) {
                throw new UsageException(BenchmarkCatalog.shortName(s.benchmark) + " has no default values for '" + p
                        + "': give them with -p " + p + "=<v1>,<v2>");
            }
            values.forEach(v -> ParamDomains.check(p, v));
            axes.put(p, values);
        }
        return axes;
    }

    /** Every combination of the axes' values, the last axis varying fastest. */
    static List<Map<String, String>> combinations(Map<String, List<String>> axes) {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> axis : axes.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out) {
                for (String v : axis.getValue()) {
                    Map<String, String> m = new LinkedHashMap<>(partial);
                    m.put(axis.getKey(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    /** @param jvm the JVM's index when there are several (the name tells them apart), else -1 */
    private static String name(int number, BenchmarkListEntry b, Map<String, String> params, int jvm) {
        StringBuilder name = new StringBuilder(String.format("%04d-%s", number, BenchmarkCatalog.shortName(b)));
        params.forEach((k, v) -> name.append('-').append(k).append('=').append(v));
        if (jvm >= 0) {
            name.append("-jvm").append(jvm + 1);
        }
        return name.toString().replaceAll("[^A-Za-z0-9._=-]", "_");
    }

    // ----- sweep.json ---------------------------------------------------------------------------------------------

    ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("profile", profile);
        root.put("flamegraph", flamegraph);
        ArrayNode args = root.putArray("jmhArgs");
        jmhArgs.forEach(args::add);
        ArrayNode jvmList = root.putArray("jvms");
        jvms.forEach(jvmList::add);
        ArrayNode stepList = root.putArray("steps");
        for (Step s : steps) {
            ObjectNode n = stepList.addObject();
            n.put("name", s.name());
            n.put("benchmark", s.benchmark());
            ObjectNode ps = n.putObject("params");
            s.params().forEach(ps::put);
            n.set("settings", s.settings().toJson());
            n.put("jvm", s.jvm());
        }
        return root;
    }

    static SweepPlan fromJson(JsonNode root) {
        List<String> args = new ArrayList<>();
        root.path("jmhArgs").forEach(a -> args.add(a.asText()));
        List<String> jvms = new ArrayList<>();
        root.path("jvms").forEach(j -> jvms.add(j.asText()));
        List<Step> steps = new ArrayList<>();
        for (JsonNode n : root.path("steps")) {
            Map<String, String> params = new LinkedHashMap<>();
            n.path("params").properties().forEach(p -> params.put(p.getKey(), p.getValue().asText()));
            steps.add(new Step(n.path("name").asText(), n.path("benchmark").asText(), params,
                    Settings.fromJson(n.path("settings"), "step " + n.path("name").asText()), n.path("jvm").asInt(-1)));
        }
        return new SweepPlan(root.path("profile").asText(), root.path("flamegraph").asBoolean(), List.copyOf(args),
                List.copyOf(jvms), List.copyOf(steps));
    }
}
