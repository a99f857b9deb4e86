package io.quantbench.analysis.summary;

import io.quantbench.analysis.input.Measurement;
import io.quantbench.analysis.stats.Interval;

import java.util.Optional;

/**
 * What a matrix-vector configuration's format metadata turns its time into (see {@link Roofline}).
 *
 * @param gigabytesPerSecond effective bandwidth: weight bytes ÷ mean time per call, with the interval of the time
 * @param gigaOpsPerSecond   2·M·K·N ÷ mean time
 * @param roof               the bandwidth roof of the same run, threads and JDK, if measured
 * @param roofFraction       effective ÷ roof bandwidth, with a ratio interval over both benchmarks' forks
 */
public record DerivedFigures(Measurement measurement, Roofline.Matrix matrix, Interval gigabytesPerSecond,
                             Interval gigaOpsPerSecond, Optional<Roofline.Roof> roof, Interval roofFraction) {
}
