package io.quantbench.analysis.input;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricUnitTest {

    @Test
    void timeUnitsConvertToSeconds() {
        MetricUnit us = MetricUnit.parse("us/op");
        assertTrue(us.lowerIsBetter());
        assertEquals(250e-6, us.secondsPerOp(250), 1e-18);
        assertEquals(2e-9, MetricUnit.parse("ns/op").secondsPerOp(2), 1e-21);
        assertEquals(60, MetricUnit.parse("min/op").secondsPerOp(1), 0);
    }

    @Test
    void throughputUnitsInvert() {
        MetricUnit perMs = MetricUnit.parse("ops/ms");
        assertFalse(perMs.lowerIsBetter());
        // 4 ops per millisecond = 0.25 ms per op.
        assertEquals(0.25e-3, perMs.secondsPerOp(4), 1e-18);
        assertEquals(MetricUnit.Kind.OPS_PER_TIME, MetricUnit.parse("ops/s").kind());
    }

    @Test
    void otherUnitsHaveNoDirection() {
        MetricUnit bytes = MetricUnit.parse("B/op");
        assertEquals(MetricUnit.Kind.OTHER, bytes.kind());
        assertFalse(bytes.isTimeOrThroughput());
        assertTrue(Double.isNaN(bytes.secondsPerOp(3)));
    }
}
