package io.quantbench.engine.synth;

import java.nio.charset.StandardCharsets;

/**
 * The random numbers behind synthetic weights: every row of every tensor has its own stream, seeded from the
 * checkpoint's seed, the tensor's name and the row index, so that any range of rows can be generated alone,
 * in any order, on any thread, and always gives the same values.
 *
 * <p>Speed matters (a 2B-parameter checkpoint is billions of values), so the generator is SplitMix64 and the
 * bell curve is the Irwin-Hall sum of four 16-bit uniforms from one 64-bit draw: mean 0, standard deviation
 * 1, bounded at +-3.46. Heavy tails come from the outliers the statistics add on top ({@link SyntheticTensor}).
 */
final class SeededValues {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    /** Irwin-Hall(4) has variance 4/12; this scales a sum of four uniforms on [0, 65536) to variance 1. */
    private static final double BELL_SCALE = Math.sqrt(3.0) / 65536.0;

    private long state;

    private SeededValues(long seed) {
        this.state = seed;
    }

    /** The stream of row {@code row} of the tensor seeded {@code tensorSeed}. */
    static SeededValues forRow(long tensorSeed, long row) {
        return new SeededValues(mix(tensorSeed + GOLDEN * (row + 1)));
    }

    /** A tensor's seed: the checkpoint's seed mixed with the tensor's name. */
    static long tensorSeed(long seed, String name) {
        long h = mix(seed);
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xFF));
        }
        return h;
    }

    /** The next 64 random bits (SplitMix64). */
    long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    /** A value of mean 0 and standard deviation 1, bell-shaped. */
    float nextBell() {
        long r = nextLong();
        long sum = (r & 0xFFFF) + ((r >>> 16) & 0xFFFF) + ((r >>> 32) & 0xFFFF) + (r >>> 48);
        return (float) ((sum - 2 * 65535.0) * BELL_SCALE);       // each uniform has mean 65535 / 2
    }

    /** A uniform value in [0, 1). */
    double nextUniform() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
