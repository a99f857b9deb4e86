package io.quantbench.analysis.report;

import io.quantbench.analysis.AnalysisOptions;
import io.quantbench.analysis.Analyzer;
import io.quantbench.analysis.TestResources;
import io.quantbench.analysis.plot.Figure;
import io.quantbench.analysis.plot.Plots;
import io.quantbench.analysis.summary.BenchmarkSummary;
import io.quantbench.analysis.summary.DerivedFigures;
import io.quantbench.analysis.summary.RunAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real run of our own benchmarks (resources/results/tiny-sweep-20261123T0600Z: MatVecBenchmark at 768x3072,
 * cold, four formats, one and two threads, and BandwidthBenchmark with four streams; 3 forks, one 200 ms
 * warm-up and three 200 ms iterations, on a shared 2-core machine). Far too short to be warm: the first
 * iteration of a fork is up to a thousand times slower than the last, so the analysis meets what bad data
 * looks like: t intervals of times that reach below zero, huge ICCs, drifting iterations.
 */
class TinySweepReportTest {

    private static final Path RUN = TestResources.path("results/tiny-sweep-20261123T0600Z");

    @Test
    void noisyRealDataStillGivesACompleteReport(@TempDir Path dir) throws Exception {
        Analyzer.Result result = Analyzer.analyze(List.of(RUN), AnalysisOptions.defaults().withResamples(300), false, dir);
        RunAnalysis a = result.analyses().get(0);
        assertEquals(10, a.summaries().size());
        assertEquals(6, a.speedups().size());                    // INT8, INT4, TERNARY × 1 and 2 threads
        assertEquals(8, a.derived().size());
        assertEquals(2, a.roofs().size());
        // A time interval that reaches below zero leaves the rate without an upper bound, not negative.
        for (DerivedFigures d : a.derived()) {
            assertTrue(d.gigabytesPerSecond().low() > 0 || Double.isNaN(d.gigabytesPerSecond().low()), d.toString());
        }
        String html = Files.readString(result.index());
        assertFalse(html.contains("could not be drawn"), "every plot drawn");
        assertTrue(html.contains("still warming up?"), "the drift of 200 ms iterations is flagged");
        // One shape, so the thread count is the x axis and there is one panel: speedup, effective bandwidth,
        // roofline, strip and run sequence of MatVec; read bandwidth, strip and run sequence of Bandwidth.
        try (var plots = Files.list(dir.resolve("plots"))) {
            assertEquals(8, plots.filter(p -> p.toString().endsWith(".png")).count());
        }
    }

    @Test
    void everyFigureIsDrawnEvenWithNegativeBounds(@TempDir Path dir) {
        RunAnalysis a = Analyzer.analyze(List.of(RUN), AnalysisOptions.defaults().withResamples(300), false, dir.resolve("r")).analyses().get(0);
        assertTrue(a.summaries().stream().map(BenchmarkSummary::mean).anyMatch(m -> m.low() < 0), "the data this test is about");
        List<Figure> figures = Plots.forRun(a, dir.resolve("again"));
        assertTrue(figures.stream().allMatch(Figure::isDrawn), figures.stream().filter(f -> !f.isDrawn()).map(Figure::problem).toList().toString());
        assertTrue(figures.stream().anyMatch(f -> f.section() == Figure.Section.ROOFLINE));
    }
}
