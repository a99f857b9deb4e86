package io.quantbench.engine.io;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a GGUF header (reference/FORMATS.md §3): magic, version, counts, the metadata key-value pairs,
 * the tensor infos, and the start of the data section.
 *
 * <p>Nothing in the file is trusted. Every count and length is checked against the bytes left in the file
 * before anything is allocated for it, strings must be valid UTF-8, nesting is bounded, and every tensor
 * must have a known type, at most 4 positive dimensions whose product does not overflow, rows of whole
 * blocks, an aligned offset, and bytes that end inside the file. Errors name the file and the offset.
 */
final class GgufReader {

    /** ggml's GGML_MAX_DIMS. */
    static final int MAX_DIMS = 4;
    /** Longest tensor name (ggml's GGML_MAX_NAME is 64 with its terminating NUL). */
    static final int MAX_NAME_BYTES = 64;
    /** Longest metadata key (FORMATS.md §3). */
    static final int MAX_KEY_BYTES = 65535;
    /** Arrays of arrays are allowed; this deep is more than any real file uses and stops a stack overflow. */
    static final int MAX_NESTING = 8;
    /** The smallest tensor info: an empty name, n_dims, one dimension, the type and the offset. */
    private static final int MIN_TENSOR_INFO_BYTES = 8 + 4 + 8 + 4 + 8;
    /** The smallest key-value pair: an empty key, the type and a one-byte value. */
    private static final int MIN_KV_BYTES = 8 + 4 + 1;

    private final ByteSource source;
    private final ByteCursor in;

    GgufReader(ByteSource source) {
        this.source = source;
        this.in = new ByteCursor(source, 0);
    }

    GgufFile read() throws FileFormatException {
        int magic = in.i32("magic");
        if (magic != 0x46554747) {
            throw in.error(0, "expected the magic bytes 'GGUF' (47 47 55 46), found "
                    + String.format("%02x %02x %02x %02x", magic & 0xFF, (magic >> 8) & 0xFF, (magic >> 16) & 0xFF, (magic >>> 24))
                    + ": not a GGUF file");
        }
        int version = in.i32("version");
        if (version != 2 && version != 3) {
            String hint = Integer.reverseBytes(version) == 3 || Integer.reverseBytes(version) == 2
                    ? " (it reads as a byte-swapped " + Integer.reverseBytes(version) + ": big-endian GGUF is not supported)"
                    : version == 1 ? " (version 1 used 32-bit counts; re-convert the model with a current llama.cpp)" : "";
            throw in.error(4, "GGUF version " + Integer.toUnsignedString(version) + " is not supported; expected 3 (or 2)" + hint);
        }
        long tensorCount = in.count("tensor count", MIN_TENSOR_INFO_BYTES);
        long kvCount = in.count("metadata key-value count", MIN_KV_BYTES);

        Map<String, GgufValue> metadata = new LinkedHashMap<>();
        for (long i = 0; i < kvCount; i++) {
            long keyAt = in.position();
            String key = in.ggufString("metadata key " + i, MAX_KEY_BYTES);
            long typeAt = in.position();
            GgufValueType type = valueType(in.i32("value type of key " + key), typeAt, key);
            GgufValue value = readValue(type, key, 0);
            if (metadata.putIfAbsent(key, value) != null) {
                throw in.error(keyAt, "metadata key " + key + " appears twice");
            }
        }
        String architecture = stringKey(metadata, GgufKeys.ARCHITECTURE);
        int alignment = alignment(metadata);

        List<GgufTensorInfo> tensors = new ArrayList<>();
        List<Long> infoOffsets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (long i = 0; i < tensorCount; i++) {
            long at = in.position();
            GgufTensorInfo t = readTensorInfo(i, architecture, alignment);
            if (!names.add(t.name())) {
                throw in.error(at, "tensor name " + t.name() + " appears twice");
            }
            tensors.add(t);
            infoOffsets.add(at);
        }
        long dataOffset = align(in.position(), alignment);
        if (!tensors.isEmpty() && dataOffset > source.size()) {
            throw in.error(in.position(), "the data section would start at " + dataOffset + " (aligned to " + alignment
                    + "), past the end of the " + source.size() + "-byte file");
        }
        long dataBytes = source.size() - dataOffset;
        for (int i = 0; i < tensors.size(); i++) {
            GgufTensorInfo t = tensors.get(i);
            long size = t.byteSize();
            if (t.offset() > dataBytes || size > dataBytes - t.offset()) {
                throw in.error(infoOffsets.get(i), "tensor " + t.name() + " (" + t.type() + " " + GgufTensorInfo.shape(t.ne())
                        + ", " + size + " bytes) at data offset " + Long.toUnsignedString(t.offset()) + " ends past the end of the file"
                        + " (data section: " + dataBytes + " bytes from offset " + dataOffset + "): truncated?");
            }
        }
        return new GgufFile(source, version, alignment, dataOffset, metadata, tensors);
    }

