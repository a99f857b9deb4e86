package io.quantbench.jmh.runner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Which code is measuring: the suite's version and the git commit the jar was built from, baked in at build time
 * ({@code build.properties} and {@code git-describe.txt}, see jmh/pom.xml). {@code dirty} means the tree had
 * uncommitted changes, so the commit alone does not reproduce the code.
 *
 * @param commit 40 hex digits, or {@value #UNKNOWN} for a build outside a git checkout
 */
public record BuildInfo(String version, String commit, boolean dirty) {

    public static final String UNKNOWN = "unknown";

    public static BuildInfo current() {
        Properties p = new Properties();
        String describe = "";
        try (InputStream props = BuildInfo.class.getResourceAsStream("/io/quantbench/jmh/build.properties");
             InputStream git = BuildInfo.class.getResourceAsStream("/io/quantbench/jmh/git-describe.txt")) {
            if (props != null) {
                p.load(props);
            }
            if (git != null) {
                describe = new String(git.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
        } catch (IOException e) {
            // a jar that cannot read its own resources: report what is known
        }
        return parse(p.getProperty("version", UNKNOWN), describe);
    }

    /** From {@code git describe --always --dirty --abbrev=40} output: {@code <sha>} or {@code <sha>-dirty}; anything else is unknown. */
    static BuildInfo parse(String version, String describe) {
        boolean dirty = describe.endsWith("-dirty");
        String sha = dirty ? describe.substring(0, describe.length() - "-dirty".length()) : describe;
        return sha.matches("[0-9a-f]{40}") ? new BuildInfo(version, sha, dirty) : new BuildInfo(version, UNKNOWN, false);
    }

    /** {@code 0.1.0-SNAPSHOT cca8b59 (dirty)}. */
    @Override
    public String toString() {
        return version + " " + (commit.equals(UNKNOWN) ? "commit unknown" : commit.substring(0, 12)) + (dirty ? " (dirty)" : "");
    }
}
