package io.quantbench.jmh.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantbench.engine.kernel.Simd;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.options.Options;

import java.io.File;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Asks a JVM what it is, by running this class in it with the arguments a benchmark fork gets: vendor and version,
 * the vector width the kernels will use there ({@link Simd}), the garbage collector, the JVM arguments. Running it
 * also checks, before a sweep starts, that a {@code --jvm} path is a JDK that can run the benchmarks at all
 * (exists, starts, has {@code jdk.incubator.vector}).
 */
public final class JvmProbe {

    private static final long TIMEOUT_SECONDS = 60;

    private JvmProbe() {
    }

    /** A JVM that cannot run the benchmarks: the message says which and why. */
    static final class BadJvmException extends Exception {
        private static final long serialVersionUID = 1L;

        BadJvmException(String message) {
            super(message);
        }
    }

    /**
     * The java executable a {@code --jvm} value means: a JDK folder means its {@code bin/java}; a bare name such as
     * {@code java} is looked up on {@code PATH}, as a shell would; anything else is a path. The answer is absolute,
     * because the forks do not run in the user's folder; whether it runs is {@link #probe}'s question.
     *
     * @param pathVariable the {@code PATH} environment variable (a parameter so that tests can give their own)
     */
    static Path executable(String given, String pathVariable) {
        Path path = Path.of(given);
        if (Files.isDirectory(path)) {
            return path.resolve("bin").resolve("java").toAbsolutePath().normalize();
        }
        if (!given.contains(File.separator) && pathVariable != null) {
            for (String dir : pathVariable.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(given);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate.toAbsolutePath().normalize();
                }
            }
        }
        return path.toAbsolutePath().normalize();
    }

    /**
     * The JVM arguments JMH gives a fork of {@code benchmark}, by JMH's rule: prepend, then the main arguments (the
     * command line's, else the annotation's, else this JVM's own), then append (command line, else annotation).
     */
    static List<String> forkArgs(Options user, BenchmarkListEntry benchmark) {
        List<String> args = new ArrayList<>(user.getJvmArgsPrepend().orElse(benchmark.getJvmArgsPrepend().orElse(List.of())));
        args.addAll(user.getJvmArgs().orElse(benchmark.getJvmArgs().orElse(ManagementFactory.getRuntimeMXBean().getInputArguments())));
        args.addAll(user.getJvmArgsAppend().orElse(benchmark.getJvmArgsAppend().orElse(List.of())));
        return args;
    }

    /** Inside the probed JVM: prints its facts as one JSON object. */
    public static void main(String[] args) throws IOException {
        System.out.println(new ObjectMapper().writeValueAsString(facts()));
    }

    static ObjectNode facts() {
        ObjectNode f = JsonNodeFactory.instance.objectNode();
        f.put("vendor", System.getProperty("java.vendor"));
        f.put("version", System.getProperty("java.version"));
        f.put("runtimeVersion", System.getProperty("java.runtime.version"));
        f.put("vmName", System.getProperty("java.vm.name"));
        f.put("vmVersion", System.getProperty("java.vm.version"));
        f.put("javaHome", System.getProperty("java.home"));
        f.put("vectorBits", Simd.bits());
        f.put("preferredVectorBits", Simd.preferredBits());
        ArrayNode gcs = f.putArray("gc");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs.add(gc.getName());
        }
        f.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        ArrayNode args = f.putArray("jvmArgs");
        ManagementFactory.getRuntimeMXBean().getInputArguments().forEach(args::add);
        return f;
    }

    /**
     * In the runner: the facts of {@code java} started with {@code jvmArgs} (a fork's arguments).
     *
     * @throws BadJvmException when the path is not an executable, the JVM does not start, lacks the Vector API
     *                         module or does not answer within a minute
     */
    static ObjectNode probe(String java, List<String> jvmArgs) throws BadJvmException {
        Path path = Path.of(java);
        if (!Files.exists(path)) {
            throw new BadJvmException(java + ": no such file (give a java executable, a command on PATH, or a JDK"
                    + " folder, which has bin/java)");
        }
        if (Files.isDirectory(path) || !Files.isExecutable(path)) {
            throw new BadJvmException(java + ": not an executable java launcher");
        }
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmArgs);
        if (jvmArgs.stream().noneMatch(a -> a.contains("jdk.incubator.vector"))) {
            command.add("--add-modules=jdk.incubator.vector");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(JvmProbe.class.getName());
        // Output to files, not pipes: reading a pipe would wait for a hung JVM forever, past the time-out.
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("quantbench-jvm-probe", ".out");
            err = Files.createTempFile("quantbench-jvm-probe", ".err");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new BadJvmException(java + ": did not answer within " + TIMEOUT_SECONDS + " s");
            }
            String stderr = Files.readString(err, StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0) {
                throw new BadJvmException(java + ": exited with code " + process.exitValue() + (stderr.isEmpty() ? "" : ": "
                        + lastLines(stderr)) + (stderr.contains("jdk.incubator.vector")
                        ? " (quantbench needs JDK 17 or later with the jdk.incubator.vector module)" : ""));
            }
            ObjectNode facts = parse(Files.readString(out, StandardCharsets.UTF_8).trim(), java);
            facts.put("path", path.toAbsolutePath().toString());
            return facts;
        } catch (IOException e) {
            throw new BadJvmException(java + ": cannot run it: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadJvmException(java + ": interrupted while asking it what it is");
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file left behind
            }
        }
    }

    /** The probe's JSON: the last line of the output that is an object (a JVM may print warnings before it). */
    private static ObjectNode parse(String text, String java) throws BadJvmException {
        String last = text.substring(text.lastIndexOf('\n') + 1);
        try {
            JsonNode facts = new ObjectMapper().readTree(last);
            if (facts != null && facts.isObject()) {
                return (ObjectNode) facts;
            }
        } catch (IOException e) {
            // not JSON: reported below
        }
        throw new BadJvmException(java + ": did not answer the probe: " + lastLines(text));
    }

    private static String lastLines(String text) {
        String[] lines = text.split("\\n");
        StringBuilder out = new StringBuilder();
        for (int i = Math.max(0, lines.length - 3); i < lines.length; i++) {
            out.append(out.length() == 0 ? "" : " | ").append(lines[i].trim());
        }
        return out.toString();
    }
}
