package io.quantbench.jmh.runner;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantbench.jmh.runner.SweepPlan.Step;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What env.json says about the machine a sweep ran on, read from Linux's {@code /proc} and {@code /sys} (below a
 * root that tests can replace). Whatever a machine does not expose is recorded as unavailable, with the reason,
 * rather than left out, so a reader can tell "not measured" from "forgotten".
 *
 * <p>Keys: {@code cpu} (model, vendor, architecture, cores, flags, governor, frequency, virtualized), {@code memory},
 * {@code os} (distribution, kernel), {@code thermal} (every thermal zone in °C), {@code loadAverage},
 * {@code perf} (perf_event_paranoid, kptr_restrict: whether a profiler can use hardware events and see the
 * kernel). The runner adds the suite's build, the JVMs ({@link JvmProbe}), the layers behind each shape and one
 * entry per session.
 */
final class EnvironmentCapture {

    /** ARM's part numbers (MIDR) of the cores quantbench is likely to meet; the Raspberry Pi 5 has 0xd0b. */
    private static final Map<String, String> ARM_PARTS = Map.ofEntries(
            Map.entry("0xd03", "Cortex-A53"), Map.entry("0xd04", "Cortex-A35"), Map.entry("0xd05", "Cortex-A55"),
            Map.entry("0xd07", "Cortex-A57"), Map.entry("0xd08", "Cortex-A72"), Map.entry("0xd09", "Cortex-A73"),
            Map.entry("0xd0a", "Cortex-A75"), Map.entry("0xd0b", "Cortex-A76"), Map.entry("0xd0c", "Neoverse-N1"),
            Map.entry("0xd0d", "Cortex-A77"), Map.entry("0xd40", "Neoverse-V1"), Map.entry("0xd41", "Cortex-A78"),
            Map.entry("0xd46", "Cortex-A510"), Map.entry("0xd47", "Cortex-A710"), Map.entry("0xd49", "Neoverse-N2"),
            Map.entry("0xd4f", "Neoverse-V2"), Map.entry("0xd80", "Cortex-A520"), Map.entry("0xd81", "Cortex-A720"));

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Path root;

    /** @param root where {@code proc/}, {@code sys/} and {@code etc/} are: {@code /} on a real machine */
    EnvironmentCapture(Path root) {
        this.root = root;
    }

    /**
     * The whole env.json of a new sweep.
     *
     * @param jvms one {@link JvmProbe} answer per JVM the sweep runs on
     */
    ObjectNode capture(BuildInfo build, String host, List<ObjectNode> jvms, SweepPlan plan) {
        ObjectNode env = JSON.objectNode();
        env.put("captured", Instant.now().toString());
        env.put("host", host);
        ObjectNode suite = env.putObject("quantbench");
        suite.put("version", build.version());
        suite.put("commit", build.commit());
        suite.put("dirty", build.dirty());
        env.set("cpu", cpu());
        env.set("memory", memory());
        env.set("os", os());
        env.set("thermal", thermal());
        env.put("loadAverage", loadAverage());
        env.set("perf", perf());
        env.set("runner", runnerJvm());
        ArrayNode jvmList = env.putArray("jvms");
        jvms.forEach(jvmList::add);
        env.set("layers", layers(plan));
        env.putArray("sessions");
        return env;
    }

