package io.quantbench.engine.io;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The tensor types a GGUF file can hold (ggml's {@code enum ggml_type}, reference/FORMATS.md §3), with the
 * block layout that gives each tensor's byte size, and a decoder for the types quantbench dequantizes.
 *
 * <p>A type is {@code blockSize} values in {@code typeSize} bytes; blocks run along ne[0], so a row of
 * ne[0] values takes {@code ne[0] / blockSize * typeSize} bytes. Types without a decoder are known only so
 * that {@code inspect} can list any file; dequantizing them fails with a message naming the type.
 *
 * <p><b>bitnet.cpp's I2_S.</b> bitnet.cpp's fork of ggml reuses id 36 for I2_S, and ids 38 and 39 for its
 * TL1/TL2 lookup-table layouts, where mainline ggml has nothing (36-38) or MXFP4 (39) (FORMATS.md §2.3).
 * {@link #resolve} therefore reads an id together with the file's architecture: 36 is I2_S only under a
 * {@code bitnet*} architecture. I2_S is described here by its real layout, 128 values per 32 bytes, plus a
 * 32-byte tail holding the one float32 scale of the whole tensor ({@link #tensorBytes} adds it). That is the
 * x86 layout, the only one before November 2025; bitnet.cpp's ARM builds since then pack 64 values per 16
 * bytes, which nothing in a file records (FORMATS.md §2.4), so such files would decode wrongly.
 */
public enum GgmlType {
    F32(0, 1, 4, FloatTypes::f32),
    F16(1, 1, 2, FloatTypes::f16),
    Q4_0(2, 32, 18, LegacyQuants::q4_0),
    Q4_1(3, 32, 20, LegacyQuants::q4_1),
    Q5_0(6, 32, 22, LegacyQuants::q5_0),
    Q5_1(7, 32, 24, LegacyQuants::q5_1),
    Q8_0(8, 32, 34, LegacyQuants::q8_0),
    Q8_1(9, 32, 36, null),
    Q2_K(10, 256, 84, null),
    Q3_K(11, 256, 110, null),
    Q4_K(12, 256, 144, KQuants::q4_K),
    Q5_K(13, 256, 176, KQuants::q5_K),
    Q6_K(14, 256, 210, KQuants::q6_K),
    Q8_K(15, 256, 292, null),
    IQ2_XXS(16, 256, 66, null),
    IQ2_XS(17, 256, 74, null),
    IQ3_XXS(18, 256, 98, null),
    IQ1_S(19, 256, 50, null),
    IQ4_NL(20, 32, 18, null),
    IQ3_S(21, 256, 110, null),
    IQ2_S(22, 256, 82, null),
    IQ4_XS(23, 256, 136, null),
    I8(24, 1, 1, FloatTypes::i8),
    I16(25, 1, 2, null),
    I32(26, 1, 4, null),
    I64(27, 1, 8, null),
    F64(28, 1, 8, null),
    IQ1_M(29, 256, 56, null),
    BF16(30, 1, 2, FloatTypes::bf16),
    TQ1_0(34, 256, 54, TernaryQuants::tq1_0),
    TQ2_0(35, 256, 66, TernaryQuants::tq2_0),
    MXFP4(39, 32, 17, null),
    /** bitnet.cpp's I2_S (id 36 under a {@code bitnet*} architecture): decoded with its tensor scale, see {@link TernaryQuants#i2s}. */
    I2_S(36, 128, 32, null);

    /** The bytes after I2_S codes: the float32 tensor scale, padded (FORMATS.md §2.4). */
    public static final int I2S_TAIL_BYTES = 32;

    private final int id;
    private final int blockSize;
    private final int typeSize;
    private final BlockDecoder decoder;

    GgmlType(int id, int blockSize, int typeSize, BlockDecoder decoder) {
        this.id = id;
        this.blockSize = blockSize;
        this.typeSize = typeSize;
        this.decoder = decoder;
    }

    /** The id stored in a GGUF tensor info. */
    public int id() {
        return id;
    }

    /** Values per block. */
    public int blockSize() {
        return blockSize;
    }

    /** Bytes per block. */
    public int typeSize() {
        return typeSize;
    }

    /** Whether quantbench can dequantize tensors of this type. */
    public boolean canDequantize() {
        return decoder != null || this == I2_S;
    }

    /** Whether values are exactly ternary times a scale (TQ1_0, TQ2_0, I2_S), so a tensor converts exactly to TERNARY. */
    public boolean isTernary() {
        return this == TQ1_0 || this == TQ2_0 || this == I2_S;
    }

    BlockDecoder decoder() {
        return decoder;
    }

    /** Bytes of one row of {@code ne0} values; {@code ne0} must be a multiple of {@link #blockSize()}. */
    public long rowBytes(long ne0) {
        return ne0 / blockSize * typeSize;
    }

    /**
     * Bytes of a tensor of {@code elements} values whose rows are whole blocks: the generic
     * {@code elements / blockSize * typeSize}, plus the 32-byte tail for I2_S ({@code n / 4 + 32}).
     */
    public long tensorBytes(long elements) {
        long bytes = elements / blockSize * typeSize;
        return this == I2_S ? bytes + I2S_TAIL_BYTES : bytes;
    }

    /** Whether {@code architecture} is one of bitnet.cpp's ({@code bitnet}, {@code bitnet-25}, {@code bitnet-b1.58}, ...). */
    public static boolean isBitnetArchitecture(String architecture) {
        return architecture != null && architecture.toLowerCase(Locale.ROOT).startsWith("bitnet");
    }

    /**
     * The type with GGUF id {@code id} in a file of {@code architecture} (null when the file names none).
     *
     * @throws IllegalArgumentException for an id no ggml knows, for bitnet.cpp's TL1/TL2 (not portable), and
     *         for id 36 outside a bitnet architecture
     */
    public static GgmlType resolve(int id, String architecture) {
        boolean bitnet = isBitnetArchitecture(architecture);
        if (bitnet) {
            switch (id) {
                case 36:
                    return I2_S;
                case 37:
                    throw new IllegalArgumentException("ggml type 37 is bitnet.cpp's I8_S, an activation type that never belongs in a file");
                case 38:
                case 39:
                    throw new IllegalArgumentException("ggml type " + id + " is bitnet.cpp's " + (id == 38 ? "TL1" : "TL2")
                            + ", a lookup-table layout generated for one model shape and one kernel configuration"
                            + " (include/kernel_config.ini); it is not portable and quantbench does not read it."
                            + " Convert the model with bitnet.cpp's --quant-type i2_s (or to TQ2_0/TQ1_0/F16) instead");
                default:
                    break;
            }
        }
        for (GgmlType t : values()) {
            if (t.id == id && t != I2_S) {
                return t;
            }
        }
        if (id == 36) {
            throw new IllegalArgumentException("ggml type 36 is unused in mainline ggml; it is bitnet.cpp's I2_S only when"
                    + " general.architecture starts with 'bitnet' (this file's is " + (architecture == null ? "missing" : "'" + architecture + "'") + ")");
        }
        throw new IllegalArgumentException("ggml type " + id + " is unknown; known types: " + known());
    }

    private static String known() {
        return Arrays.stream(values()).map(t -> t.name() + "=" + t.id).collect(Collectors.joining(", "));
    }

    /** The types quantbench dequantizes, comma-separated. */
    public static String dequantizable() {
        return Arrays.stream(values()).filter(GgmlType::canDequantize).map(Enum::name).collect(Collectors.joining(", "));
    }
}
