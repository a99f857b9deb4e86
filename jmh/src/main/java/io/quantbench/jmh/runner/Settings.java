package io.quantbench.jmh.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Defaults;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Iterator;
import java.util.Set;

/**
 * How long JMH measures one benchmark configuration: forks, warm-up and measurement iterations and their
 * durations. A null field means "not said here": the next layer decides. The layers, strongest first: JMH
 * options on the command line, the profile entry, the profile, the benchmark's annotations, JMH's defaults.
 */
public record Settings(Integer forks, Integer warmupIterations, TimeValue warmupTime, Integer measurementIterations,
                       TimeValue measurementTime) {

    static final Settings NONE = new Settings(null, null, null, null, null);

    private static final Set<String> KEYS = Set.of("forks", "warmupIterations", "warmupTime", "measurementIterations",
            "measurementTime");

    /** This, with the fields it leaves null taken from {@code weaker}. */
    public Settings over(Settings weaker) {
        return new Settings(forks != null ? forks : weaker.forks,
                warmupIterations != null ? warmupIterations : weaker.warmupIterations,
                warmupTime != null ? warmupTime : weaker.warmupTime,
                measurementIterations != null ? measurementIterations : weaker.measurementIterations,
                measurementTime != null ? measurementTime : weaker.measurementTime);
    }

    /** What the user typed on the command line ({@code -f}, {@code -wi}, {@code -w}, {@code -i}, {@code -r}). */
    static Settings of(Options user) {
        return new Settings(user.getForkCount().orElse(null), user.getWarmupIterations().orElse(null),
                user.getWarmupTime().orElse(null), user.getMeasurementIterations().orElse(null),
                user.getMeasurementTime().orElse(null));
    }

    /** What a benchmark's annotations say, with JMH's defaults where they say nothing: every field set. */
    static Settings of(BenchmarkListEntry benchmark) {
        return new Settings(benchmark.getForks().orElse(Defaults.MEASUREMENT_FORKS),
                benchmark.getWarmupIterations().orElse(Defaults.WARMUP_ITERATIONS),
                benchmark.getWarmupTime().orElse(Defaults.WARMUP_TIME),
                benchmark.getMeasurementIterations().orElse(Defaults.MEASUREMENT_ITERATIONS),
                benchmark.getMeasurementTime().orElse(Defaults.MEASUREMENT_TIME));
    }

    /** Sets the fields this says on a JMH options builder. */
    void applyTo(ChainedOptionsBuilder builder) {
        if (forks != null) {
            builder.forks(forks);
        }
        if (warmupIterations != null) {
            builder.warmupIterations(warmupIterations);
        }
        if (warmupTime != null) {
            builder.warmupTime(warmupTime);
        }
        if (measurementIterations != null) {
            builder.measurementIterations(measurementIterations);
        }
        if (measurementTime != null) {
            builder.measurementTime(measurementTime);
        }
    }

    /**
     * Seconds the iterations take in all forks (warm-up and measurement, not JVM start-up or set-up): the base of
     * the runner's time estimates. Only meaningful when every field is set.
     */
    double iterationSeconds() {
        double perFork = warmupIterations * seconds(warmupTime) + measurementIterations * seconds(measurementTime);
        return forks * perFork;
    }

    private static double seconds(TimeValue t) {
        return t.convertTo(java.util.concurrent.TimeUnit.NANOSECONDS) / 1e9;
    }

    /** Reads the keys of a profile's {@code "settings"} object; an unknown key is an error naming the valid ones. */
    static Settings fromJson(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return NONE;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new IllegalArgumentException(where + ": unknown setting '" + name + "'; valid: " + String.join(", ", KEYS));
            }
        }
        return new Settings(integer(node, "forks"), integer(node, "warmupIterations"), time(node, "warmupTime"),
                integer(node, "measurementIterations"), time(node, "measurementTime"));
    }

    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (forks != null) {
            node.put("forks", forks);
        }
        if (warmupIterations != null) {
            node.put("warmupIterations", warmupIterations);
        }
        if (warmupTime != null) {
            node.put("warmupTime", warmupTime.toString().replace(" ", ""));
        }
        if (measurementIterations != null) {
            node.put("measurementIterations", measurementIterations);
        }
        if (measurementTime != null) {
            node.put("measurementTime", measurementTime.toString().replace(" ", ""));
        }
        return node;
    }

    private static Integer integer(JsonNode node, String key) {
        return node.has(key) ? node.get(key).asInt() : null;
    }

    private static TimeValue time(JsonNode node, String key) {
        return node.has(key) ? TimeValue.fromString(node.get(key).asText()) : null;
    }
}
