package io.quantbench.jmh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportNotebookCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A results folder where INT8 takes a quarter of F32's time at one shape: three forks of two iterations each. */
    private static Path results(Path dir) throws IOException {
        ArrayNode entries = JSON.createArrayNode();
        for (String format : new String[] {"F32", "INT8"}) {
            double time = format.equals("F32") ? 400 : 100;
            ObjectNode e = entries.addObject().put("jmhVersion", "1.37").put("benchmark", "io.quantbench.jmh.MatVecBenchmark.matvec")
                    .put("mode", "avgt").put("forks", 3).put("vmVersion", "17.0.15+6");
            e.putObject("params").put("format", format).put("shape", "768x3072").put("threads", "1");
            ObjectNode primary = e.putObject("primaryMetric").put("score", time).put("scoreUnit", "us/op");
            ArrayNode forks = primary.putArray("rawData");
            for (double[] fork : new double[][] {{1, 1.01}, {1.02, 1.01}, {0.98, 0.99}}) {
                forks.addArray().add(time * fork[0]).add(time * fork[1]);
            }
        }
        Path run = Files.createDirectories(dir.resolve("results").resolve("host-20260101T000000Z"));
        JSON.writeValue(run.resolve("jmh.json").toFile(), entries);
        return run;
    }

    @Test
    void writesTheNotebookBesideTheReport(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("nb/host.ipynb");
        CliRun r = CliRun.run("export-notebook", results(dir).toString(), "--out", out.toString());
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.out.contains("notebook: " + out.toAbsolutePath()), r.out);
        assertTrue(r.out.contains("report: " + dir.resolve("nb/index.html").toAbsolutePath()), r.out);
        JsonNode notebook = JSON.readTree(out.toFile());
        assertEquals(5, notebook.get("nbformat_minor").asInt());
        assertTrue(notebook.get("cells").get(0).get("source").toString().contains("1 faster, 0 slower"), "INT8 is 4× faster");
        assertTrue(Files.readString(dir.resolve("nb/tidy.csv")).startsWith("run,run_started,device,cpu,jdk,benchmark,mode,format,shape,threads,"));
    }

    @Test
    void badUsageExitsWith2() throws IOException {
        CliRun missing = CliRun.run("export-notebook", "no/such/results");
        assertEquals(2, missing.exitCode);
        assertTrue(missing.err.contains("no/such/results: no such file or folder"), missing.err);
        assertTrue(missing.err.contains("Usage: export-notebook"), "usage follows the message");
        assertEquals(2, CliRun.run("export-notebook").exitCode, "no input at all");
        assertEquals(2, CliRun.run("export-notebook", ".", "--nope").exitCode);
    }

    @Test
    void anOutputThatIsNotANotebookIsBadUsage(@TempDir Path dir) throws IOException {
        CliRun r = CliRun.run("export-notebook", results(dir).toString(), "--out", dir.resolve("x.json").toString());
        assertEquals(2, r.exitCode);
        assertTrue(r.err.contains("must end in .ipynb"), r.err);
        assertFalse(Files.exists(dir.resolve("index.html")), "nothing written");

        Files.writeString(dir.resolve("mine.ipynb"), "{}");
        CliRun beside = CliRun.run("export-notebook", results(dir).toString(), "--out", dir.resolve("x.ipynb").toString());
        assertEquals(2, beside.exitCode, "another notebook's CSV files would be replaced");
        assertTrue(beside.err.contains("already holds mine.ipynb"), beside.err);
    }

    @Test
    void unreadableResultsAreAFailureNamingTheFile(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("jmh.json");
        Files.writeString(bad, "[{\"benchmark\": ");
        CliRun r = CliRun.run("export-notebook", bad.toString(), "--out", dir.resolve("out/x.ipynb").toString());
        assertEquals(1, r.exitCode);
        assertTrue(r.err.contains(bad + ": malformed JSON"), r.err);
        assertFalse(Files.exists(dir.resolve("out")), "nothing written");
    }

    @Test
    void helpNamesTheOptions() {
        CliRun r = CliRun.run("export-notebook", "--help");
        assertEquals(0, r.exitCode);
        assertTrue(r.out.contains("--out") && r.out.contains("<results>") && r.out.contains("tidy.csv"), r.out);
    }
}
