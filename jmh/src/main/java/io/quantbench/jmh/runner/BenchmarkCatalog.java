package io.quantbench.jmh.runner;

import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The benchmarks compiled into this jar (JMH's generated {@code META-INF/BenchmarkList}), found by JMH regex
 * (command line) or by simple name (profiles).
 */
final class BenchmarkCatalog {

    private final Map<String, BenchmarkListEntry> byName = new LinkedHashMap<>();

    private BenchmarkCatalog(Iterable<BenchmarkListEntry> entries) {
        for (BenchmarkListEntry e : entries) {
            byName.putIfAbsent(e.getUsername(), e);          // one entry per method, whatever its modes
        }
    }

    static BenchmarkCatalog load() {
        return new BenchmarkCatalog(BenchmarkList.defaultList().getAll(silent(), List.of()));
    }

    /** An output format that prints nothing: the catalog's lookups are not progress to report. */
    static OutputFormat silent() {
        return OutputFormatFactory.createFormatInstance(new PrintStream(OutputStream.nullOutputStream()), VerboseMode.SILENT);
    }

    List<BenchmarkListEntry> all() {
        return List.copyOf(byName.values());
    }

    /** The benchmark with this full JMH name ({@code io.quantbench.jmh.MatMulBenchmark.multiply}), or null. */
    BenchmarkListEntry get(String fullName) {
        return byName.get(fullName);
    }

    /** As JMH selects: a benchmark is in when some include regex is found in its full name and no exclude is. */
    List<BenchmarkListEntry> matching(List<String> includes, List<String> excludes) {
        List<BenchmarkListEntry> out = new ArrayList<>();
        for (BenchmarkListEntry e : byName.values()) {
            if (includes.stream().anyMatch(r -> Pattern.compile(r).matcher(e.getUsername()).find())
                    && excludes.stream().noneMatch(r -> Pattern.compile(r).matcher(e.getUsername()).find())) {
                out.add(e);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The benchmarks a profile entry names: {@code MatMulBenchmark} (every method) or {@code AttentionBenchmark.decode}. */
    List<BenchmarkListEntry> named(String name) {
        List<BenchmarkListEntry> out = new ArrayList<>();
        for (BenchmarkListEntry e : byName.values()) {
            if (shortName(e).equals(name) || simpleClassName(e).equals(name)) {
                out.add(e);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** {@code MatMulBenchmark.multiply}. */
    static String shortName(BenchmarkListEntry e) {
        return simpleClassName(e) + "." + method(e);
    }

    static String simpleClassName(BenchmarkListEntry e) {
        String cls = e.getUserClassQName();
        return cls.substring(cls.lastIndexOf('.') + 1);
    }

    private static String method(BenchmarkListEntry e) {
        return e.getUsername().substring(e.getUsername().lastIndexOf('.') + 1);
    }

    /** The benchmark's {@code @Param} axes with their annotation values, alphabetical as JMH keeps them. */
    static Map<String, String[]> params(BenchmarkListEntry e) {
        return e.getParams().orElse(Collections.emptyMap());
    }

    /** Simple names of every benchmark, for messages. */
    String names() {
        List<String> names = new ArrayList<>();
        byName.values().forEach(e -> names.add(shortName(e)));
        return String.join(", ", names);
    }
}
