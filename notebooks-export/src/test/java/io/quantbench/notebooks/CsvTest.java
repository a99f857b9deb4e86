package io.quantbench.notebooks;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvTest {

    @Test
    void numbersArePlainDecimalsThatReadBackExactly() {
        double[] values = {0, 1, -1, 0.1, 1e-5, 4.8e-10, 536870912, 1.5e21, 123456.789, -2.5e-7, Math.PI, Double.MIN_NORMAL,
                Double.MAX_VALUE / 1e290, 0.1 + 0.2};
        for (double v : values) {
            String text = Csv.number(v);
            assertTrue(text.matches("-?\\d+(\\.\\d+)?"), v + " was written " + text);
            assertEquals(v, Double.parseDouble(text), 0.0, text);
        }
        assertEquals("0.00001", Csv.number(1e-5).replaceAll("0+$", ""), "no exponent");
    }

    @Test
    void missingAndNonFiniteValues() {
        assertEquals("", Csv.number(Double.NaN), "pandas reads an empty field as NaN");
        assertEquals("inf", Csv.number(Double.POSITIVE_INFINITY));
        assertEquals("-inf", Csv.number(Double.NEGATIVE_INFINITY));
        assertEquals("", Csv.field(null));
    }

    @Test
    void textIsQuotedOnlyWhenItMustBe() {
        assertEquals("Cortex-A76", Csv.field("Cortex-A76"));
        assertEquals("\"Cortex-A76, rev 1\"", Csv.field("Cortex-A76, rev 1"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
        assertEquals("\"two\nlines\"", Csv.field("two\nlines"));
        assertEquals("42", Csv.field(42L));
        assertEquals("2026-03-01T10:15:00Z", Csv.field(Instant.parse("2026-03-01T10:15:00Z")));
    }

    @Test
    void writesWhatAStrictReaderReadsBack() {
        Csv csv = new Csv(List.of("name", "value", "note"));
        csv.row(Arrays.asList("a,b", 1.5, null));
        csv.row(Arrays.asList("\"q\"", Double.NaN, "x\ny"));
        CsvReader read = new CsvReader(csv.text());
        assertEquals(List.of("name", "value", "note"), read.header);
        assertEquals("a,b", read.rows.get(0).get("name"));
        assertEquals("1.5", read.rows.get(0).get("value"));
        assertEquals("", read.rows.get(0).get("note"));
        assertEquals("\"q\"", read.rows.get(1).get("name"));
        assertEquals("x\ny", read.rows.get(1).get("note"));
    }

    @Test
    void headerAndRowsMustAgree() {
        assertThrows(IllegalArgumentException.class, () -> new Csv(List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> new Csv(List.of("a", "")));
        Csv csv = new Csv(List.of("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> csv.row(List.of("only one")));
    }
}
