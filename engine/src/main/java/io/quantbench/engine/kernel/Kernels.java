package io.quantbench.engine.kernel;

import io.quantbench.engine.format.WeightFormat;

/** Where callers get kernels: the scalar reference or the Vector API kernel of a format. */
public final class Kernels {

    private static final MatMulKernel F32_SCALAR = new F32ScalarKernel();
    private static final MatMulKernel INT8_SCALAR = new Int8ScalarKernel();
    private static final MatMulKernel INT4_SCALAR = new Int4ScalarKernel();
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
     * The Vector API kernel at this JVM's width ({@link Simd}). The vector classes are loaded only here,
     * so a JVM that only uses scalar kernels never touches {@code jdk.incubator.vector}.
     */
    public static MatMulKernel vector(WeightFormat format) {
        switch (format) {
            case F32:
                return VectorKernels.F32;
            case INT8:
                return VectorKernels.INT8;
            case INT4:
                return VectorKernels.INT4;
            case TERNARY:
                return VectorKernels.TERNARY;
            default:
                throw new AssertionError(format);
        }
    }

    /** Holder, initialised on first use of a vector kernel. */
    private static final class VectorKernels {
        static final MatMulKernel F32 = new F32VectorKernel();
        static final MatMulKernel INT8 = new Int8VectorKernel();
        static final MatMulKernel INT4 = new Int4VectorKernel();
        static final MatMulKernel TERNARY = new TernaryVectorKernel();
    }
}
