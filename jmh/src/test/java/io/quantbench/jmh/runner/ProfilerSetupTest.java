package io.quantbench.jmh.runner;

import io.quantbench.jmh.cli.Subcommands.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.options.ProfilerConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** async-profiler without set-up: the bundled library, the options JMH gets, every fork kept, the engine found. */
class ProfilerSetupTest {

    @Test
    void picksTheLinuxLibraryOfThisCpu() {
        assertEquals("linux-x64", AsyncProfilerSetup.platform("Linux", "amd64"));
        assertEquals("linux-arm64", AsyncProfilerSetup.platform("Linux", "aarch64"));
        UsageException mac = assertThrows(UsageException.class, () -> AsyncProfilerSetup.platform("Mac OS X", "aarch64"));
        assertTrue(mac.getMessage().contains("libPath"), "says how to bring one's own library: " + mac.getMessage());
    }

    @Test
    void unpacksTheBundledLibraryOnce() throws IOException {
        Path lib = AsyncProfilerSetup.unpack();
        byte[] elf = Arrays.copyOf(Files.readAllBytes(lib), 4);
        assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, elf, "a shared object");
        assertEquals(lib, AsyncProfilerSetup.unpack());
        assertFalse(AsyncProfilerSetup.version().equals("unknown"));
    }

    @Test
    void flamegraphAddsAsyncWithLibraryCpuEventAndAFolderPerStep(@TempDir Path dir) {
        Path lib = dir.resolve("lib.so");
        Path step = dir.resolve("profiles/run/0001-step");
        List<ProfilerConfig> profilers = AsyncProfilerSetup.forStep(List.of(new ProfilerConfig("gc", "")), true, lib, step);
        assertEquals(List.of("gc", "async", ForkProfiles.class.getName()),
                profilers.stream().map(ProfilerConfig::getKlass).collect(java.util.stream.Collectors.toList()),
                "ForkProfiles after async, so that it looks before async-profiler stops");
        Map<String, String> async = AsyncProfilerSetup.parseOptions(profilers.get(1).getOpts());
        assertEquals(lib.toString(), async.get("libPath"));
        assertEquals("cpu", async.get("event"));
        assertEquals("flamegraph", async.get("output"));
        assertTrue(Path.of(async.get("dir")).startsWith(step), async.get("dir"));
    }

    @Test
    void theUsersAsyncOptionsWin(@TempDir Path dir) {
        List<ProfilerConfig> profilers = AsyncProfilerSetup.forStep(
                List.of(new ProfilerConfig("async", "libPath=/opt/ap/lib.so;event=itimer;output=jfr;interval=1000000")),
                true, dir.resolve("bundled.so"), dir.resolve("step"));
        Map<String, String> async = AsyncProfilerSetup.parseOptions(profilers.get(0).getOpts());
        assertEquals("/opt/ap/lib.so", async.get("libPath"));
        assertEquals("itimer", async.get("event"));
        assertEquals("jfr,flamegraph", async.get("output"), "--flamegraph adds flame graphs to the user's outputs");
        assertEquals("1000000", async.get("interval"));
    }

    @Test
    void plainProfAsyncAlsoGetsFlameGraphs(@TempDir Path dir) {
        List<ProfilerConfig> profilers = AsyncProfilerSetup.forStep(List.of(new ProfilerConfig("async", "")), false,
                dir.resolve("bundled.so"), dir.resolve("step"));
        Map<String, String> async = AsyncProfilerSetup.parseOptions(profilers.get(0).getOpts());
        assertEquals(dir.resolve("bundled.so").toString(), async.get("libPath"));
        assertEquals("cpu", async.get("event"));
        assertEquals("flamegraph", async.get("output"), "not JMH's default text summary");
        assertEquals(ForkProfiles.class.getName(), profilers.get(1).getKlass());
    }

    @Test
    void plainProfilersAreLeftAlone(@TempDir Path dir) {
        List<ProfilerConfig> gc = List.of(new ProfilerConfig("gc", ""));
        assertEquals(gc, AsyncProfilerSetup.forStep(gc, false, dir.resolve("lib.so"), dir));
    }

    @Test
    void everyForkKeepsItsOwnFiles(@TempDir Path dir) throws Exception {
        Path from = dir.resolve("step/.incoming");
        Path to = dir.resolve("step");
        ForkProfiles keeper = new ForkProfiles("from=" + from + ";to=" + to);
        for (int trial = 1; trial <= 3; trial++) {
            Path written = from.resolve("io.quantbench.jmh.X.y-AverageTime");       // what JMH's async profiler writes
            Files.createDirectories(written);
            Files.writeString(written.resolve("flame-cpu-forward.html"), "fork " + trial);
            keeper.keep(trial, 1);
        }
        assertEquals("fork 1", Files.readString(to.resolve("warmup-fork-1/flame-cpu-forward.html")));
        assertEquals("fork 2", Files.readString(to.resolve("fork-1/flame-cpu-forward.html")));
        assertEquals("fork 3", Files.readString(to.resolve("fork-2/flame-cpu-forward.html")));
        assertFalse(Files.exists(from), "nothing left in the incoming folder");
    }

    @Test
    void findsTheEngineFromWhatTheProcessHasOpen(@TempDir Path dir) throws IOException {
        Path perf = dir.resolve("perf");
        Files.createDirectories(perf.resolve("fd"));
        Files.createSymbolicLink(perf.resolve("fd/0"), Path.of("/dev/null"));
        Files.createSymbolicLink(perf.resolve("fd/7"), Path.of("anon_inode:[perf_event]"));
        Files.createSymbolicLink(perf.resolve("fd/8"), Path.of("anon_inode:[perf_event]"));
        Files.writeString(perf.resolve("status"), "Name:\tjava\nUid:\t0\t0\t0\t0\n");
        String perfEvents = ForkProfiles.detectEngine(perf);
        assertTrue(perfEvents.startsWith("engine=perf_events\n"), perfEvents);
        assertTrue(perfEvents.contains("2 perf_event") && perfEvents.contains("root"), perfEvents);

        Path ctimer = dir.resolve("ctimer");
        Files.createDirectories(ctimer.resolve("fd"));
        Files.writeString(ctimer.resolve("timers"), "ID: 0\nsignal: 27/0000000000000000\nnotify: signal/tid.6804\nClockID: -54434\n");
        assertTrue(ForkProfiles.detectEngine(ctimer).startsWith("engine=ctimer\n"));

        Path itimer = dir.resolve("itimer");
        Files.createDirectories(itimer.resolve("fd"));
        Files.writeString(itimer.resolve("timers"), "");
        assertTrue(ForkProfiles.detectEngine(itimer).startsWith("engine=itimer\n"));

        assertTrue(ForkProfiles.detectEngine(dir.resolve("absent")).startsWith("engine=unknown\n"));
    }
}
