package io.quantbench.engine.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;

/** Writes safetensors files for tests, as the format describes them: u64 header length, JSON header, data. */
final class SafetensorsBuilder {

    private final StringJoiner header = new StringJoiner(", ", "{", "}");
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    /** A tensor of the given dtype and PyTorch shape. */
    SafetensorsBuilder tensor(String name, String dtype, long[] shape, byte[] bytes) {
        StringJoiner dims = new StringJoiner(", ", "[", "]");
        for (long d : shape) {
            dims.add(Long.toString(d));
        }
        int begin = data.size();
        data.write(bytes, 0, bytes.length);
        header.add("\"" + name + "\": {\"dtype\": \"" + dtype + "\", \"shape\": " + dims + ", \"data_offsets\": [" + begin + ", "
                + data.size() + "]}");
        return this;
    }

    /** A float32 tensor whose values are {@code base + flat index}. */
    SafetensorsBuilder f32(String name, float base, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        ByteBuffer b = ByteBuffer.allocate((int) (4 * n)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putFloat(base + i);
        }
        return tensor(name, "F32", shape, b.array());
    }

    /** A bfloat16 tensor of the given values (which must be exact in bfloat16). */
    SafetensorsBuilder bf16(String name, float[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putShort((short) (Float.floatToIntBits(v) >>> 16));
        }
        return tensor(name, "BF16", shape, b.array());
    }

    SafetensorsBuilder raw(String headerEntry) {
        header.add(headerEntry);
        return this;
    }

    byte[] bytes() {
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer b = ByteBuffer.allocate(8 + padded + data.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            b.put((byte) ' ');
        }
        b.put(data.toByteArray());
        return b.array();
    }

    Path write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, bytes());
        return file;
    }
}
