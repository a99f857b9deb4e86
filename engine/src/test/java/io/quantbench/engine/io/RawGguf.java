package io.quantbench.engine.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds GGUF bytes by hand, field by field as reference/FORMATS.md §3 lays them out, so tests can write
 * files our writer never would (wrong magic, absurd counts, bad offsets) and check headers independently.
 */
final class RawGguf {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    RawGguf u8(int v) {
        out.write(v);
        return this;
    }

    RawGguf u32(long v) {
        return put(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
    }

    RawGguf u64(long v) {
        return put(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
    }

    RawGguf f32(float v) {
        return u32(Float.floatToRawIntBits(v));
    }

    RawGguf put(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    RawGguf string(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        return u64(bytes.length).put(bytes);
    }

    /** Magic, version 3, and the two counts. */
    RawGguf header(long tensors, long kvs) {
        return put("GGUF".getBytes(StandardCharsets.US_ASCII)).u32(3).u64(tensors).u64(kvs);
    }

    /** A string key-value pair. */
    RawGguf kvString(String key, String value) {
        return string(key).u32(8).string(value);
    }

    RawGguf kvU32(String key, long value) {
        return string(key).u32(4).u32(value);
    }

    /** A tensor info. */
    RawGguf tensor(String name, long[] ne, int type, long offset) {
        string(name).u32(ne.length);
        for (long d : ne) {
            u64(d);
        }
        return u32(type).u64(offset);
    }

    /** Zero bytes up to the next multiple of {@code alignment}. */
    RawGguf align(int alignment) {
        while (out.size() % alignment != 0) {
            out.write(0);
        }
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
