package io.quantbench.jmh.runner;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * env.json's machine facts from made-up /proc and /sys trees: a Raspberry Pi 5 (what the suite is for, and what
 * this x86 test machine cannot show) and a VM without cpufreq or thermal zones (what this machine is).
 */
class EnvironmentCaptureTest {

    private static final String PI5_CORE = "processor\t: %d\nBogoMIPS\t: 108.00\n"
            + "Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp\n"
            + "CPU implementer\t: 0x41\nCPU architecture: 8\nCPU variant\t: 0x4\nCPU part\t: 0xd0b\nCPU revision\t: 1\n\n";

    private static void write(Path root, String file, String text) throws IOException {
        Path p = root.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static Path raspberryPi5(Path root) throws IOException {
        StringBuilder cpuinfo = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            cpuinfo.append(String.format(PI5_CORE, i));
        }
        cpuinfo.append("Revision\t: d04170\nSerial\t\t: 0123456789abcdef\nModel\t\t: Raspberry Pi 5 Model B Rev 1.0\n");
        write(root, "proc/cpuinfo", cpuinfo.toString());
        for (int i = 0; i < 4; i++) {
            write(root, "sys/devices/system/cpu/cpu" + i + "/cpufreq/scaling_governor", "ondemand\n");
            write(root, "sys/devices/system/cpu/cpu" + i + "/cpufreq/scaling_cur_freq", "2400000\n");
            write(root, "sys/devices/system/cpu/cpu" + i + "/cpufreq/cpuinfo_min_freq", "1500000\n");
            write(root, "sys/devices/system/cpu/cpu" + i + "/cpufreq/cpuinfo_max_freq", "2400000\n");
        }
        write(root, "sys/class/thermal/thermal_zone0/type", "cpu-thermal\n");
        write(root, "sys/class/thermal/thermal_zone0/temp", "52300\n");
        write(root, "proc/meminfo", "MemTotal:        8245412 kB\nMemFree:         7000000 kB\nMemAvailable:    7800000 kB\n");
        write(root, "etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n");
        write(root, "proc/sys/kernel/osrelease", "6.6.51+rpt-rpi-2712\n");
        write(root, "proc/sys/kernel/perf_event_paranoid", "2\n");
        write(root, "proc/sys/kernel/kptr_restrict", "1\n");
        write(root, "proc/sys/kernel/hostname", "raspberrypi\n");
        write(root, "proc/loadavg", "0.08 0.03 0.01 1/190 1234\n");
        return root;
    }

    @Test
    void readsARaspberryPi5(@TempDir Path dir) throws IOException {
        EnvironmentCapture capture = new EnvironmentCapture(raspberryPi5(dir));
        ObjectNode cpu = capture.cpu();
        assertEquals("Cortex-A76", cpu.path("model").asText(), "CPU part 0xd0b");
        assertEquals("ARM", cpu.path("vendor").asText());
        assertEquals("Raspberry Pi 5 Model B Rev 1.0", cpu.path("board").asText());
        assertEquals(4, cpu.path("logicalCores").asInt());
        assertEquals(4, cpu.path("physicalCores").asInt(), "ARM cpuinfo has no core ids: one core per processor");
        assertTrue(cpu.path("flags").toString().contains("asimddp"), "ARM's Features line: " + cpu.path("flags"));
        assertEquals("ondemand", cpu.path("governor").asText());
        assertEquals(2400.0, cpu.path("frequencyMHz").path("cpu0").path("current").asDouble());
        assertEquals(1500.0, cpu.path("frequencyMHz").path("cpu3").path("min").asDouble());
        assertFalse(cpu.path("virtualized").asBoolean());
        assertEquals(52.3, capture.thermal().path("thermal_zone0 (cpu-thermal)").asDouble(), 1e-9);
        assertEquals(8245412L * 1024, capture.memory().path("totalBytes").asLong());
        assertEquals("Debian GNU/Linux 12 (bookworm)", capture.os().path("distribution").asText());
        assertEquals("6.6.51+rpt-rpi-2712", capture.os().path("kernel").asText());
        assertEquals("2", capture.perf().path("perf_event_paranoid").asText());
        assertEquals("1", capture.perf().path("kptr_restrict").asText());
        assertEquals("raspberrypi", capture.hostName());
    }

