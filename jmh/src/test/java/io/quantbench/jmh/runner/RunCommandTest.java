package io.quantbench.jmh.runner;

import io.quantbench.jmh.cli.CliRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input to {@code run}: exit code 2, a message that lists what is valid, and nothing run or written. (The
 * runs that do run are in {@link SweepEndToEndTest}.)
 */
class RunCommandTest {

    @BeforeAll
    static void ignoreOtherJmhRuns() {
        System.setProperty("jmh.ignoreLock", "true");
    }

    /** Runs {@code run --base-dir <dir> args...}; asserts exit code 2 and that no results folder appeared. */
    private static String usageError(Path dir, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--base-dir";
        all[1] = dir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        CliRun r = CliRun.run("run", all);
        assertEquals(2, r.exitCode, r.toString());
        assertFalse(Files.exists(dir.resolve("results")), "nothing may be written before the sweep is valid");
        return r.err;
    }

    @Test
    void unknownProfile(@TempDir Path dir) {
        assertTrue(usageError(dir, "--profile", "fast").contains("valid profiles: quick, default, full"));
    }

    @Test
    void unknownFormatShapeAndParam(@TempDir Path dir) {
        assertTrue(usageError(dir, "-p", "format=FP16").contains("valid formats: F32, INT8, INT4, TERNARY"));
        String shape = usageError(dir, "MatMulBenchmark", "-p", "shape=4096x4096");
        assertTrue(shape.contains("valid shapes: 2304x768, 768x768"), shape);
        String param = usageError(dir, "-p", "precision=INT8");
        assertTrue(param.contains("'precision'") && param.contains("parameters: "), param);
    }

    @Test
    void unknownOptionListsTheRunnersAndJmhsOptions(@TempDir Path dir) {
        String err = usageError(dir, "--profle", "quick");
        assertTrue(err.contains("--profile, --flamegraph, --jvm, --resume"), err);
        assertTrue(err.contains("-wi") && err.contains("-prof") && err.contains("-jvmArgsAppend"), "JMH's own options: " + err);
    }

    @Test
    void benchmarkRegexThatMatchesNothing(@TempDir Path dir) {
        assertTrue(usageError(dir, "NoSuchBenchmark").contains("ActivationQuantBenchmark.quantize"));
    }

    @Test
    void missingOrBrokenJdk(@TempDir Path dir) throws IOException {
        assertTrue(usageError(dir, "--jvm", dir.resolve("no-such-jdk/bin/java").toString()).contains("no such file"));
        Path broken = dir.resolve("broken-java");
        Files.writeString(broken, "#!/bin/sh\necho 'Error: could not find libjvm.so' >&2\nexit 1\n");
        Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwxr-xr-x"));
        String err = usageError(dir, "--jvm", broken.toString());
        assertTrue(err.contains("exited with code 1") && err.contains("libjvm.so"), err);
        assertTrue(usageError(dir, "--jvm", "/bin/true", "-jvm", "/bin/true").contains("--jvm"), "-jvm and --jvm together");
    }

    @Test
    void resumeRefusesAFolderThatIsNotASweepAndChangesNothing(@TempDir Path dir) throws IOException {
        Path notOurs = dir.resolve("some-jmh-output");
        Files.createDirectories(notOurs);
        Files.writeString(notOurs.resolve("jmh.json"), "[]");
        Files.writeString(notOurs.resolve("sweep.json"), "{\"format\": \"something-else\"}");
        Map<String, String> before = contents(notOurs);
        String err = usageError(dir, "--resume", notOurs.toString());
        assertTrue(err.contains("not written by quantbench's runner") && err.contains("nothing was changed"), err);
        assertEquals(before, contents(notOurs));

        Files.delete(notOurs.resolve("sweep.json"));
        assertTrue(usageError(dir, "--resume", notOurs.toString()).contains("not a results folder of `run`"));
        assertTrue(usageError(dir, "--resume", dir.resolve("missing").toString()).contains("no such folder"));
    }

    @Test
    void resumeTakesNoOtherSettings(@TempDir Path dir) {
        String err = usageError(dir, "--resume", dir.toString(), "--profile", "quick", "-f", "1");
        assertTrue(err.contains("leave out --profile quick -f 1"), err);
    }

    @Test
    void helpListsTheRunnersOptionsAndJmhs() {
        CliRun r = CliRun.run("run", "-h");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.out.contains("--profile") && r.out.contains("--resume") && r.out.contains("-jvmArgsAppend"), r.out);
    }

    private static Map<String, String> contents(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toMap(Path::toString, p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, (a, b) -> a, TreeMap::new));
        }
    }
}
