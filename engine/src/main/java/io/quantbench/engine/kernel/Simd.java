package io.quantbench.engine.kernel;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector width every Vector API kernel of this JVM uses, fixed once at class initialisation.
 *
 * <p>Why one width per JVM: C2 turns Vector API calls into SIMD instructions only when the species
 * is a compile-time constant, which in practice means a {@code static final} field. A kernel that
 * took its species from an instance field would silently fall back to boxed Java code, tens of times
 * slower. So the width is chosen here, once, from the system property {@value #PROPERTY} (128, 256
 * or 512) or else the platform's preferred width, and every kernel reads these constants.
 *
 * <p>The tests run the kernels at 128 bits (Raspberry Pi 5 NEON), 256 bits (AVX2) and 512 bits
 * (AVX-512) in three JVMs; the benchmarks make the width an axis the same way.
 */
public final class Simd {

    /** System property that selects the vector width in bits: 128, 256 or 512. */
    public static final String PROPERTY = "quantbench.simd.bits";

    /** The vector shape of this JVM's kernels. */
    public static final VectorShape SHAPE = chooseShape();

    public static final VectorSpecies<Float> FLOAT = FloatVector.SPECIES_PREFERRED.withShape(SHAPE);
    public static final VectorSpecies<Integer> INT = IntVector.SPECIES_PREFERRED.withShape(SHAPE);
    public static final VectorSpecies<Short> SHORT = ShortVector.SPECIES_PREFERRED.withShape(SHAPE);
    public static final VectorSpecies<Byte> BYTE = ByteVector.SPECIES_PREFERRED.withShape(SHAPE);

    /** Half the width: for loads that widen (bytes to shorts, float16 scales to ints) and for row tails. */
    public static final VectorShape HALF_SHAPE = VectorShape.forBitSize(SHAPE.vectorBitSize() / 2);

    public static final VectorSpecies<Byte> BYTE_HALF = BYTE.withShape(HALF_SHAPE);
    public static final VectorSpecies<Short> SHORT_HALF = SHORT.withShape(HALF_SHAPE);
    public static final VectorSpecies<Integer> INT_HALF = INT.withShape(HALF_SHAPE);

    /** Bytes held by one vector of this width. */
    public static final int BYTES = SHAPE.vectorBitSize() / 8;

    private Simd() {
    }

    /** The width in bits (128, 256 or 512). */
    public static int bits() {
        return SHAPE.vectorBitSize();
    }

    /** The width the hardware prefers, whatever {@value #PROPERTY} says. */
    public static int preferredBits() {
        return VectorShape.preferredShape().vectorBitSize();
    }

    private static VectorShape chooseShape() {
        String requested = System.getProperty(PROPERTY);
        if (requested == null || requested.isBlank()) {
            return VectorShape.preferredShape();
        }
        switch (requested.trim()) {
            case "128":
                return VectorShape.S_128_BIT;
            case "256":
                return VectorShape.S_256_BIT;
            case "512":
                return VectorShape.S_512_BIT;
            default:
                throw new IllegalArgumentException("-D" + PROPERTY + "=" + requested
                        + " is not a vector width; valid values: 128, 256, 512");
        }
    }
}
