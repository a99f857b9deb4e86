package io.quantbench.analysis.input;

/**
 * A secondary metric of one benchmark entry, e.g. {@code gc.alloc.rate.norm} from {@code -prof gc}
 * (its name without the U+00B7 prefix JMH ≤ 1.36 writes). {@code forks} may hold one value per fork
 * instead of one per iteration ({@code -prof perfnorm} measures per trial), or nothing.
 */
public record SecondaryMetric(String name, String unit, double score, double[][] forks) {
}