    @Test
    void saysWhatAVmDoesNotExpose(@TempDir Path root) throws IOException {
        write(root, "proc/cpuinfo", "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC\ncpu MHz\t\t: 2596.120\n"
                + "physical id\t: 0\ncore id\t\t: 0\nflags\t\t: fpu avx2 hypervisor avx512f\n\n"
                + "processor\t: 1\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC\ncpu MHz\t\t: 2596.120\n"
                + "physical id\t: 0\ncore id\t\t: 1\nflags\t\t: fpu avx2 hypervisor avx512f\n");
        EnvironmentCapture capture = new EnvironmentCapture(root);
        ObjectNode cpu = capture.cpu();
        assertEquals("AMD EPYC", cpu.path("model").asText());
        assertEquals(2, cpu.path("physicalCores").asInt());
        assertTrue(cpu.path("virtualized").asBoolean(), "the hypervisor flag");
        assertTrue(cpu.path("governor").asText().startsWith("unavailable: no "), cpu.path("governor").asText());
        assertEquals(2596.12, cpu.path("frequencyMHz").path("current").asDouble(), 1e-9);
        assertTrue(capture.thermal().path("unavailable").asText().contains("thermal"), capture.thermal().toString());
        assertEquals("unavailable", capture.perf().path("perf_event_paranoid").asText());
        assertTrue(capture.memory().has("unavailable"));
    }

    @Test
    void theWholeFileHasTheBuildTheJvmsTheLayersAndRoomForSessions(@TempDir Path dir) throws Exception {
        SweepPlan plan = SweepPlan.build(Profile.named("quick"), JmhArgs.parse(List.of("MatMulBenchmark")), List.of(), false,
                BenchmarkCatalog.load());
        ObjectNode jvm = JvmProbe.facts();
        ObjectNode env = new EnvironmentCapture(raspberryPi5(dir)).capture(new BuildInfo("1.0", "a".repeat(40), true),
                "raspberrypi", List.of(jvm), plan);
        assertEquals("a".repeat(40), env.path("quantbench").path("commit").asText());
        assertTrue(env.path("quantbench").path("dirty").asBoolean());
        assertEquals("bitnet-2b4t ffn_down", env.path("layers").path("2560x6912").asText());
        assertEquals(jvm, env.path("jvms").get(0));
        assertTrue(env.path("runner").path("jvmArgs").isArray());
        assertTrue(env.path("sessions").isArray());
        for (String key : List.of("cpu", "memory", "os", "thermal", "loadAverage", "perf")) {
            assertTrue(env.has(key), key);
        }
    }

    @Test
    void theProbeReportsTheVectorWidthAndCollectorOfTheJvmItRunsIn() {
        ObjectNode facts = JvmProbe.facts();
        assertEquals(Integer.getInteger("quantbench.simd.bits", facts.path("preferredVectorBits").asInt()),
                facts.path("vectorBits").asInt(), "the width the kernels use in this JVM");
        assertTrue(facts.path("gc").size() > 0);
        assertEquals(System.getProperty("java.vm.version"), facts.path("vmVersion").asText());
    }

    @Test
    void aJvmIsAJdkFolderACommandOnPathOrAPath(@TempDir Path dir) throws IOException {
        Path jdk = dir.resolve("jdk");
        Path launcher = jdk.resolve("bin/java");
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/bin/sh\n");
        launcher.toFile().setExecutable(true);
        String path = dir.resolve("empty") + File.pathSeparator + launcher.getParent();
        assertEquals(launcher, JvmProbe.executable(jdk.toString(), path), "a JDK folder: its bin/java");
        assertEquals(launcher, JvmProbe.executable("java", path), "a bare name: the first on PATH");
        assertEquals(Path.of("java17").toAbsolutePath(), JvmProbe.executable("java17", path),
                "not on PATH: left for the probe to call missing");
        assertEquals(Path.of("/opt/x/bin/java"), JvmProbe.executable("/opt/x/bin/java", path));
    }

    @Test
    void buildInfoReadsGitDescribe() {
        BuildInfo clean = BuildInfo.parse("1.0", "0123456789abcdef0123456789abcdef01234567");
        assertEquals("0123456789abcdef0123456789abcdef01234567", clean.commit());
        assertFalse(clean.dirty());
        assertTrue(BuildInfo.parse("1.0", "0123456789abcdef0123456789abcdef01234567-dirty").dirty());
        assertEquals(BuildInfo.UNKNOWN, BuildInfo.parse("1.0", "fatal: not a git repository").commit());
        // Built in a git checkout (Maven runs the tests in jmh/), the jar knows its commit.
        if (Files.exists(Path.of("..", ".git"))) {
            assertTrue(BuildInfo.current().commit().matches("[0-9a-f]{40}"), BuildInfo.current().toString());
        }
    }
}
