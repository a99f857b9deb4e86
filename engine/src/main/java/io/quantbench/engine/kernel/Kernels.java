package io.quantbench.engine.kernel;

import io.quantbench.engine.format.WeightFormat;

import java.util.List;

/** Where callers get kernels: the scalar reference, or the Vector API kernels of a format. */
public final class Kernels {

    private static final MatMulKernel F32_SCALAR = new F32ScalarKernel();
    private static final MatMulKernel INT8_SCALAR = new BlockScalarKernel(WeightFormat.INT8);
    private static final MatMulKernel INT4_SCALAR = new BlockScalarKernel(WeightFormat.INT4);
    private static final MatMulKernel TERNARY_SCALAR = new TernaryScalarKernel();

    private Kernels() {
    }

    /** The plain-loop reference kernel, obviously right and slow. */
    public static MatMulKernel scalar(WeightFormat format) {
        switch (format) {
            case F32:
                return F32_SCALAR;
            case INT8:
                return INT8_SCALAR;
            case INT4:
                return INT4_SCALAR;
            case TERNARY:
                return TERNARY_SCALAR;
            default:
                throw new AssertionError(format);
        }
    }

    /**
     * The fastest Vector API kernel of {@code format} on this JVM ({@link Simd}): for TERNARY at 512 bits
     * on JDK 21 or later the lookup-table kernel, otherwise the format's multiply kernel. (JDK 17 compiles
     * the lookup's {@code selectFrom} poorly: there the lookup kernel measured slower than the multiply
     * kernel, while on JDK 25 it is several times faster.) The vector classes are loaded only here, so a
     * JVM that only uses scalar kernels never touches {@code jdk.incubator.vector}.
     */
    public static MatMulKernel vector(WeightFormat format) {
        if (format == WeightFormat.TERNARY && VectorKernels.TERNARY_LUT != null && Runtime.version().feature() < 21) {
            return VectorKernels.TERNARY;
        }
        List<MatMulKernel> all = vectorKernels(format);
        return all.get(all.size() - 1);
    }

    /** Every Vector API kernel of {@code format} that runs at this JVM's width, the fastest last. */
    public static List<MatMulKernel> vectorKernels(WeightFormat format) {
        switch (format) {
            case F32:
                return List.of(VectorKernels.F32);
            case INT8:
                return List.of(VectorKernels.INT8);
            case INT4:
                return List.of(VectorKernels.INT4);
            case TERNARY:
                return VectorKernels.TERNARY_LUT == null ? List.of(VectorKernels.TERNARY)
                        : List.of(VectorKernels.TERNARY, VectorKernels.TERNARY_LUT);
            default:
                throw new AssertionError(format);
        }
    }

    /**
     * A kernel by name, for benchmarks and the command line: {@code scalar}, {@code vector} (the fastest),
     * or the {@link MatMulKernel#name()} of one of {@link #vectorKernels}.
     */
    public static MatMulKernel named(WeightFormat format, String name) {
        if (name.equals("scalar")) {
            return scalar(format);
        }
        if (name.equals("vector")) {
            return vector(format);
        }
        StringBuilder valid = new StringBuilder("scalar, vector");
        for (MatMulKernel k : vectorKernels(format)) {
            if (k.name().equals(name)) {
                return k;
            }
            valid.append(", ").append(k.name());
        }
        throw new IllegalArgumentException("no " + format + " kernel named '" + name + "' at " + Simd.bits()
                + " bits; valid: " + valid);
    }

    /** Holder, initialised on first use of a vector kernel. */
    private static final class VectorKernels {
        static final MatMulKernel F32 = new F32VectorKernel();
        static final MatMulKernel INT8 = new Int8VectorKernel();
        static final MatMulKernel INT4 = new Int4VectorKernel();
        static final MatMulKernel TERNARY = new TernaryVectorKernel();
        static final MatMulKernel TERNARY_LUT = TernaryLutKernel.supported() ? new TernaryLutKernel() : null;
    }
}
