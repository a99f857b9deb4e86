package io.quantbench.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantbench.engine.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real JMH files of other projects (../shared/data/jmh, see PROVENANCE.md): no format parameter, so no
 * speedups; throughput mode; secondary metrics with "NaN" errors and U+00B7 names.
 */
class RealJmhFilesTest {

    @Test
    void throughputOfTwoForksWithoutFormats(@TempDir Path dir) throws Exception {
        Path file = Fixtures.require("jmh/json-bench.jmh-result.json");
        NotebookExport.Result result = NotebookExport.export(List.of(file), NotebookExportTest.FAST, dir.resolve("nb.ipynb"));
        JsonNode notebook = NbformatSchema.MAPPER.readTree(result.notebook().toFile());
        assertEquals("", NbformatSchema.problems(NbformatSchema.load(), notebook));
        String summary = NotebookExportTest.source(notebook.get("cells").get(0));
        assertTrue(summary.contains("no speedups: no configuration has a partner with format = F32 and otherwise equal"), summary);

        JsonNode entries = NbformatSchema.MAPPER.readTree(file.toFile());
        CsvReader tidy = new CsvReader(Files.readString(result.tidyCsv()));
        assertEquals(countRawValues(entries), tidy.rows.size());
        for (Map<String, String> row : tidy.rows) {
            assertEquals("ops/s", row.get("unit"));
            assertEquals("", row.get("run_started"), "a plain JMH file's name has no time");
            // A throughput of v operations per second is 1/v seconds per operation.
            double v = Double.parseDouble(row.get("value"));
            assertEquals(1 / v, Double.parseDouble(row.get("seconds_per_op")), 1e-12 / v);
        }
        assertEquals("rows=0 columns=" + new CsvReader(Files.readString(result.comparisonsCsv())).header.size(),
                Python.run(dir, "check_csv.py", result.comparisonsCsv().toString()), "a header and no rows");
        Python.run(dir, "check_notebook.py", result.notebook().toString());
    }

    @Test
    void secondaryMetricsWithNanErrorsAndMiddleDots(@TempDir Path dir) throws Exception {
        Path file = Fixtures.require("jmh/scala-blake3.jmh-result.intel.json");
        NotebookExport.Result result = NotebookExport.export(List.of(file), NotebookExportTest.FAST, dir.resolve("nb.ipynb"));
        assertEquals("", NbformatSchema.problems(NbformatSchema.load(), NbformatSchema.MAPPER.readTree(result.notebook().toFile())));
        JsonNode entries = NbformatSchema.MAPPER.readTree(file.toFile());
        CsvReader tidy = new CsvReader(Files.readString(result.tidyCsv()));
        assertEquals(countRawValues(entries), tidy.rows.size(), "primary and secondary values");
        assertTrue(tidy.rows.stream().anyMatch(r -> r.get("metric").equals("gc.alloc.rate.norm") && r.get("unit").equals("B/op")),
                "secondary metrics without the middle dot");
        assertTrue(tidy.rows.stream().noneMatch(r -> r.get("metric").contains("\u00b7")));
        Python.run(dir, "check_csv.py", result.tidyCsv().toString(), "--numeric", "fork,iteration,value,seconds_per_op,dataLen,hashLen");
    }

    /** Values in every rawData matrix of the file, primary and secondary. */
    private static int countRawValues(JsonNode entries) {
        int n = 0;
        for (JsonNode e : entries) {
            n += cells(e.get("primaryMetric").get("rawData"));
            for (JsonNode m : e.get("secondaryMetrics")) {
                n += cells(m.get("rawData"));
            }
        }
        return n;
    }

    private static int cells(JsonNode matrix) {
        int n = 0;
        for (JsonNode row : matrix) {
            n += row.size();
        }
        return n;
    }
}