    /** The machine's name: the kernel's hostname, else what the network stack says, else "host". */
    String hostName() {
        return read("proc/sys/kernel/hostname").filter(h -> !h.isEmpty()).orElseGet(() -> {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return "host";
            }
        });
    }

    ObjectNode cpu() {
        ObjectNode cpu = JSON.objectNode();
        List<Map<String, String>> processors = cpuinfo();
        Map<String, String> first = processors.isEmpty() ? Map.of() : processors.get(0);
        Map<String, String> all = new LinkedHashMap<>();
        processors.forEach(all::putAll);                 // ARM puts "Model"/"Hardware" in a block of their own
        cpu.put("model", model(first, all));
        cpu.put("vendor", first.getOrDefault("vendor_id", ARM_PARTS.containsKey(first.getOrDefault("CPU part", "")) ? "ARM" : "unknown"));
        cpu.put("architecture", System.getProperty("os.arch"));
        if (all.containsKey("Model")) {
            cpu.put("board", all.get("Model"));
        }
        long logical = processors.stream().filter(p -> p.containsKey("processor")).count();
        cpu.put("logicalCores", logical);
        Set<String> physical = processors.stream().filter(p -> p.containsKey("core id"))
                .map(p -> p.get("physical id") + "/" + p.get("core id")).collect(Collectors.toSet());
        cpu.put("physicalCores", physical.isEmpty() ? logical : physical.size());
        cpu.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        read("sys/devices/system/cpu/online").ifPresent(s -> cpu.put("online", s));
        String flags = first.getOrDefault("flags", first.getOrDefault("Features", ""));
        ArrayNode flagList = cpu.putArray("flags");
        for (String f : flags.split("\\s+")) {
            if (!f.isEmpty()) {
                flagList.add(f);
            }
        }
        cpu.put("virtualized", (" " + flags + " ").contains(" hypervisor "));
        governorAndFrequency(cpu, first);
        return cpu;
    }

    private static String model(Map<String, String> first, Map<String, String> all) {
        if (first.containsKey("model name")) {
            return first.get("model name");
        }
        String part = ARM_PARTS.get(first.getOrDefault("CPU part", ""));
        if (part != null) {
            return part;
        }
        return all.getOrDefault("Hardware", all.getOrDefault("Model", "unknown"));
    }

    /** Every CPU's governor and frequencies from cpufreq; without cpufreq (most VMs), what /proc/cpuinfo says. */
    private void governorAndFrequency(ObjectNode cpu, Map<String, String> first) {
        Path cpus = root.resolve("sys/devices/system/cpu");
        List<Path> freqDirs = new ArrayList<>();
        try (Stream<Path> list = Files.isDirectory(cpus) ? Files.list(cpus) : Stream.empty()) {
            list.filter(p -> p.getFileName().toString().matches("cpu\\d+") && Files.isDirectory(p.resolve("cpufreq")))
                    .sorted().forEach(p -> freqDirs.add(p.resolve("cpufreq")));
        } catch (IOException e) {
            // no listing: treated as no cpufreq
        }
        if (freqDirs.isEmpty()) {
            cpu.put("governor", "unavailable: no " + cpus.resolve("cpu0/cpufreq") + " (typical of a VM)");
            ObjectNode freq = cpu.putObject("frequencyMHz");
            if (first.containsKey("cpu MHz")) {
                freq.put("current", Double.parseDouble(first.get("cpu MHz")));
                freq.put("source", "/proc/cpuinfo");
            } else {
                freq.put("unavailable", "no cpufreq and no 'cpu MHz' in /proc/cpuinfo");
            }
            return;
        }
        Set<String> governors = new LinkedHashSet<>();
        ObjectNode freq = cpu.putObject("frequencyMHz");
        for (Path d : freqDirs) {
            read(d.resolve("scaling_governor")).ifPresent(governors::add);
            ObjectNode one = freq.putObject(d.getParent().getFileName().toString());
            kiloHertz(d.resolve("scaling_cur_freq")).ifPresent(v -> one.put("current", v));
            kiloHertz(d.resolve("cpuinfo_min_freq")).ifPresent(v -> one.put("min", v));
            kiloHertz(d.resolve("cpuinfo_max_freq")).ifPresent(v -> one.put("max", v));
        }
        cpu.put("governor", governors.isEmpty() ? "unknown" : String.join(", ", governors));
    }

    private Optional<Double> kiloHertz(Path file) {
        return read(file).flatMap(EnvironmentCapture::number).map(khz -> khz / 1000);
    }

    ObjectNode memory() {
        ObjectNode memory = JSON.objectNode();
        Map<String, String> info = keyValues(read("proc/meminfo").orElse(""), ':');
        kiloBytes(info.get("MemTotal")).ifPresent(b -> memory.put("totalBytes", b));
        kiloBytes(info.get("MemAvailable")).ifPresent(b -> memory.put("availableBytes", b));
        if (memory.isEmpty()) {
            memory.put("unavailable", "no /proc/meminfo");
        }
        return memory;
    }

    ObjectNode os() {
        ObjectNode os = JSON.objectNode();
        os.put("name", System.getProperty("os.name"));
        Map<String, String> release = keyValues(read("etc/os-release").orElse(""), '=');
        os.put("distribution", release.getOrDefault("PRETTY_NAME", "unknown").replace("\"", ""));
        os.put("kernel", read("proc/sys/kernel/osrelease").orElse(System.getProperty("os.version")));
        read("proc/version").ifPresent(v -> os.put("kernelBuild", v));
        return os;
    }

    /** Every thermal zone's temperature in °C, keyed {@code thermal_zone0 (cpu-thermal)}. */
    ObjectNode thermal() {
        ObjectNode thermal = JSON.objectNode();
        Path zones = root.resolve("sys/class/thermal");
        Map<String, Double> readings = new TreeMap<>();
        try (Stream<Path> list = Files.isDirectory(zones) ? Files.list(zones) : Stream.empty()) {
            for (Path zone : (Iterable<Path>) list.filter(p -> p.getFileName().toString().startsWith("thermal_zone"))::iterator) {
                String type = read(zone.resolve("type")).orElse("unknown");
                read(zone.resolve("temp")).flatMap(EnvironmentCapture::number)
                        .ifPresent(milli -> readings.put(zone.getFileName() + " (" + type + ")", milli / 1000));
            }
        } catch (IOException e) {
            // unreadable: reported as unavailable below
        }
        readings.forEach(thermal::put);
        if (readings.isEmpty()) {
            thermal.put("unavailable", "no thermal zones in " + zones);
        }
        return thermal;
    }

    String loadAverage() {
        return read("proc/loadavg").orElse("unavailable");
    }

    ObjectNode perf() {
        ObjectNode perf = JSON.objectNode();
        perf.put("perf_event_paranoid", read("proc/sys/kernel/perf_event_paranoid").orElse("unavailable"));
        perf.put("kptr_restrict", read("proc/sys/kernel/kptr_restrict").orElse("unavailable"));
        return perf;
    }

    /** The JVM the runner itself runs in (the forks' JVMs are in {@code jvms}). */
    static ObjectNode runnerJvm() {
        ObjectNode jvm = JSON.objectNode();
        jvm.put("javaHome", System.getProperty("java.home"));
        jvm.put("vendor", System.getProperty("java.vendor"));
        jvm.put("version", System.getProperty("java.runtime.version"));
        ArrayNode args = jvm.putArray("jvmArgs");
        ManagementFactory.getRuntimeMXBean().getInputArguments().forEach(args::add);
        ArrayNode gcs = jvm.putArray("gc");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs.add(gc.getName());
        }
        return jvm;
    }

    /** Which model layers each shape of the sweep comes from: the legend a reader of the results needs. */
    static ObjectNode layers(SweepPlan plan) {
        ObjectNode layers = JSON.objectNode();
        for (Step s : plan.steps()) {
            String shape = s.params().get("shape");
            if (shape != null && !layers.has(shape)) {
                String names = ParamDomains.layers(shape);
                layers.put(shape, names.isEmpty() ? "not a layer of the known models" : names);
            }
        }
        return layers;
    }

    // ----- reading /proc and /sys ---------------------------------------------------------------------------------

    /** /proc/cpuinfo as one key-value map per blank-line-separated block. */
    private List<Map<String, String>> cpuinfo() {
        List<Map<String, String>> blocks = new ArrayList<>();
        for (String block : read("proc/cpuinfo").orElse("").split("\\n\\s*\\n")) {
            Map<String, String> kv = keyValues(block, ':');
            if (!kv.isEmpty()) {
                blocks.add(kv);
            }
        }
        return blocks;
    }

    /** {@code key<separator>value} lines; the first of a repeated key wins. */
    private static Map<String, String> keyValues(String text, char separator) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : text.split("\\n")) {
            int at = line.indexOf(separator);
            if (at > 0) {
                kv.putIfAbsent(line.substring(0, at).trim(), line.substring(at + 1).trim());
            }
        }
        return kv;
    }

    private static Optional<Long> kiloBytes(String value) {
        return value == null ? Optional.empty() : number(value.replace("kB", "")).map(kb -> (long) (kb * 1024));
    }

    private static Optional<Double> number(String text) {
        try {
            return Optional.of(Double.parseDouble(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Optional<String> read(String relative) {
        return read(root.resolve(relative));
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();                     // e.g. permission denied: the same as absent
        }
    }
}
