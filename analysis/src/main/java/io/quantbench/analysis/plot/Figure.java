package io.quantbench.analysis.plot;

import java.nio.file.Path;

/**
 * One plot written to disk, PNG (2× resolution) and SVG, with what the report says about it.
 *
 * @param section where it belongs in the report
 * @param title   its heading
 * @param caption what it shows and how to read it
 * @param problem why it could not be drawn (then png and svg are null), or null
 */
public record Figure(Section section, String group, String title, String caption, Path png, Path svg, String problem) {

    public boolean isDrawn() {
        return problem == null;
    }

    /** The report's sections that hold plots, in report order. */
    public enum Section {
        SPEEDUP("Speedup against the baseline"),
        THROUGHPUT("Effective bandwidth against shape"),
        ROOFLINE("Roofline"),
        SWEEP("Sweeps along a numeric parameter"),
        JDK("JDK against JDK"),
        BANDWIDTH("Memory bandwidth (the roof)"),
        FORKS("Forks and iterations"),
        RUNS("Run against run");

        private final String heading;

        Section(String heading) {
            this.heading = heading;
        }

        public String heading() {
            return heading;
        }
    }
}
