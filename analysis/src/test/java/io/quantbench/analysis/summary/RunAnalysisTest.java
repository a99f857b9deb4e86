package io.quantbench.analysis.summary;

import io.quantbench.analysis.AnalysisOptions;
import io.quantbench.analysis.TestResources;
import io.quantbench.analysis.input.RunLoader;
import io.quantbench.analysis.stats.RatioMethod;
import io.quantbench.analysis.stats.Verdict;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The statistics applied to known-numbers.json, whose values were chosen so that every figure can be
 * worked out by hand: F32 fork means 400·{1, 1.01, 0.99} µs, INT8 100·{1, 1.01, 0.99} µs (exactly 4× faster
 * fork by fork), BandwidthBenchmark 20 000·{1, 1.01, 0.99} µs per 512 MiB, every fork constant inside.
 */
class RunAnalysisTest {

    static final AnalysisOptions OPTIONS = AnalysisOptions.defaults().withResamples(500);

    static RunAnalysis known(AnalysisOptions options) {
        return RunAnalysis.of(RunLoader.load(TestResources.path("jmh/known-numbers.json")), options);
    }

    @Test
    void f32SummaryByHand() {
        RunAnalysis analysis = known(OPTIONS);
        BenchmarkSummary f32 = analysis.summaries().get(0);
        assertEquals(BenchmarkSummary.Replication.FORKS, f32.replication());
        // Fork means 400, 404, 396: s = 4, t(0.975, 2) = 4.302653 (tables: 4.303), half-width 4.302653·4/√3 = 9.936551.
        assertEquals(400, f32.mean().estimate(), 1e-9);
        assertEquals(390.063449, f32.mean().low(), 1e-5);
        assertEquals(409.936551, f32.mean().high(), 1e-5);
        assertEquals(0.01, f32.cv(), 1e-12);                   // 4 / 400
        // Constant inside each fork: all variance is between forks, ρ = 1, design effect 1 + (3 − 1)·1 = 3.
        assertEquals(1, f32.icc(), 1e-12);
        assertEquals(3, f32.variance().designEffect(), 1e-12);
        assertTrue(f32.iccMeaning().contains("100 % of the variance is between forks"), f32.iccMeaning());
        assertTrue(f32.iccMeaning().contains("1.73-fold"), f32.iccMeaning());   // √3
        assertEquals(0, f32.outliers().total());
        // The BCa bounds come from fork means (cluster resampling), so they lie within [396, 404].
        assertTrue(f32.meanBca().low() >= 396 && f32.meanBca().high() <= 404, f32.meanBca().toString());
        assertTrue(f32.warnings().isEmpty(), f32.warnings().toString());
    }

    @Test
    void int8SpeedupByHand() {
        RunAnalysis analysis = known(OPTIONS);
        assertEquals(1, analysis.speedups().size());
        Comparison int8 = analysis.speedups().get(0);
        assertEquals("INT8", int8.candidateValue());
        assertEquals("F32", int8.referenceValue());
        // ln F32 − ln INT8 = ln 4 fork by fork; both sides have s² = var(ln{1, 1.01, 0.99}) = 1.0000750e-4,
        // SE = √(2s²/3) = 0.00816527, Welch ν = 4, t = 2.776445:
        // 4·exp(∓2.776445·0.00816527) = [3.910338, 4.091717].
        assertEquals(4, int8.ratio().estimate(), 1e-9);
        assertEquals(3.910338, int8.ratio().low(), 1e-5);
        assertEquals(4.091717, int8.ratio().high(), 1e-5);
        assertEquals(4, int8.hodgesLehmann(), 1e-9);
        assertEquals(Verdict.FASTER, int8.verdict());
        assertTrue(int8.forksNeeded().isEmpty());
        // Three forks against three, completely separated: exact Mann–Whitney p = 2/20.
        assertEquals(0.1, int8.mannWhitneyP(), 1e-12);
        assertEquals(0.1, int8.mannWhitneyPHolm(), 1e-12);     // a family of one
        assertTrue(int8.welchP() < 1e-6, String.valueOf(int8.welchP()));
    }