    private GgufValueType valueType(int id, long at, String key) throws FileFormatException {
        GgufValueType type = GgufValueType.fromId(id);
        if (type == null) {
            throw in.error(at, "metadata key " + key + " has value type " + Integer.toUnsignedString(id)
                    + "; GGUF value types are 0..12");
        }
        return type;
    }

    private GgufValue readValue(GgufValueType type, String key, int depth) throws FileFormatException {
        String what = "value of " + key;
        if (type.isInteger()) {
            return GgufValue.ofInteger(type, integer(type, what));
        }
        switch (type) {
            case FLOAT32:
                return GgufValue.f32(in.f32(what));
            case FLOAT64:
                return GgufValue.f64(in.f64(what));
            case BOOL:
                return GgufValue.bool(bool(what));
            case STRING:
                return GgufValue.string(in.ggufString(what, Long.MAX_VALUE));
            case ARRAY:
                return readArray(key, depth);
            default:
                throw new AssertionError(type);
        }
    }

    /** An integer of {@code type} as a long (unsigned types zero-extended; u64 as its bit pattern). */
    private long integer(GgufValueType type, String what) throws FileFormatException {
        switch (type) {
            case UINT8:
                return in.u8(what);
            case INT8:
                return (byte) in.u8(what);
            case UINT16:
                return in.i16(what) & 0xFFFF;
            case INT16:
                return in.i16(what);
            case UINT32:
                return Integer.toUnsignedLong(in.i32(what));
            case INT32:
                return in.i32(what);
            case UINT64:
            case INT64:
                return in.i64(what);
            default:
                throw new AssertionError(type);
        }
    }

    private boolean bool(String what) throws FileFormatException {
        long at = in.position();
        int b = in.u8(what);
        if (b > 1) {
            throw in.error(at, what + " is a bool stored as " + b + "; expected 0 or 1");
        }
        return b == 1;
    }

