package io.quantbench.jmh.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantbench.engine.io.AtomicWrite;
import io.quantbench.jmh.cli.Subcommands.UsageException;
import io.quantbench.jmh.runner.SweepPlan.Step;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The folder a sweep writes, {@code results/<host>-<UTC time>/}, and the rules that make it safe to kill:
 * <pre>
 * sweep.json                 the plan (every step), the suite's build and the host: marks the folder as a sweep's
 * env.json                   the machine and JVMs (see {@link EnvironmentCapture})
 * run.log                    everything the runner and JMH printed, every session appended
 * jmh-&lt;step&gt;.json           JMH's JSON results (full rawData) of one step, one file per finished step
 * .partial/                  where JMH writes a step's results while it runs
 * </pre>
 * A step's results move from {@code .partial/} to {@code jmh-<step>.json} only when JMH has finished and the JSON
 * parses with at least one result, by an atomic write, so a file named {@code jmh-*.json} is always complete (the
 * analysis reads exactly those) and a killed sweep leaves at most an ignored file in {@code .partial/}. Beside
 * {@code results/} the sweep writes {@code reports/<run>/} (the analysis) and {@code profiles/<run>/} (flame graphs).
 */
final class ResultsFolder {

    static final String PLAN = "sweep.json";
    static final String ENV = "env.json";
    static final String LOG = "run.log";
    private static final String PARTIAL = ".partial";
    /** The marker in sweep.json that says the folder is ours and which layout it has. */
    private static final String FORMAT = "quantbench-sweep";
    private static final int VERSION = 1;

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final SweepPlan plan;
    private final ObjectNode header;

    private ResultsFolder(Path dir, SweepPlan plan, ObjectNode header) {
        this.dir = dir;
        this.plan = plan;
        this.header = header;
    }

    /** {@code <host>-<UTC time>}, e.g. {@code raspberrypi-20261123T101500Z}: the name of a new sweep's folder. */
    static String runName(String host, Instant now) {
        return host.replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(now);
    }

    /** Makes {@code <base>/results/<run>/} and writes the plan into it. */
    static ResultsFolder create(Path base, String run, SweepPlan plan, BuildInfo build, String host) throws IOException {
        Path dir = base.toAbsolutePath().normalize().resolve("results").resolve(run);
        if (Files.exists(dir)) {
            throw new IOException(dir + " already exists");       // two sweeps started in the same second
        }
        Files.createDirectories(dir);
        ObjectNode header = JSON.createObjectNode();
        header.put("format", FORMAT);
        header.put("version", VERSION);
        header.put("created", Instant.now().toString());
        header.put("host", host);
        header.put("suiteVersion", build.version());
        header.put("commit", build.commit());
        header.put("dirty", build.dirty());
        ObjectNode root = header.deepCopy();
        root.set("plan", plan.toJson());
        writeJson(dir.resolve(PLAN), root);
        return new ResultsFolder(dir, plan, header);
    }

    /**
     * Opens a folder for {@code --resume}, changing nothing.
     *
     * @throws UsageException when the folder is missing or was not written by {@code run} (no readable sweep.json
     *                        with our marker)
     */
    static ResultsFolder open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UsageException("--resume " + dir + ": no such folder");
        }
        Path planFile = dir.resolve(PLAN);
        if (!Files.isRegularFile(planFile)) {
            throw new UsageException("--resume " + dir + ": not a results folder of `run` (it has no " + PLAN
                    + "); nothing was changed. Start a new sweep instead, or analyse it with `analyze " + dir + "`");
        }
        JsonNode root;
        try {
            root = JSON.readTree(planFile.toFile());
        } catch (IOException e) {
            throw new UsageException("--resume " + dir + ": " + PLAN + " cannot be read (" + e.getMessage()
                    + "); nothing was changed");
        }
        if (root == null || !FORMAT.equals(root.path("format").asText()) || !root.has("plan")) {
            throw new UsageException("--resume " + dir + ": " + PLAN + " was not written by quantbench's runner; nothing was changed");
        }
        if (root.path("version").asInt() != VERSION) {
            throw new UsageException("--resume " + dir + ": written by a runner with results layout " + root.path("version").asInt()
                    + ", this one reads layout " + VERSION + "; nothing was changed");
        }
        ObjectNode header = ((ObjectNode) root).deepCopy();
        header.remove("plan");
        return new ResultsFolder(dir, SweepPlan.fromJson(root.get("plan")), header);
    }

    Path dir() {
        return dir;
    }

    String run() {
        return dir.toAbsolutePath().normalize().getFileName().toString();
    }

    SweepPlan plan() {
        return plan;
    }

    /** The host, suite version and commit the sweep started with. */
    JsonNode header() {
        return header;
    }

    /**
     * Where {@code results/} sits: reports and profiles go beside it. For a folder that is not inside a folder called
     * {@code results}, its own parent.
     */
    Path base() {
        Path parent = dir.toAbsolutePath().normalize().getParent();
        return parent.getFileName() != null && parent.getFileName().toString().equals("results") && parent.getParent() != null
                ? parent.getParent() : parent;
    }

    Path reports() {
        return base().resolve("reports").resolve(run());
    }

    Path profiles() {
        return base().resolve("profiles").resolve(run());
    }

    Path log() {
        return dir.resolve(LOG);
    }

    Path env() {
        return dir.resolve(ENV);
    }

    Path result(Step step) {
        return dir.resolve("jmh-" + step.name() + ".json");
    }

    /** Where JMH writes the step's results while it runs. */
    Path partial(Step step) throws IOException {
        Files.createDirectories(dir.resolve(PARTIAL));
        return dir.resolve(PARTIAL).resolve("jmh-" + step.name() + ".json");
    }

    /** A step is done when its result file holds at least one result (the file only ever appears whole). */
    boolean isDone(Step step) {
        return resultCount(result(step)) > 0;
    }

    /**
     * Moves a step's finished results into place.
     *
     * @return how many results JMH wrote (0: the benchmark failed, and nothing is moved)
     */
    int commit(Step step) throws IOException {
        Path partial = partial(step);
        int count = resultCount(partial);
        if (count > 0) {
            byte[] bytes = Files.readAllBytes(partial);
            writeBytes(result(step), bytes);
        }
        Files.deleteIfExists(partial);
        return count;
    }

    /** Forgets what an interrupted session left in {@code .partial/}: those steps run again. */
    void clearPartials() throws IOException {
        deleteTree(dir.resolve(PARTIAL));
    }

    /** Deletes a folder and everything in it; nothing when it does not exist. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    ObjectNode readEnv() throws IOException {
        return Files.isRegularFile(env()) ? (ObjectNode) JSON.readTree(env().toFile()) : JSON.createObjectNode();
    }

    void writeEnv(ObjectNode env) throws IOException {
        writeJson(env(), env);
    }

    static void writeJson(Path file, JsonNode node) throws IOException {
        writeBytes(file, (JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes a whole file atomically (temp file, fsync, rename), readable by everyone like any other output (the
     * temporary file is created owner-only).
     */
    static void writeBytes(Path file, byte[] bytes) throws IOException {
        AtomicWrite.write(file, out -> {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        });
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** Results in a JMH JSON file: 0 when it is missing, unreadable or not a JSON array. */
    private static int resultCount(Path file) {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            return root != null && root.isArray() ? root.size() : 0;
        } catch (IOException e) {
            return 0;                                      // truncated or not JSON: not results
        }
    }
}
