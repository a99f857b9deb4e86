package io.quantbench.analysis.summary;

import io.quantbench.analysis.AnalysisOptions;
import io.quantbench.analysis.input.Measurement;

import java.util.SplittableRandom;

/**
 * Random streams for the bootstrap. Each is seeded from the analysis seed and what is being resampled
 * (benchmark and axes, not file paths or order), so a configuration gets the same interval whichever
 * folder it was read from and whatever else was analysed with it.
 */
final class Seeds {

    private Seeds() {
    }

    static SplittableRandom random(AnalysisOptions options, Measurement... measurements) {
        long seed = options.seed();
        for (Measurement m : measurements) {
            seed = seed * 1_000_003L + (m.benchmark() + m.axes()).hashCode();
        }
        return new SplittableRandom(seed);
    }
}
