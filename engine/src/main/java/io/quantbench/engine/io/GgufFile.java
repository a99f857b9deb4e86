package io.quantbench.engine.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GGUF file (v2 or v3, reference/FORMATS.md §3), opened read-only and memory-mapped: its metadata in
 * file order, its tensor infos, and the bytes of its data section. Opening checks the whole header against
 * the file's length (see {@link GgufReader}); tensor bytes are read only when asked for.
 */
public final class GgufFile implements Closeable {

    /** The default alignment of the data section and of every tensor in it. */
    public static final int DEFAULT_ALIGNMENT = 32;

    private final ByteSource source;
    private final int version;
    private final int alignment;
    private final long dataOffset;
    private final Map<String, GgufValue> metadata;
    private final List<GgufTensorInfo> tensors;
    private final Map<String, GgufTensorInfo> byName;

    GgufFile(ByteSource source, int version, int alignment, long dataOffset, Map<String, GgufValue> metadata,
             List<GgufTensorInfo> tensors) {
        this.source = source;
        this.version = version;
        this.alignment = alignment;
        this.dataOffset = dataOffset;
        this.metadata = Collections.unmodifiableMap(metadata);
        this.tensors = List.copyOf(tensors);
        Map<String, GgufTensorInfo> names = new LinkedHashMap<>();
        for (GgufTensorInfo t : tensors) {
            names.put(t.name(), t);
        }
        this.byName = Collections.unmodifiableMap(names);
    }

    /** Opens and maps {@code path}. */
    public static GgufFile open(Path path) throws IOException {
        return MappedFile.parse(path, GgufFile::read);
    }

    /** Reads the header from {@code source}, which the returned file then owns. */
    public static GgufFile read(ByteSource source) throws FileFormatException {
        return new GgufReader(source).read();
    }

    /** The path (or name) the file was opened with. */
    public String name() {
        return source.name();
    }

    public ByteSource source() {
        return source;
    }

    public int version() {
        return version;
    }

    public int alignment() {
        return alignment;
    }

    /** Absolute offset of the data section (the end of the header, aligned). */
    public long dataOffset() {
        return dataOffset;
    }

    /** Every key and value, in file order. */
    public Map<String, GgufValue> metadata() {
        return metadata;
    }

    public List<GgufTensorInfo> tensors() {
        return tensors;
    }

    public Optional<GgufTensorInfo> tensor(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** {@code general.architecture}, or null if the file has none. */
    public String architecture() {
        GgufValue v = metadata.get(GgufKeys.ARCHITECTURE);
        return v == null || v.type() != GgufValueType.STRING ? null : v.asString();
    }

    public Optional<GgufValue> get(String key) {
        return Optional.ofNullable(metadata.get(key));
    }

    /** The value of {@code key}, which must be present. */
    public GgufValue require(String key) throws FileFormatException {
        GgufValue v = metadata.get(key);
        if (v == null) {
            throw new FileFormatException(name(), "metadata key " + key, "is missing");
        }
        return v;
    }

    /** A typed read of {@code key}, turning a wrong type into an error that names the file and key. */
    public <T> T typed(String key, java.util.function.Function<GgufValue, T> read) throws FileFormatException {
        return typed(key, require(key), read);
    }

    /** As {@link #typed(String, java.util.function.Function)}, or {@code fallback} when the key is absent. */
    public <T> T typed(String key, java.util.function.Function<GgufValue, T> read, T fallback) throws FileFormatException {
        GgufValue v = metadata.get(key);
        return v == null ? fallback : typed(key, v, read);
    }

    private <T> T typed(String key, GgufValue v, java.util.function.Function<GgufValue, T> read) throws FileFormatException {
        try {
            return read.apply(v);
        } catch (IllegalStateException e) {
            throw new FileFormatException(name(), "metadata key " + key, e.getMessage());
        }
    }

    public String getString(String key) throws FileFormatException {
        return typed(key, GgufValue::asString);
    }

    public int getInt(String key) throws FileFormatException {
        return typed(key, GgufValue::asInt);
    }

    public float getFloat(String key) throws FileFormatException {
        return typed(key, GgufValue::asFloat);
    }

    /** The tensor named {@code name}, ready to dequantize. */
    public CheckpointTensor tensorData(String name) {
        GgufTensorInfo t = byName.get(name);
        if (t == null) {
            throw new IllegalArgumentException(name() + " has no tensor " + name);
        }
        return tensorData(t);
    }

    /** The tensor {@code info} (one of {@link #tensors()}), ready to dequantize. */
    public CheckpointTensor tensorData(GgufTensorInfo info) {
        return StoredTensor.ggml(info.name(), info.name(), info.ne(), info.type(), source, absoluteOffset(info));
    }

    /** The stored bytes of {@code info}, streamed in mapping-window pieces: for copying a tensor into a new file. */
    public GgufWriter.TensorBytes bytesOf(GgufTensorInfo info) {
        long start = absoluteOffset(info);
        long size = info.byteSize();
        return out -> {
            for (long done = 0; done < size; ) {
                int n = (int) Math.min(source.maxSpan(), size - done);
                GgufWriter.writeFully(out, source.slice(start + done, n));
                done += n;
            }
        };
    }

    /** Absolute offset of {@code tensor}'s first byte. */
    public long absoluteOffset(GgufTensorInfo tensor) {
        return dataOffset + tensor.offset();
    }

    @Override
    public void close() {
        source.close();
    }
}
