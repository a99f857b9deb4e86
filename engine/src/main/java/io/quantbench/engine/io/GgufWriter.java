package io.quantbench.engine.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a GGUF v3 file (reference/FORMATS.md §3): the metadata in insertion order, the tensor infos with
 * offsets laid out in order, each tensor padded to the alignment, exactly as ggml's {@code gguf_write} does.
 * The file is written to a temporary file and renamed into place ({@link AtomicWrite}).
 *
 * <pre>{@code
 * new GgufWriter()
 *     .put("general.architecture", GgufValue.string("llama"))
 *     .addTensor("output_norm.weight", GgmlType.F32, new long[] {64}, bytes)
 *     .write(path);
 * }</pre>
 */
public final class GgufWriter {

    /** The bytes of one tensor, produced when the file is written (so large tensors need not sit in memory). */
    @FunctionalInterface
    public interface TensorBytes {
        void writeTo(WritableByteChannel out) throws IOException;
    }

    private static final class Tensor {
        final String name;
        final GgmlType type;
        final long[] ne;
        final long size;
        final TensorBytes bytes;

        Tensor(String name, GgmlType type, long[] ne, long size, TensorBytes bytes) {
            this.name = name;
            this.type = type;
            this.ne = ne;
            this.size = size;
            this.bytes = bytes;
        }
    }

    private final Map<String, GgufValue> metadata = new LinkedHashMap<>();
    private final List<Tensor> tensors = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private int alignment = GgufFile.DEFAULT_ALIGNMENT;

    /** Adds (or replaces) one key. */
    public GgufWriter put(String key, GgufValue value) {
        Objects.requireNonNull(value, key);
        if (key.isEmpty() || key.getBytes(StandardCharsets.UTF_8).length > GgufReader.MAX_KEY_BYTES) {
            throw new IllegalArgumentException("metadata key must have 1 to " + GgufReader.MAX_KEY_BYTES + " bytes: '" + key + "'");
        }
        if (key.equals(GgufKeys.ALIGNMENT)) {
            long a = value.type() == GgufValueType.UINT32 ? value.asLong() : -1;
            if (a <= 0 || Long.bitCount(a) != 1) {
                throw new IllegalArgumentException(GgufKeys.ALIGNMENT + " must be a u32 power of two, got " + value);
            }
            alignment = (int) a;
        }
        metadata.put(key, value);
        return this;
    }

    /** Adds every key of {@code values}, in their order. */
    public GgufWriter putAll(Map<String, GgufValue> values) {
        values.forEach(this::put);
        return this;
    }

    /** Adds a tensor whose bytes are in memory. */
    public GgufWriter addTensor(String name, GgmlType type, long[] ne, byte[] data) {
        byte[] copy = data.clone();
        return addTensor(name, type, ne, copy.length, out -> writeFully(out, ByteBuffer.wrap(copy)));
    }

