package io.quantbench.jmh.runner;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantbench.jmh.cli.Subcommands.UsageException;
import org.openjdk.jmh.runner.options.ProfilerConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * async-profiler with no set-up: {@code --flamegraph}, or a plain {@code -prof async}, gets the native library
 * that travels inside benchmarks.jar (from the {@code tools.profiler:async-profiler} artifact: {@code linux-x64/}
 * and {@code linux-arm64/libasyncProfiler.so}), unpacked once per library version into the temp folder, and JMH's
 * async profiler gets {@code libPath} (JMH does not find the library in a jar itself), {@code event=cpu}, and a
 * folder per step under {@code profiles/<run>/}. Options the user gave win, except the output folder's layout:
 * every step has its own folder and every fork its own subfolder ({@link ForkProfiles}).
 */
final class AsyncProfilerSetup {

    private static final String LIBRARY = "libasyncProfiler.so";
    private static final String JMH_ASYNC_CLASS = "org.openjdk.jmh.profile.AsyncProfiler";

    private AsyncProfilerSetup() {
    }

    /** Whether a {@code -prof} is JMH's async-profiler integration. */
    static boolean isAsync(ProfilerConfig p) {
        return p.getKlass().equals("async") || p.getKlass().equals(JMH_ASYNC_CLASS);
    }

    /**
     * The artifact's folder for a machine: {@code linux-x64} or {@code linux-arm64}.
     *
     * @throws UsageException on any other OS or CPU, naming the ones that work
     */
    static String platform(String osName, String osArch) {
        if (osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            switch (osArch) {
                case "amd64":
                case "x86_64":
                    return "linux-x64";
                case "aarch64":
                case "arm64":
                    return "linux-arm64";
                default:
                    break;
            }
        }
        throw new UsageException("async-profiler (--flamegraph, -prof async) is bundled for Linux on x64 and arm64;"
                + " this is " + osName + " on " + osArch + ". Install async-profiler and pass -prof async:libPath=<path>");
    }

