package io.quantbench.engine.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One safetensors file: a u64 little-endian header length N, N bytes of JSON
 * ({@code {"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, "__metadata__": {...}}}),
 * then the data; offsets are relative to the end of the header. Shapes are PyTorch's (slowest dimension first);
 * {@link #tensors()} turns them into ggml order.
 *
 * <p>The header is checked before anything is read from the data: its length against the file, the JSON
 * syntax (duplicate keys are errors), each dtype, each shape's element count against its byte range, and
 * each range against the data section, with no two tensors overlapping.
 */
public final class SafetensorsFile implements Closeable {

    /** safetensors' limit on the header size, which also bounds what a hostile file can make us parse. */
    static final long MAX_HEADER_BYTES = 100_000_000;

    /** The dtypes of the format, with their sizes. */
    public enum Dtype {
        BOOL(1), U8(1), I8(1), F8_E5M2(1), F8_E4M3(1), I16(2), U16(2), F16(2), BF16(2), I32(4), U32(4), F32(4),
        F64(8), I64(8), U64(8);

        final int size;

        Dtype(int size) {
            this.size = size;
        }

        /** The ggml type with the same encoding, or null (U8 and the rest). */
        GgmlType ggml() {
            switch (this) {
                case F32:
                    return GgmlType.F32;
                case F16:
                    return GgmlType.F16;
                case BF16:
                    return GgmlType.BF16;
                case I8:
                    return GgmlType.I8;
                default:
                    return null;
            }
        }
    }

    /** One tensor entry of the header. */
    public static final class Entry {
        final String name;
        final Dtype dtype;
        final long[] shape;
        final long begin;
        final long end;

        Entry(String name, Dtype dtype, long[] shape, long begin, long end) {
            this.name = name;
            this.dtype = dtype;
            this.shape = shape;
            this.begin = begin;
            this.end = end;
        }

        public String name() {
            return name;
        }

        public Dtype dtype() {
            return dtype;
        }

        /** PyTorch order, slowest first. */
        public long[] shape() {
            return shape.clone();
        }
    }

    private final ByteSource source;
    private final long dataOffset;
    private final Map<String, String> metadata;
    private final Map<String, Entry> entries;

    private SafetensorsFile(ByteSource source, long dataOffset, Map<String, String> metadata, Map<String, Entry> entries) {
        this.source = source;
        this.dataOffset = dataOffset;
        this.metadata = Collections.unmodifiableMap(metadata);
        this.entries = Collections.unmodifiableMap(entries);
    }

    public static SafetensorsFile open(Path path) throws IOException {
        return MappedFile.parse(path, SafetensorsFile::read);
    }

    /** Parses the header of {@code source}, which the returned file then owns. */
    public static SafetensorsFile read(ByteSource source) throws FileFormatException {
        ByteCursor in = new ByteCursor(source, 0);
        long headerLength = in.i64("header length");
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > in.remaining()) {
            throw in.error(0, "header length is " + Long.toUnsignedString(headerLength) + "; expected 2.." + MAX_HEADER_BYTES
                    + " and at most the " + in.remaining() + " bytes that follow (not a safetensors file, or truncated?)");
        }
        byte[] json = in.bytes((int) headerLength, "JSON header");
        long dataOffset = 8 + headerLength;
        JsonNode root = parse(source.name(), json, 8);
        if (!root.isObject()) {
            throw new FileFormatException(source.name(), 8, "the header is JSON but not an object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, Entry> entries = new LinkedHashMap<>();
        long dataBytes = source.size() - dataOffset;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("__metadata__")) {
                metadata(source.name(), field.getValue(), metadata);
            } else {
                entries.put(field.getKey(), entry(source.name(), field.getKey(), field.getValue(), dataBytes));
            }
        }
        List<Entry> byOffset = new ArrayList<>(entries.values());
        byOffset.sort(Comparator.comparingLong((Entry e) -> e.begin).thenComparingLong(e -> e.end));
        for (int i = 1; i < byOffset.size(); i++) {
            Entry a = byOffset.get(i - 1);
            Entry b = byOffset.get(i);
            if (b.begin < a.end) {
                throw new FileFormatException(source.name(), "tensor " + b.name, "data [" + b.begin + ", " + b.end
                        + ") overlaps tensor " + a.name + " [" + a.begin + ", " + a.end + ")");
            }
        }
        return new SafetensorsFile(source, dataOffset, metadata, entries);
    }

    /** Parses JSON (strictly: duplicate keys are errors), reporting errors at their offset in the file. */
    static JsonNode parse(String file, byte[] json, long fileOffset) throws FileFormatException {
        ObjectMapper mapper = new ObjectMapper();
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        try {
            JsonNode node = mapper.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new FileFormatException(file, fileOffset, "the JSON is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getByteOffset());
            throw new FileFormatException(file, fileOffset + at, "invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new FileFormatException(file, fileOffset, "unreadable JSON: " + e.getMessage());
        }
    }

    private static void metadata(String file, JsonNode node, Map<String, String> out) throws FileFormatException {
        if (!node.isObject()) {
            throw new FileFormatException(file, "__metadata__", "is not a JSON object of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getValue().isTextual()) {
                throw new FileFormatException(file, "__metadata__." + f.getKey(), "is not a string");
            }
            out.put(f.getKey(), f.getValue().asText());
        }
    }

    private static Entry entry(String file, String name, JsonNode node, long dataBytes) throws FileFormatException {
        String where = "tensor " + name;
        if (!node.isObject()) {
            throw new FileFormatException(file, where, "is not a JSON object with dtype, shape and data_offsets");
        }
        JsonNode dtypeNode = node.get("dtype");
        Dtype dtype;
        try {
            dtype = Dtype.valueOf(dtypeNode == null ? "" : dtypeNode.asText());
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(file, where, "has dtype " + dtypeNode + "; safetensors dtypes are "
                    + java.util.Arrays.toString(Dtype.values()));
        }
        JsonNode shapeNode = node.get("shape");
        if (shapeNode == null || !shapeNode.isArray() || shapeNode.size() > GgufReader.MAX_DIMS) {
            throw new FileFormatException(file, where, "has shape " + shapeNode + "; expected an array of at most "
                    + GgufReader.MAX_DIMS + " sizes");
        }
        long[] shape = new long[shapeNode.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.canConvertToExactIntegral() || !d.canConvertToLong() || d.asLong() <= 0) {
                throw new FileFormatException(file, where, "has shape " + shapeNode + "; every size must be a positive integer");
            }
            shape[i] = d.asLong();
            if (elements > Long.MAX_VALUE / 8 / shape[i]) {
                throw new FileFormatException(file, where, "has shape " + shapeNode + ", too many elements");
            }
            elements *= shape[i];
        }
        JsonNode offsets = node.get("data_offsets");
        if (offsets == null || !offsets.isArray() || offsets.size() != 2 || !offsets.get(0).canConvertToLong()
                || !offsets.get(1).canConvertToLong() || !offsets.get(0).isIntegralNumber() || !offsets.get(1).isIntegralNumber()) {
            throw new FileFormatException(file, where, "has data_offsets " + offsets + "; expected [begin, end]");
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (begin < 0 || end < begin || end > dataBytes) {
            throw new FileFormatException(file, where, "has data_offsets [" + begin + ", " + end + "] outside the data section of "
                    + dataBytes + " bytes" + (end > dataBytes ? " (truncated?)" : ""));
        }
        if (end - begin != elements * dtype.size) {
            throw new FileFormatException(file, where, "is " + dtype + " " + shapeNode + " = " + elements * dtype.size
                    + " bytes, but its data_offsets span " + (end - begin));
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    public String name() {
        return source.name();
    }

    ByteSource source() {
        return source;
    }

    /** Absolute offset of an entry's first byte. */
    long offsetOf(Entry e) {
        return dataOffset + e.begin;
    }

    /** The {@code __metadata__} strings. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The entries in header order. */
    public Map<String, Entry> entries() {
        return entries;
    }

    /** The tensor of an entry, in ggml order, under its own name. */
    public CheckpointTensor tensor(Entry e) {
        return tensor(e, e.name);
    }

    CheckpointTensor tensor(Entry e, String name) {
        long[] ne = new long[Math.max(1, e.shape.length)];
        java.util.Arrays.fill(ne, 1);
        for (int i = 0; i < e.shape.length; i++) {
            ne[i] = e.shape[e.shape.length - 1 - i];
        }
        long offset = offsetOf(e);
        GgmlType ggml = e.dtype.ggml();
        if (ggml != null) {
            return StoredTensor.ggml(name, e.name, ne, ggml, source, offset);
        }
        if (e.dtype == Dtype.U8) {
            return StoredTensor.u8(name, e.name, ne, source, offset);
        }
        return StoredTensor.undecodable(name, e.name, ne, e.dtype.name(), e.dtype.size, source, offset);
    }

    /** Every tensor, in header order, under its own name. */
    public List<CheckpointTensor> tensors() {
        List<CheckpointTensor> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            out.add(tensor(e));
        }
        return out;
    }

    @Override
    public void close() {
        source.close();
    }
}
