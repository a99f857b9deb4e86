package io.quantbench.jmh.reproduce;

import io.quantbench.engine.kernel.Simd;
import io.quantbench.engine.model.ProcessStats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * {@code reproduce A|B|C|all}: runs the studies asked for, in order, and writes {@code reproduce.md} and
 * {@code reproduce.html} into the output folder after each one, so that a failure in a later study keeps the earlier
 * ones' sections.
 */
public final class Reproduction {

    /** The studies, in the order {@code all} runs them. */
    public static final List<String> STUDIES = List.of("A", "B", "C");

    private Reproduction() {
    }

    /**
     * Runs {@code studies} (a subset of {@link #STUDIES}) and returns the Markdown report.
     *
     * @throws IOException if a file cannot be read or written
     */
    public static Path run(List<String> studies, ReproduceSettings s) throws IOException {
        Files.createDirectories(s.out());
        ReportDocument doc = new ReportDocument();
        doc.heading(1, "quantbench: the published studies, reproduced");
        doc.paragraph("Published numbers (../shared/reference/STUDIES.md) are printed beside ours, never in their place."
                + " Machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + String.format(Locale.ROOT,
                "%.1f GB RAM", ProcessStats.totalMemoryBytes() / 1e9) + ", JDK " + Runtime.version() + ", " + Simd.bits()
                + "-bit vectors; " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_INSTANT) + ".");
        doc.paragraph("Benchmark settings: " + s.jmhSettings() + (s.forks() < 3 || s.iterations() < 5
                ? ". These are short settings, chosen so that a study finishes within minutes: with few forks the intervals"
                + " are wide (and with fewer than 3 forks not to be trusted). For a publishable run use more forks and longer"
                + " iterations (--forks 10 --iterations 5 --time 2s) on an otherwise idle machine." : "."));
        SpeedModels speedModels = new SpeedModels();
        Path report = s.out().resolve("reproduce.md");
        for (String study : studies) {
            switch (study) {
                case "A":
                    StudyA.run(s, speedModels, doc);
                    break;
                case "B":
                    StudyB.run(s, speedModels, doc);
                    break;
                case "C":
                    StudyC.run(s, doc);
                    break;
                default:
                    throw new IllegalArgumentException("unknown study " + study + "; valid: " + String.join(", ", STUDIES));
            }
            doc.write(s.out(), "reproduce", "quantbench reproduction");
            s.progress().println("report so far: " + report.toAbsolutePath());
        }
        return report;
    }

    /** {@code reports/reproduce-<UTC time>}. */
    public static Path defaultOut() {
        return Paths.get("reports", "reproduce-" + ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")));
    }

    /**
     * The shared data folder: {@code explicit} when given, else the variable {@code QUANTBENCH_DATA}, else a
     * {@code shared/data} folder beside the working directory or one of its parents; null when there is none.
     */
    public static Path dataDirectory(Path explicit) {
        if (explicit != null) {
            return explicit;
        }
        String variable = System.getenv("QUANTBENCH_DATA");
        if (variable != null && !variable.isBlank()) {
            return Paths.get(variable);
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