    @Test
    void fiellerIsSelectable() {
        // Arithmetic means: 400/100 = 4; v_a = 16/3, v_b = 1/3, ν = (17/3)²/((16/3)²/2 + (1/3)²/2) = 2.2491...
        Comparison int8 = known(OPTIONS.withRatioMethod(RatioMethod.FIELLER)).speedups().get(0);
        assertEquals(RatioMethod.FIELLER, int8.method());
        assertEquals(4, int8.ratio().estimate(), 1e-12);
        assertTrue(int8.ratio().low() < 4 && int8.ratio().high() > 4 && int8.ratio().low() > 3, int8.ratio().toString());
    }

    @Test
    void derivedFiguresByHand() {
        RunAnalysis analysis = known(OPTIONS);
        assertEquals(2, analysis.derived().size());
        DerivedFigures f32 = analysis.derived().get(0);
        // 768·3072 float32 weights = 9 437 184 bytes, 2·768·3072 = 4 718 592 operations.
        assertEquals(9_437_184, f32.matrix().bytes());
        assertEquals(32, f32.matrix().bitsPerWeight(), 1e-12);
        assertEquals(0.5, f32.matrix().arithmeticIntensity(), 1e-12);
        // 9 437 184 B / 400 µs = 23.59296 GB/s; the interval maps the time interval [390.0634, 409.9366] µs:
        // [23.021085, 24.193972].
        assertEquals(23.59296, f32.gigabytesPerSecond().estimate(), 1e-9);
        assertEquals(23.021085, f32.gigabytesPerSecond().low(), 1e-5);
        assertEquals(24.193972, f32.gigabytesPerSecond().high(), 1e-5);
        assertEquals(11.79648, f32.gigaOpsPerSecond().estimate(), 1e-9);
        // Roof: 536 870 912 B / 20 000 µs = 26.8435456 GB/s. Fraction = (9 437 184 / 536 870 912)·(20 000/400)
        // = 0.87890625, with the log-ratio interval 0.87890625·exp(∓0.0226703) = [0.859205, 0.899059].
        assertEquals(26.8435456, f32.roof().orElseThrow().gigabytesPerSecond().estimate(), 1e-9);
        assertEquals(0.87890625, f32.roofFraction().estimate(), 1e-12);
        assertEquals(0.859205, f32.roofFraction().low(), 1e-5);
        assertEquals(0.899059, f32.roofFraction().high(), 1e-5);

        DerivedFigures int8 = analysis.derived().get(1);
        // Q8_0-like: 768 rows · 96 blocks · 34 bytes = 2 506 752 bytes, 8.5 bits per weight.
        assertEquals(2_506_752, int8.matrix().bytes());
        assertEquals(8.5, int8.matrix().bitsPerWeight(), 1e-12);
        assertEquals(25.06752, int8.gigabytesPerSecond().estimate(), 1e-9);
    }

    @Test
    void singleForkIsFlaggedAndStillAnalysed() {
        RunAnalysis analysis = known(OPTIONS);
        BenchmarkSummary noParams = analysis.summaries().get(4);
        assertEquals(BenchmarkSummary.Replication.ITERATIONS, noParams.replication());
        // Iterations 5, 5.5, 6: mean 5.5, s = 0.5, t(0.975, 2)·0.5/√3 = 4.302653·0.288675 = 1.242069.
        assertEquals(5.5, noParams.mean().estimate(), 1e-12);
        assertEquals(5.5 - 1.242069, noParams.mean().low(), 1e-5);
        assertTrue(noParams.warnings().get(0).startsWith("one fork"), noParams.warnings().toString());
        assertTrue(Double.isNaN(noParams.icc()));
    }

    @Test
    void baselineCanBeAnyAxis() {
        // threads=1 is the only thread count: every configuration is its own baseline, nothing to compare.
        RunAnalysis analysis = known(OPTIONS.withBaseline("threads=1"));
        assertTrue(analysis.speedups().isEmpty());
        assertTrue(analysis.notes().get(0).startsWith("No speedups"), analysis.notes().toString());
        assertEquals("threads", analysis.baseline().axis());
    }

    @Test
    void sameInputsSameNumbers() {
        BenchmarkSummary first = known(OPTIONS).summaries().get(1);
        BenchmarkSummary second = known(OPTIONS).summaries().get(1);
        assertEquals(first.median(), second.median());
        assertEquals(first.meanBca(), second.meanBca());
    }
}
