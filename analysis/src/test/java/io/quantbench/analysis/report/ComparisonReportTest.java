package io.quantbench.analysis.report;

import io.quantbench.analysis.AnalysisOptions;
import io.quantbench.analysis.Analyzer;
import io.quantbench.analysis.SyntheticSweep;
import io.quantbench.analysis.stats.Verdict;
import io.quantbench.analysis.summary.Comparison;
import io.quantbench.analysis.summary.RunComparisons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonReportTest {

    @Test
    void deviceAgainstDevice(@TempDir Path dir) throws Exception {
        Path fast = SyntheticSweep.defaultSweep().shapes("2560x6912").threads(1).write(dir.resolve("results/fast-20260101T000000Z"));
        // The other machine is twice as slow in every configuration.
        Path slow = SyntheticSweep.defaultSweep().shapes("2560x6912").threads(1).slowerBy(2, 99)
                .write(dir.resolve("results/slow-20260102T000000Z"));
        AnalysisOptions options = AnalysisOptions.defaults().withResamples(300);
        Analyzer.Result result = Analyzer.analyze(List.of(fast, slow), options, false, dir.resolve("out"));

        assertEquals(dir.resolve("out/index.html"), result.index());
        assertEquals(List.of(dir.resolve("out/fast-20260101T000000Z/index.html"), dir.resolve("out/slow-20260102T000000Z/index.html")),
                result.runReports());
        String html = Files.readString(result.index());
        assertTrue(html.contains("href=\"fast-20260101T000000Z/index.html\""), "links to the run reports");
        assertTrue(html.contains("href=\"slow-20260102T000000Z/index.html\""));

        // 8 MatVec configurations (4 formats × cold/hot) + 2 bandwidth ones, each against the first run: 0.5×.
        List<Comparison> comparisons = RunComparisons.of(result.analyses(), options);
        assertEquals(10, comparisons.size());
        for (Comparison c : comparisons) {
            assertEquals("slow-20260102T000000Z", c.candidateValue());
            assertEquals(0.5, c.ratio().estimate(), 0.05, c.toString());
            assertEquals(Verdict.SLOWER, c.verdict());
        }
        Matcher badges = Pattern.compile("verdict verdict-slower").matcher(html.substring(html.indexOf("id=\"verdicts\""),
                html.indexOf("id=\"side-by-side\"")));
        int n = 0;
        while (badges.find()) {
            n++;
        }
        assertEquals(10, n);
        assertTrue(html.contains("<img src=\"data:image/png;base64,"), "run-against-run plots embedded");
        assertTrue(html.contains("id=\"table-speedups-side-by-side\""));
        assertTrue(html.contains("<td>cpu.model</td><td>Synthetic Zen 4</td><td>Synthetic Zen 4</td>"), "environments side by side");
    }
}
