package io.quantbench.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several devices, and several JDKs in one run: one notebook with the run (and the JDK) as columns. */
class SeveralRunsTest {

    private static final String PI = "pi5-20260301T101500Z";
    private static final String LAPTOP = "laptop-20260302T080000Z";

    @Test
    void twoDevicesGoIntoOneNotebook(@TempDir Path dir) throws IOException {
        Path pi = SyntheticResults.device("pi5").write(dir.resolve("results"), "20260301T101500Z");
        // The laptop takes half the time in every configuration, under another JDK.
        Path laptop = SyntheticResults.device("laptop").jdks("25.0.1+8-LTS").slowerBy(0.5, 99)
                .write(dir.resolve("results"), "20260302T080000Z");
        NotebookExport.Result result = NotebookExport.export(List.of(pi, laptop), NotebookExportTest.FAST,
                dir.resolve("both/both.ipynb"));
        JsonNode notebook = NbformatSchema.MAPPER.readTree(result.notebook().toFile());
        assertEquals("", NbformatSchema.problems(NbformatSchema.load(), notebook));
        assertEquals(List.of("summary", "data", "load", "speedup", "sweep-generatebenchmark", "roofline", "run"), ids(notebook));

        CsvReader tidy = new CsvReader(Files.readString(result.tidyCsv()));
        assertEquals(2 * (6 * 2 + 4 + 6) * 12, tidy.rows.size(), "both runs' values");
        assertEquals(Set.of(PI + " pi5 17.0.15+6-Debian-1deb12u1 2026-03-01T10:15:00Z",
                        LAPTOP + " laptop 25.0.1+8-LTS 2026-03-02T08:00:00Z"),
                tidy.rows.stream().map(r -> r.get("run") + " " + r.get("device") + " " + r.get("jdk") + " " + r.get("run_started"))
                        .collect(Collectors.toSet()), "run, device, JDK and start as columns");

        CsvReader comparisons = new CsvReader(Files.readString(result.comparisonsCsv()));
        List<Map<String, String>> runRows = comparisons.rows.stream().filter(r -> r.get("comparison").equals("run"))
                .collect(Collectors.toList());
        assertEquals(2 * 7, comparisons.rows.size() - runRows.size(), "each run's 7 speedups");
        assertEquals(6 + 4 + 6, runRows.size(), "every configuration of the laptop against the Pi");
        for (Map<String, String> r : runRows) {
            assertEquals("run", r.get("axis"));
            assertEquals(LAPTOP, r.get("candidate"));
            assertEquals(PI, r.get("reference"));
            assertEquals(LAPTOP, r.get("run"));
            assertEquals("faster", r.get("verdict"), r.toString());
        }

        String summary = NotebookExportTest.source(notebook.get("cells").get(0));
        assertTrue(summary.contains("|  | " + PI + " | " + LAPTOP + " |"), "environments side by side: " + summary);
        assertTrue(summary.contains("| device | pi5 | laptop |"), summary);
        assertTrue(summary.contains("- Run against run (each configuration against the same one in **" + PI + "**): 16 faster,"), summary);
        assertTrue(summary.contains("| run | configuration |"), "the speedup table names the run");

        String sweep = NotebookExportTest.source(notebook.get("cells").get(4));
        assertTrue(sweep.contains("keys = [\"run\", \"format\", \"jdk\"]"), "one line per run, format and JDK: " + sweep);
        String speedups = NotebookExportTest.source(notebook.get("cells").get(3));
        assertTrue(speedups.contains("rows[\"run\"] + \": \" + rows[\"label\"]"), speedups);

        // Outputs: each run's report PNGs of the plot, and the comparison's run-against-run PNGs.
        assertEquals(pngs(dir.resolve("both/" + PI + "/plots"), "speedup-") + pngs(dir.resolve("both/" + LAPTOP + "/plots"), "speedup-"),
                notebook.get("cells").get(3).get("outputs").size());
        assertEquals(pngs(dir.resolve("both/plots"), "runs-"), notebook.get("cells").get(6).get("outputs").size());
        assertTrue(notebook.get("cells").get(6).get("outputs").size() > 0);
    }

    @Test
    void twoJdksInOneRunAreComparedWithTheJdkAsAColumn(@TempDir Path dir) throws IOException {
        Path run = SyntheticResults.device("pi5").jdks("17.0.15+6", "25.0.1+8-LTS").write(dir.resolve("results"), "20260301T101500Z");
        NotebookExport.Result result = NotebookExport.export(List.of(run), NotebookExportTest.FAST, dir.resolve("jdks/jdks.ipynb"));
        JsonNode notebook = NbformatSchema.MAPPER.readTree(result.notebook().toFile());
        assertEquals("", NbformatSchema.problems(NbformatSchema.load(), notebook));
        assertTrue(ids(notebook).contains("jdk"), ids(notebook).toString());

        CsvReader tidy = new CsvReader(Files.readString(result.tidyCsv()));
        assertEquals(new TreeSet<>(List.of("17.0.15+6", "25.0.1+8-LTS")), tidy.rows.stream().map(r -> r.get("jdk"))
                .collect(Collectors.toCollection(TreeSet::new)));
        CsvReader comparisons = new CsvReader(Files.readString(result.comparisonsCsv()));
        List<Map<String, String>> jdkRows = comparisons.rows.stream().filter(r -> r.get("comparison").equals("jdk"))
                .collect(Collectors.toList());
        assertEquals(6 + 4 + 6, jdkRows.size(), "every configuration under JDK 25 against JDK 17");
        jdkRows.forEach(r -> assertEquals("25.0.1+8-LTS faster than 17.0.15+6",
                r.get("candidate") + " " + r.get("verdict") + " than " + r.get("reference")));
        JsonNode jdkCell = notebook.get("cells").get(ids(notebook).indexOf("jdk"));
        assertEquals(pngs(dir.resolve("jdks/plots"), "jdk-"), jdkCell.get("outputs").size());
    }

    private static List<String> ids(JsonNode notebook) {
        List<String> ids = new ArrayList<>();
        notebook.get("cells").forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    private static long pngs(Path plots, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(plots)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix) && n.endsWith(".png")).count();
        }
    }
}
