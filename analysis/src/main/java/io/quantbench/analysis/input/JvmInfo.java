package io.quantbench.analysis.input;

import java.util.List;

/** The JVM a benchmark entry ran in, as JMH records it ({@code jvm}, {@code jvmArgs}, {@code jdkVersion}, {@code vmName}, {@code vmVersion}). */
public record JvmInfo(String path, List<String> args, String jdkVersion, String vmName, String vmVersion) {

    /**
     * A short name for the JDK axis: the VM version (e.g. {@code 17.0.15+6-Debian-1deb12u1}), which
     * tells builds apart; the JDK version when JMH did not write the VM's; "unknown" when neither.
     */
    public String label() {
        if (!vmVersion.isEmpty()) {
            return vmVersion;
        }
        return jdkVersion.isEmpty() ? "unknown" : jdkVersion;
    }
}
