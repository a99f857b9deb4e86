package io.quantbench.engine.model;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The process figures study C compares: CPU time (all threads: the kernel pool, the JIT, the GC) and peak
 * resident memory, against the machine's RAM.
 */
public final class ProcessStats {

    private static final Path STATUS = Paths.get("/proc/self/status");

    private ProcessStats() {
    }

    /** CPU time of the whole process so far, in nanoseconds, or -1 when the JVM cannot tell. */
    public static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return -1;
    }

    /** Peak resident set size in bytes ({@code VmHWM} of /proc/self/status), or -1 where there is no /proc (not Linux). */
    public static long peakResidentBytes() {
        return statusKiloBytes("VmHWM:");
    }

    /** Current resident set size in bytes ({@code VmRSS}), or -1. */
    public static long residentBytes() {
        return statusKiloBytes("VmRSS:");
    }

    /** The machine's physical memory in bytes, or -1. */
    public static long totalMemoryBytes() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize();
        }
        return -1;
    }

    private static long statusKiloBytes(String field) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(field)) {
                    return 1024 * Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
