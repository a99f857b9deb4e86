package io.quantbench.analysis.stats;

/**
 * What a ratio's confidence interval lets one claim, with an equivalence margin δ (a difference smaller
 * than δ is not worth claiming). The ratio is oriented so that above 1 is better (a speedup):
 * <ul>
 *   <li>FASTER: the whole interval is above 1 + δ;</li>
 *   <li>SLOWER: the whole interval is below 1 − δ;</li>
 *   <li>EQUIVALENT: the whole interval is inside [1 − δ, 1 + δ] (two one-sided tests at the same level, TOST);</li>
 *   <li>INCONCLUSIVE: anything else, e.g. an interval that straddles a margin; more forks may decide it.</li>
 * </ul>
 * Unlike criterion.rs, which reports "no change" whenever p ≥ α, this separates "shown to be the same"
 * from "not shown to differ".
 */
public enum Verdict {
    FASTER, SLOWER, EQUIVALENT, INCONCLUSIVE;

    public static Verdict of(Interval ratio, double margin) {
        if (Double.isNaN(ratio.low()) || Double.isNaN(ratio.high())) {
            return INCONCLUSIVE;
        }
        if (ratio.low() > 1 + margin) {
            return FASTER;
        }
        if (ratio.high() < 1 - margin) {
            return SLOWER;
        }
        if (ratio.low() >= 1 - margin && ratio.high() <= 1 + margin) {
            return EQUIVALENT;
        }
        return INCONCLUSIVE;
    }

    /** Lower-case word for reports. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
