package io.quantbench.notebooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Writes a small results folder as the runner would: {@code jmh.json} with a matrix-vector sweep (F32,
 * INT8, INT4 at one shape, 1 and 2 threads, with a {@code -prof gc} secondary metric under JMH ≤ 1.36's
 * U+00B7 name), BandwidthBenchmark (threads × streams) and a generation benchmark over seqLen, 3 forks of
 * 4 iterations each; and {@code env.json}. Times follow a memory-bound model with seeded noise, so INT8
 * and INT4 are clearly faster than F32. The numbers are invented; tests compare what the export writes
 * with what this file says, never with the model.
 */
final class SyntheticResults {

    static final String SHAPE = "768x3072";
    static final int FORKS = 3;
    static final int ITERATIONS = 4;

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ArrayNode entries = mapper.createArrayNode();
    private String host = "pi5";
    private List<String> jdks = List.of("17.0.15+6-Debian-1deb12u1");
    private String jdk;
    private double slowdown = 1;
    private Random random = new Random(7);

    static SyntheticResults device(String host) {
        SyntheticResults r = new SyntheticResults();
        r.host = host;
        return r;
    }

    /** Every configuration under each of these JVM versions (under the later ones in 30 % less time). */
    SyntheticResults jdks(String... versions) {
        jdks = List.of(versions);
        return this;
    }

    /** Every time multiplied by {@code factor}, with other noise. */
    SyntheticResults slowerBy(double factor, long seed) {
        slowdown = factor;
        random = new Random(seed);
        return this;
    }

    /** Writes {@code <parent>/<host>-<stamp>/} and returns it. */
    Path write(Path parent, String stamp) throws IOException {
        for (int j = 0; j < jdks.size(); j++) {
            jdk = jdks.get(j);
            entries(j == 0 ? slowdown : slowdown * 0.7);
        }
        Path dir = parent.resolve(host + "-" + stamp);
        Files.createDirectories(dir);
        mapper.writeValue(dir.resolve("jmh.json").toFile(), entries);
        Files.writeString(dir.resolve("env.json"), "{\"host\": \"" + host + "\", \"cpu\": {\"model\": \"Cortex-A76, rev 1\","
                + " \"cores\": 4}, \"governor\": \"performance\", \"note\": \"a | pipe and <b>tags</b>\"}");
        return dir;
    }

    private void entries(double factor) {
        double[] bytesPerWeight = {4, 34 / 32.0, 18 / 32.0};
        String[] formats = {"F32", "INT8", "INT4"};
        for (int f = 0; f < formats.length; f++) {
            for (int threads : new int[] {1, 2}) {
                double micros = 768 * 3072 * bytesPerWeight[f] / (threads == 1 ? 20e3 : 28e3) + 3;
                ObjectNode params = mapper.createObjectNode().put("cold", "true").put("format", formats[f])
                        .put("shape", SHAPE).put("threads", String.valueOf(threads));
                ObjectNode e = entry("io.quantbench.jmh.MatVecBenchmark.matvec", params, micros * factor);
                ObjectNode gc = e.putObject("secondaryMetrics").putObject("\u00b7gc.alloc.rate.norm");
                gc.put("score", 0.01).put("scoreError", "NaN").put("scoreUnit", "B/op");
                gc.set("rawData", matrix(0.01, 0.5));
            }
        }
        for (int threads : new int[] {1, 2}) {
            for (int streams : new int[] {1, 4}) {
                double gbps = threads == 1 ? 22 : 30;
                ObjectNode params = mapper.createObjectNode().put("streams", String.valueOf(streams)).put("threads", String.valueOf(threads));
                entry("io.quantbench.jmh.BandwidthBenchmark.readAll", params, (512L << 20) / (gbps * 1e3) * factor);
            }
        }
        for (String format : new String[] {"F32", "INT8"}) {
            for (int seqLen : new int[] {10, 100, 1000}) {
                ObjectNode params = mapper.createObjectNode().put("format", format).put("model", "distilgpt2")
                        .put("seqLen", String.valueOf(seqLen));
                entry("io.quantbench.jmh.GenerateBenchmark.generate", params, (format.equals("F32") ? 900 : 400) * seqLen * factor);
            }
        }
    }

    private ObjectNode entry(String benchmark, ObjectNode params, double micros) {
        ObjectNode e = entries.addObject();
        e.put("jmhVersion", "1.36").put("benchmark", benchmark).put("mode", "avgt").put("threads", 1).put("forks", FORKS)
                .put("jvm", "/usr/lib/jvm/" + jdk + "/bin/java").put("jdkVersion", jdk.replaceAll("\\+.*", ""))
                .put("vmName", "OpenJDK 64-Bit Server VM").put("vmVersion", jdk)
                .put("warmupIterations", 2).put("warmupTime", "1 s").put("measurementIterations", ITERATIONS)
                .put("measurementTime", "1 s");
        e.putArray("jvmArgs").add("--add-modules=jdk.incubator.vector");
        e.set("params", params);
        ArrayNode raw = matrix(micros, 0.03);
        double sum = 0;
        for (int f = 0; f < FORKS; f++) {
            for (int i = 0; i < ITERATIONS; i++) {
                sum += raw.get(f).get(i).doubleValue();
            }
        }
        ObjectNode primary = e.putObject("primaryMetric");
        primary.put("score", sum / (FORKS * ITERATIONS)).put("scoreError", "NaN").put("scoreUnit", "us/op");
        primary.set("rawData", raw);
        e.putObject("secondaryMetrics");
        return e;
    }

    /** [fork][iteration] around {@code level}: a per-fork offset and per-iteration jitter of relative size {@code spread}. */
    private ArrayNode matrix(double level, double spread) {
        ArrayNode forks = mapper.createArrayNode();
        for (int f = 0; f < FORKS; f++) {
            double forkLevel = level * Math.exp(spread * random.nextGaussian());
            ArrayNode iterations = forks.addArray();
            for (int i = 0; i < ITERATIONS; i++) {
                iterations.add(forkLevel * Math.exp(spread / 3 * random.nextGaussian()));
            }
        }
        return forks;
    }
}
