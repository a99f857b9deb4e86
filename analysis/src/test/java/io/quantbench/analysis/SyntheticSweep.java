package io.quantbench.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantbench.engine.format.WeightFormat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Writes a results folder shaped like the default sweep (MatVecBenchmark: 4 formats × 4 shapes × 2 thread
 * counts × cold/hot; BandwidthBenchmark: 2 thread counts × 2 stream counts; 3 forks of 5 iterations) with
 * times from a simple memory-bound model plus seeded noise (a per-fork offset and per-iteration jitter).
 * Optionally a second JDK, a sequence-length benchmark (so that every chart of the report has data), fewer
 * shapes and threads (so that tests stay fast), and another "machine" (slower, other noise).
 * The numbers are invented: tests check the report's structure with it, never its values.
 */
public final class SyntheticSweep {

    static final List<String> SHAPES = List.of("768x3072", "2560x2560", "2560x6912", "6912x2560");
    static final List<String> JDKS = List.of("17.0.15+6-Debian-1deb12u1", "25.0.1+8-LTS");

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ArrayNode entries = mapper.createArrayNode();
    private List<String> shapes = SHAPES;
    private List<Integer> threadCounts = List.of(1, 2);
    private List<String> jdks = JDKS.subList(0, 1);
    private boolean sequenceLengths;
    private boolean environment = true;
    private double slowdown = 1;
    private Random random = new Random(2024);

    private SyntheticSweep() {
    }

    /** The default sweep's shape: every format, shape, thread count and cold/hot, one JDK, with env.json. */
    public static SyntheticSweep defaultSweep() {
        return new SyntheticSweep();
    }

    public SyntheticSweep shapes(String... only) {
        shapes = List.of(only);
        return this;
    }

    public SyntheticSweep threads(Integer... only) {
        threadCounts = List.of(only);
        return this;
    }

    /** Every configuration again under a second JDK (7 % faster). */
    public SyntheticSweep twoJdks() {
        jdks = JDKS;
        return this;
    }

    /** Adds a GenerateBenchmark with seqLen 10 … 1000 per format. */
    public SyntheticSweep sequenceLengths() {
        sequenceLengths = true;
        return this;
    }

    public SyntheticSweep withoutEnvironment() {
        environment = false;
        return this;
    }

    /** Another machine: every time multiplied by {@code factor}, other noise. */
    public SyntheticSweep slowerBy(double factor, long seed) {
        slowdown = factor;
        random = new Random(seed);
        return this;
    }

    /** Writes {@code <dir>/jmh.json} (and env.json) and returns {@code dir}. */
    public Path write(Path dir) throws IOException {
        for (String jdk : jdks) {
            double jdkFactor = (jdk.startsWith("25") ? 0.93 : 1.0) * slowdown;
            matvec(jdk, jdkFactor);
            bandwidth(jdk);
            if (sequenceLengths) {
                generate(jdk, jdkFactor);
            }
        }
        Files.createDirectories(dir);
        mapper.writeValue(dir.resolve("jmh.json").toFile(), entries);
        if (environment) {
            Files.writeString(dir.resolve("env.json"), "{\n  \"host\": \"synthetic\",\n  \"cpu\": {\"model\": \"Synthetic Zen 4\","
                    + " \"cores\": 2, \"governor\": \"performance\"},\n  \"jdk\": \"17.0.15\",\n  \"vectorBits\": 512,\n"
                    + "  \"profiler\": {\"engine\": \"ctimer\"}\n}\n");
        }
        return dir;
    }

    private void matvec(String jdk, double jdkFactor) {
        double[] efficiency = {0.85, 0.75, 0.55, 0.45};
        WeightFormat[] formats = WeightFormat.values();
        for (int f = 0; f < formats.length; f++) {
            for (String shape : shapes) {
                String[] dims = shape.split("x");
                long bytes = formats[f].storageBytes(Integer.parseInt(dims[0]), Integer.parseInt(dims[1]));
                for (int threads : threadCounts) {
                    for (boolean cold : new boolean[] {true, false}) {
                        double roof = threads == 1 ? 25e9 : 32e9;
                        double speed = roof * efficiency[f] * (cold ? 1.0 : 1.25);
                        double micros = (bytes / speed * 1e6 + 4) * jdkFactor;
                        ObjectNode params = mapper.createObjectNode().put("format", formats[f].name()).put("shape", shape)
                                .put("threads", String.valueOf(threads)).put("cold", String.valueOf(cold));
                        entries.add(entry("io.quantbench.jmh.MatVecBenchmark.matvec", params, jdk, micros));
                    }
                }
            }
        }
    }

    private void bandwidth(String jdk) {
        for (int threads : threadCounts) {
            for (int streams : new int[] {1, 4}) {
                double gbps = (threads == 1 ? 24e9 : 31e9) * (streams == 4 ? 1.04 : 1.0);
                ObjectNode params = mapper.createObjectNode().put("threads", String.valueOf(threads)).put("streams", String.valueOf(streams));
                entries.add(entry("io.quantbench.jmh.BandwidthBenchmark.readAll", params, jdk, (512L << 20) / gbps * 1e6 * slowdown));
            }
        }
    }

    private void generate(String jdk, double jdkFactor) {
        double[] perToken = {2400, 900, 700, 450};
        for (int f = 0; f < WeightFormat.values().length; f++) {
            for (int seqLen : new int[] {10, 20, 50, 100, 200, 500, 1000}) {
                ObjectNode params = mapper.createObjectNode().put("format", WeightFormat.values()[f].name())
                        .put("seqLen", String.valueOf(seqLen)).put("model", "distilgpt2");
                double micros = (perToken[f] * seqLen + 0.02 * seqLen * seqLen) * jdkFactor;
                entries.add(entry("io.quantbench.jmh.GenerateBenchmark.generate", params, jdk, micros));
            }
        }
    }

    private ObjectNode entry(String benchmark, ObjectNode params, String jdk, double micros) {
        ObjectNode e = mapper.createObjectNode();
        e.put("jmhVersion", "1.37").put("benchmark", benchmark).put("mode", "avgt").put("threads", 1).put("forks", 3)
                .put("jvm", "/usr/lib/jvm/" + jdk + "/bin/java");
        e.putArray("jvmArgs").add("--add-modules=jdk.incubator.vector").add("-XX:+UseParallelGC");
        e.put("jdkVersion", jdk.substring(0, jdk.indexOf('+'))).put("vmName", "OpenJDK 64-Bit Server VM").put("vmVersion", jdk)
                .put("warmupIterations", 3).put("warmupTime", "1 s").put("warmupBatchSize", 1)
                .put("measurementIterations", 5).put("measurementTime", "1 s").put("measurementBatchSize", 1);
        e.set("params", params);
        ObjectNode primary = e.putObject("primaryMetric");
        ArrayNode raw = mapper.createArrayNode();
        double sum = 0;
        for (int fork = 0; fork < 3; fork++) {
            double forkLevel = micros * Math.exp(0.02 * random.nextGaussian());
            ArrayNode iterations = raw.addArray();
            for (int i = 0; i < 5; i++) {
                double v = forkLevel * Math.exp(0.01 * random.nextGaussian());
                iterations.add(v);
                sum += v;
            }
        }
        primary.put("score", sum / 15).put("scoreError", "NaN").put("scoreUnit", "us/op");
        primary.set("rawData", raw);
        e.putObject("secondaryMetrics");
        return e;
    }
}