    /**
     * Adds a tensor whose {@code size} bytes {@code bytes} writes later; {@code size} must be what the type and
     * shape need, and the writer checks that exactly that many bytes come.
     */
    public GgufWriter addTensor(String name, GgmlType type, long[] ne, long size, TensorBytes bytes) {
        if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > GgufReader.MAX_NAME_BYTES) {
            throw new IllegalArgumentException("tensor name must have 1 to " + GgufReader.MAX_NAME_BYTES + " bytes: '" + name + "'");
        }
        if (!names.add(name)) {
            throw new IllegalArgumentException("tensor " + name + " is added twice");
        }
        if (ne.length < 1 || ne.length > GgufReader.MAX_DIMS) {
            throw new IllegalArgumentException("tensor " + name + " needs 1 to " + GgufReader.MAX_DIMS + " dimensions, got " + ne.length);
        }
        for (long d : ne) {
            if (d <= 0) {
                throw new IllegalArgumentException("tensor " + name + " has a non-positive dimension: " + GgufTensorInfo.shape(ne));
            }
        }
        long elements = GgufTensorInfo.elements(ne);
        if (ne[0] % type.blockSize() != 0) {
            throw new IllegalArgumentException("tensor " + name + " " + GgufTensorInfo.shape(ne) + ": rows of ne[0] values"
                    + " must fill whole " + type + " blocks of " + type.blockSize());
        }
        long expected = type.tensorBytes(elements);
        if (size != expected) {
            throw new IllegalArgumentException("tensor " + name + " (" + type + " " + GgufTensorInfo.shape(ne) + ") needs "
                    + expected + " bytes, got " + size);
        }
        tensors.add(new Tensor(name, type, ne.clone(), size, bytes));
        return this;
    }

    /** Writes the file. */
    public void write(Path path) throws IOException {
        boolean bitnet = false;
        GgufValue arch = metadata.get(GgufKeys.ARCHITECTURE);
        if (arch != null && arch.type() == GgufValueType.STRING) {
            bitnet = GgmlType.isBitnetArchitecture(arch.asString());
        }
        for (Tensor t : tensors) {
            if (t.type == GgmlType.I2_S && !bitnet) {
                throw new IllegalArgumentException("tensor " + t.name + " is I2_S, which bitnet.cpp defines only under a bitnet*"
                        + " general.architecture; set one first");
            }
        }
        AtomicWrite.write(path, this::writeTo);
    }

    private void writeTo(FileChannel out) throws IOException {
        HeaderBuffer header = new HeaderBuffer();
        header.u32(0x46554747);
        header.u32(3);
        header.u64(tensors.size());
        header.u64(metadata.size());
        for (Map.Entry<String, GgufValue> kv : metadata.entrySet()) {
            header.string(kv.getKey());
            header.u32(kv.getValue().type().id());
            header.value(kv.getValue());
        }
        long offset = 0;
        for (Tensor t : tensors) {
            header.string(t.name);
            header.u32(t.ne.length);
            for (long d : t.ne) {
                header.u64(d);
            }
            header.u32(t.type.id());
            header.u64(offset);
            offset = GgufReader.align(offset + t.size, alignment);
        }
        header.pad(alignment);
        writeFully(out, header.buffer());
        for (Tensor t : tensors) {
            long before = out.position();
            t.bytes.writeTo(out);
            long written = out.position() - before;
            if (written != t.size) {
                throw new IOException("tensor " + t.name + " wrote " + written + " bytes; " + t.size + " were declared");
            }
            long padding = GgufReader.align(written, alignment) - written;
            writeFully(out, ByteBuffer.allocate((int) padding));
        }
    }

    static void writeFully(WritableByteChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    /** A growing little-endian buffer for the header. */
    private static final class HeaderBuffer {
        private ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

        private void room(long n) {
            if (buffer.remaining() < n) {
                long capacity = Math.max((long) buffer.capacity() * 2, buffer.position() + n);
                if (capacity > Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("GGUF header larger than 2 GiB");
                }
                ByteBuffer bigger = ByteBuffer.allocate((int) capacity).order(ByteOrder.LITTLE_ENDIAN);
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
            }
        }

        void u8(int v) {
            room(1);
            buffer.put((byte) v);
        }

        void u16(int v) {
            room(2);
            buffer.putShort((short) v);
        }

        void u32(long v) {
            room(4);
            buffer.putInt((int) v);
        }

        void u64(long v) {
            room(8);
            buffer.putLong(v);
        }

        void string(String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            u64(bytes.length);
            room(bytes.length);
            buffer.put(bytes);
        }

        void value(GgufValue v) {
            if (v.type() == GgufValueType.ARRAY) {
                array(v);
            } else {
                scalar(v.type(), v.raw());
            }
        }

        private void scalar(GgufValueType type, Object value) {
            switch (type) {
                case UINT8:
                case INT8:
                    u8((int) (long) (Long) value);
                    break;
                case UINT16:
                case INT16:
                    u16((int) (long) (Long) value);
                    break;
                case UINT32:
                case INT32:
                    u32((Long) value);
                    break;
                case UINT64:
                case INT64:
                    u64((Long) value);
                    break;
                case FLOAT32:
                    u32(Float.floatToRawIntBits((Float) value));
                    break;
                case FLOAT64:
                    u64(Double.doubleToRawLongBits((Double) value));
                    break;
                case BOOL:
                    u8((Boolean) value ? 1 : 0);
                    break;
                case STRING:
                    string((String) value);
                    break;
                default:
                    throw new AssertionError(type);
            }
        }

        private void array(GgufValue v) {
            GgufValueType element = v.elementType();
            Object raw = v.raw();
            int n = v.size();
            u32(element.id());
            u64(n);
            for (int i = 0; i < n; i++) {
                switch (element) {
                    case ARRAY:
                        array(((GgufValue[]) raw)[i]);
                        break;
                    case STRING:
                        string(((String[]) raw)[i]);
                        break;
                    case FLOAT32:
                        u32(Float.floatToRawIntBits(((float[]) raw)[i]));
                        break;
                    case FLOAT64:
                        u64(Double.doubleToRawLongBits(((double[]) raw)[i]));
                        break;
                    case BOOL:
                        u8(((boolean[]) raw)[i] ? 1 : 0);
                        break;
                    default:
                        scalar(element, ((long[]) raw)[i]);
                }
            }
        }

        void pad(int alignment) {
            long padded = GgufReader.align(buffer.position(), alignment);
            room(padded - buffer.position());
            while (buffer.position() < padded) {
                buffer.put((byte) 0);
            }
        }

        ByteBuffer buffer() {
            return buffer.duplicate().flip();
        }
    }
}
