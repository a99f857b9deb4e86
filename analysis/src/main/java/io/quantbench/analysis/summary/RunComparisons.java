package io.quantbench.analysis.summary;

import io.quantbench.analysis.AnalysisOptions;
import io.quantbench.analysis.input.Measurement;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Device against device (or any run against another): each configuration of every later run against the
 * same configuration of the first run. Configurations match on benchmark, mode and params; the JDK is
 * part of the match only when a run holds several JDKs (two devices rarely have the same JDK build).
 */
public final class RunComparisons {

    public static final String RUN_AXIS = "run";

    private RunComparisons() {
    }

    public static List<Comparison> of(List<RunAnalysis> runs, AnalysisOptions options) {
        Map<Measurement, Map<String, String>> axes = new IdentityHashMap<>();
        List<Measurement> all = new ArrayList<>();
        for (RunAnalysis run : runs) {
            boolean severalJdks = ComparisonBuilder.values(run.run().measurements(), Measurement::axes, Measurement.JDK_AXIS).size() > 1;
            for (Measurement m : run.run().measurements()) {
                Map<String, String> a = new LinkedHashMap<>(m.params());
                if (severalJdks) {
                    a.put(Measurement.JDK_AXIS, m.jvm().label());
                }
                a.put(RUN_AXIS, run.run().name());
                axes.put(m, a);
                all.add(m);
            }
        }
        return new ComparisonBuilder(options).compareAll(all, axes::get, RUN_AXIS, runs.get(0).run().name());
    }
}