    private GgufValue readArray(String key, int depth) throws FileFormatException {
        long at = in.position();
        if (depth >= MAX_NESTING) {
            throw in.error(at, "metadata key " + key + " nests arrays more than " + MAX_NESTING + " deep");
        }
        GgufValueType element = valueType(in.i32("array element type of " + key), at, key);
        int n = (int) Math.min(Integer.MAX_VALUE, in.count("array length of " + key, element.minBytes()));
        if (n == Integer.MAX_VALUE) {
            throw in.error(at, "array of " + key + " is too long");
        }
        String what = "element of " + key;
        switch (element) {
            case STRING: {
                String[] values = new String[n];
                for (int i = 0; i < n; i++) {
                    values[i] = in.ggufString(what, Long.MAX_VALUE);
                }
                return GgufValue.strings(values);
            }
            case FLOAT32: {
                float[] values = new float[n];
                for (int i = 0; i < n; i++) {
                    values[i] = in.f32(what);
                }
                return GgufValue.float32s(values);
            }
            case FLOAT64: {
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    values[i] = in.f64(what);
                }
                return GgufValue.float64s(values);
            }
            case BOOL: {
                boolean[] values = new boolean[n];
                for (int i = 0; i < n; i++) {
                    values[i] = bool(what);
                }
                return GgufValue.bools(values);
            }
            case ARRAY: {
                GgufValue[] values = new GgufValue[n];
                for (int i = 0; i < n; i++) {
                    values[i] = readArray(key, depth + 1);
                }
                return GgufValue.arrays(values);
            }
            default: {
                long[] values = new long[n];
                for (int i = 0; i < n; i++) {
                    values[i] = integer(element, what);
                }
                return GgufValue.integers(element, values);
            }
        }
    }

    private GgufTensorInfo readTensorInfo(long index, String architecture, int alignment) throws FileFormatException {
        long nameAt = in.position();
        String name = in.ggufString("name of tensor " + index, MAX_NAME_BYTES);
        long dimsAt = in.position();
        int nDims = in.i32("dimension count of tensor " + name);
        if (nDims < 1 || nDims > MAX_DIMS) {
            throw in.error(dimsAt, "tensor " + name + " has " + Integer.toUnsignedString(nDims) + " dimensions; expected 1 to " + MAX_DIMS);
        }
        long[] ne = new long[nDims];
        long elements = 1;
        for (int d = 0; d < nDims; d++) {
            long at = in.position();
            ne[d] = in.i64("dimension " + d + " of tensor " + name);
            if (ne[d] <= 0) {
                throw in.error(at, "tensor " + name + " has dimension ne[" + d + "] = " + Long.toUnsignedString(ne[d]) + "; expected a positive size");
            }
            if (elements > Long.MAX_VALUE / ne[d]) {
                throw in.error(at, "tensor " + name + " has " + GgufTensorInfo.shape(java.util.Arrays.copyOf(ne, d + 1))
                        + " elements, more than 2^63");
            }
            elements *= ne[d];
        }
        long typeAt = in.position();
        int typeId = in.i32("type of tensor " + name);
        GgmlType type;
        try {
            type = GgmlType.resolve(typeId, architecture);
        } catch (IllegalArgumentException e) {
            throw in.error(typeAt, "tensor " + name + ": " + e.getMessage());
        }
        if (ne[0] % type.blockSize() != 0) {
            throw in.error(dimsAt, "tensor " + name + " is " + type + " with rows of ne[0] = " + ne[0]
                    + " values, not a multiple of its block of " + type.blockSize());
        }
        long offsetAt = in.position();
        long offset = in.i64("data offset of tensor " + name);
        if (offset < 0 || offset % alignment != 0) {
            throw in.error(offsetAt, "tensor " + name + " has data offset " + Long.toUnsignedString(offset)
                    + "; expected a multiple of the alignment " + alignment);
        }
        if (name.isEmpty()) {
            throw in.error(nameAt, "tensor " + index + " has an empty name");
        }
        return new GgufTensorInfo(name, ne, type, offset);
    }

    private String stringKey(Map<String, GgufValue> metadata, String key) throws FileFormatException {
        GgufValue v = metadata.get(key);
        if (v == null) {
            return null;
        }
        if (v.type() != GgufValueType.STRING) {
            throw new FileFormatException(source.name(), "metadata key " + key, "is " + v.typeName() + ", expected a string");
        }
        return v.asString();
    }

    private int alignment(Map<String, GgufValue> metadata) throws FileFormatException {
        GgufValue v = metadata.get(GgufKeys.ALIGNMENT);
        if (v == null) {
            return GgufFile.DEFAULT_ALIGNMENT;
        }
        long a = v.type().isInteger() ? v.asLongBits() : -1;
        if (a <= 0 || a > (1 << 30) || Long.bitCount(a) != 1) {
            throw new FileFormatException(source.name(), "metadata key " + GgufKeys.ALIGNMENT,
                    "is " + v.display(1) + " (" + v.typeName() + "); expected a power of two (u32), such as 32");
        }
        return (int) a;
    }

    static long align(long offset, int alignment) {
        return (offset + alignment - 1) / alignment * alignment;
    }
}
