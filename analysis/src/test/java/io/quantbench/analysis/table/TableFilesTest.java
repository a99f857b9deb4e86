package io.quantbench.analysis.table;

import io.quantbench.analysis.stats.Interval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableFilesTest {

    private static Table sample() {
        return new Table.Builder("speedups_x", "Speedup against F32", "Holm-corrected; 95 % intervals.")
                .column(Table.Column.text("format"))
                .column(Table.Column.interval("speedup", "× F32"))
                .column(Table.Column.number("share", "%"))
                .column(Table.Column.verdict("verdict"))
                .row("INT8", new Interval(4, 3.9103384582486562, 4.091717423142448), 87.890625, "faster")
                .row("A|B, \"q\"", Interval.unknown(2), Double.NaN, "inconclusive")
                .build();
    }

    @Test
    void markdownHasUnitsInHeadersAndRightAlignedNumbers() {
        String md = TableFiles.markdown(sample());
        List<String> lines = md.lines().toList();
        assertEquals("## Speedup against F32", lines.get(0));
        assertEquals("| format | speedup (× F32) | share (%) | verdict |", lines.get(4));
        assertEquals("| --- | ---: | ---: | --- |", lines.get(5));
        assertEquals("| INT8 | 4.000 [3.910, 4.092] | 87.89 | faster |", lines.get(6));
        assertEquals("| A\\|B, \"q\" | 2.000 | – | inconclusive |", lines.get(7));
    }

    @Test
    void csvSplitsIntervalsIntoFullPrecisionColumns() {
        List<String> lines = TableFiles.csv(sample()).lines().toList();
        assertEquals("format,speedup (× F32),speedup low (× F32),speedup high (× F32),share (%),verdict", lines.get(0));
        assertEquals("INT8,4.0,3.9103384582486562,4.091717423142448,87.890625,faster", lines.get(1));
        assertEquals("\"A|B, \"\"q\"\"\",2.0,,,,inconclusive", lines.get(2));
        assertTrue(TableFiles.csv(sample()).contains("\r\n"), "RFC 4180 line ends");
    }

    @Test
    void latexIsBooktabsWithEscapes() {
        String tex = TableFiles.latex(sample());
        assertTrue(tex.contains("\\begin{tabular}{lrrl}"), tex);
        assertTrue(tex.contains("\\toprule") && tex.contains("\\midrule") && tex.contains("\\bottomrule"), tex);
        assertTrue(tex.contains("format & speedup ($\\times$ F32) & share (\\%) & verdict \\\\"), tex);
        assertTrue(tex.contains("\\label{tab:speedups-x}"), tex);
        assertTrue(tex.contains("Holm-corrected; 95 \\% intervals."), tex);
        // Every row has as many cells as the tabular has columns.
        tex.lines().filter(l -> l.endsWith("\\\\")).forEach(l -> assertEquals(3, l.split(" & ", -1).length - 1, l));
    }

    @Test
    void writesThreeFiles(@TempDir Path dir) throws Exception {
        List<Path> files = TableFiles.write(sample(), dir);
        assertEquals(List.of(dir.resolve("speedups_x.md"), dir.resolve("speedups_x.csv"), dir.resolve("speedups_x.tex")), files);
        for (Path f : files) {
            assertTrue(Files.size(f) > 0);
        }
        try (var listing = Files.list(dir)) {
            assertEquals(3, listing.count(), "no temporary files left behind");
        }
    }

    @Test
    void rowsMustFitTheColumns() {
        Table.Builder b = new Table.Builder("t", "t", "").column(Table.Column.interval("x", ""));
        assertThrows(IllegalArgumentException.class, () -> b.row("not an interval"));
        assertThrows(IllegalArgumentException.class, () -> b.row(Interval.unknown(1), "extra"));
    }
}