    /**
     * Unpacks this machine's library from the jar (once: the folder is named after the bytes' hash, so runs of
     * different versions never share a file and a half-written file is never used).
     */
    static Path unpack() throws IOException {
        String resource = "/" + platform(System.getProperty("os.name"), System.getProperty("os.arch")) + "/" + LIBRARY;
        byte[] bytes;
        try (InputStream in = AsyncProfilerSetup.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from the jar (it comes from tools.profiler:async-profiler)");
            }
            bytes = in.readAllBytes();
        }
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "quantbench-async-profiler", sha256(bytes).substring(0, 16), LIBRARY);
        if (!Files.isRegularFile(target) || Files.size(target) != bytes.length) {
            ResultsFolder.writeBytes(target, bytes);
        }
        return target.toAbsolutePath();
    }

    /** The async-profiler version in the jar, from its Maven metadata. */
    static String version() {
        Properties p = new Properties();
        try (InputStream in = AsyncProfilerSetup.class.getResourceAsStream("/META-INF/maven/tools.profiler/async-profiler/pom.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // unknown
        }
        return p.getProperty("version", "unknown");
    }

    /**
     * The profilers of one step: the user's, with async-profiler completed ({@code libPath}, {@code event=cpu},
     * {@code output=flamegraph} unless the user chose outputs, to which {@code flamegraph} adds flame graphs;
     * {@code dir} below {@code stepDir}) and
     * followed by {@link ForkProfiles}. With {@code flamegraph} and no {@code -prof async}, one is added.
     *
     * @param stepDir the step's folder: {@code profiles/<run>/<step>/}, or under the user's own {@code dir}
     */
    static List<ProfilerConfig> forStep(List<ProfilerConfig> user, boolean flamegraph, Path library, Path stepDir) {
        List<ProfilerConfig> out = new ArrayList<>();
        boolean async = false;
        for (ProfilerConfig p : user) {
            if (isAsync(p) && !async) {
                out.add(completed(parseOptions(p.getOpts()), flamegraph, library, stepDir));
                async = true;
            } else if (!isAsync(p)) {
                out.add(p);
            }
        }
        if (flamegraph && !async) {
            out.add(completed(new LinkedHashMap<>(), true, library, stepDir));
            async = true;
        }
        if (async) {
            out.add(new ProfilerConfig(ForkProfiles.class.getName(),
                    "from=" + incoming(stepDir) + ";to=" + stepDir.toAbsolutePath()));
        }
        return out;
    }

    /** Whether the user's {@code -prof async} chose an output folder of its own (then steps go below it). */
    static Path userDir(List<ProfilerConfig> user) {
        return user.stream().filter(AsyncProfilerSetup::isAsync).map(p -> parseOptions(p.getOpts()).get("dir"))
                .filter(d -> d != null).map(Path::of).findFirst().orElse(null);
    }

    private static ProfilerConfig completed(Map<String, String> options, boolean flamegraph, Path library, Path stepDir) {
        options.putIfAbsent("libPath", library.toString());
        options.putIfAbsent("event", "cpu");
        String output = options.get("output");
        if (output == null) {
            // JMH's default is a text summary; flame graphs are what profiles/<run>/ is for, with or without --flamegraph.
            options.put("output", "flamegraph");
        } else if (flamegraph && !List.of(output.split(",")).contains("flamegraph")) {
            options.put("output", output + ",flamegraph");
        }
        options.put("dir", incoming(stepDir).toString());
        return new ProfilerConfig("async", options.entrySet().stream()
                .map(e -> e.getValue() == null ? e.getKey() : e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";")));
    }

    /** Where the running fork writes; {@link ForkProfiles} moves it to {@code fork-<n>/} after the fork. */
    private static Path incoming(Path stepDir) {
        return stepDir.toAbsolutePath().resolve(".incoming");
    }

    /** JMH profiler options, {@code key=value;key;...}, in order. */
    static Map<String, String> parseOptions(String line) {
        Map<String, String> options = new LinkedHashMap<>();
        if (line == null) {
            return options;
        }
        for (String part : line.split(";")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            options.put(eq < 0 ? part : part.substring(0, eq), eq < 0 ? null : part.substring(eq + 1));
        }
        return options;
    }

    /**
     * What {@link ForkProfiles} recorded for each fork of a step, counted by engine, into {@code profiler}
     * ({@code engines: {perf_events: 4}}, with the first evidence of each engine).
     */
    static void recordEngines(Path stepDir, ObjectNode profiler) throws IOException {
        if (!Files.isDirectory(stepDir)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> forks = Files.list(stepDir)) {
            files = forks.map(f -> f.resolve(ForkProfiles.ENGINE_FILE)).filter(Files::isRegularFile).sorted()
                    .collect(Collectors.toList());
        }
        ObjectNode engines = profiler.has("engines") ? (ObjectNode) profiler.get("engines") : profiler.putObject("engines");
        ObjectNode evidence = profiler.has("evidence") ? (ObjectNode) profiler.get("evidence") : profiler.putObject("evidence");
        for (Path f : files) {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(f)));
            String engine = p.getProperty("engine", "unknown");
            engines.put(engine, engines.path(engine).asInt() + 1);
            if (!evidence.has(engine)) {
                evidence.put(engine, p.getProperty("evidence", ""));
            }
        }
    }

    /** The {@code profiler} object of env.json before any fork ran. */
    static ObjectNode describe(Path library, List<ProfilerConfig> stepProfilers) {
        ObjectNode profiler = JsonNodeFactory.instance.objectNode();
        profiler.put("asyncProfilerVersion", version());
        profiler.put("library", library.toString());
        stepProfilers.stream().filter(AsyncProfilerSetup::isAsync).findFirst()
                .ifPresent(p -> profiler.put("options", p.getOpts().replaceAll(";dir=[^;]*", "")));
        profiler.put("note", "engines: which engine sampled event=cpu in each profiled fork, as seen from inside the"
                + " fork (perf_event descriptors, POSIX timers); async-profiler falls back silently when perf_events are"
                + " not allowed");
        return profiler;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
