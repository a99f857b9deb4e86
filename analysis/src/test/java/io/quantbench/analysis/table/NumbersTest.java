package io.quantbench.analysis.table;

import io.quantbench.analysis.stats.Interval;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NumbersTest {

    @Test
    void aboutFourSignificantDigits() {
        assertEquals("1264", Numbers.format(1263.7));
        assertEquals("449.7", Numbers.format(449.71));
        assertEquals("23.59", Numbers.format(23.59296));
        assertEquals("3.362", Numbers.format(3.3621));
        assertEquals("0.0488", Numbers.format(0.04881));
        assertEquals("−2.500", Numbers.format(-2.5));
        assertEquals("–", Numbers.format(Double.NaN));
        assertEquals("∞", Numbers.format(Double.POSITIVE_INFINITY));
    }

    @Test
    void intervalsPValuesAndPercentages() {
        assertEquals("4.000 [3.910, 4.092]", Numbers.interval(new Interval(4, 3.910338, 4.091717)));
        assertEquals("5.500", Numbers.interval(Interval.unknown(5.5)));
        assertEquals("< 0.001", Numbers.p(0.0004));
        assertEquals("0.069", Numbers.p(0.06933));
        assertEquals("5 %", Numbers.percent(0.05));
        assertEquals("12.5 %", Numbers.percent(0.125));
        assertEquals("1.05", Numbers.plain(1.05));
        assertEquals("21.0", Numbers.compact(20.98));
        assertEquals("0.0145", Numbers.compact(0.014521));
        assertEquals("8.50", Numbers.compact(8.503));
        assertEquals("+2.6 %", Numbers.signedPercent(0.0261));
        assertEquals("−0.4 %", Numbers.signedPercent(-0.0041));
        assertEquals("+0.0 %", Numbers.signedPercent(-0.0004));
    }
}
