package io.quantbench.engine.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every ggml type quantbench dequantizes goes through our writer and reader: random valid blocks are written
 * to a GGUF file, read back byte for byte, and dequantized; each value must equal the independent
 * element-by-element decoder of {@link GgmlReference}, bit for bit.
 */
class GgmlTypeRoundTripTest {

    /** Random bytes for {@code elements} values of {@code type}, with every scale field a finite value. */
    static byte[] randomTensor(GgmlType type, long elements, long seed) {
        Random random = new Random(seed);
        byte[] data = new byte[(int) type.tensorBytes(elements)];
        random.nextBytes(data);
        int blocks = (int) (elements / type.blockSize());
        for (int b = 0; b < blocks; b++) {
            int at = b * type.typeSize();
            switch (type) {
                case F32:
                    putFloat(data, at, (float) random.nextGaussian());
                    break;
                case F16:
                    finiteHalf(data, at, random);
                    break;
                case BF16:
                    data[at + 1] &= (byte) 0xBF;         // exponent below all-ones: finite
                    break;
                case Q8_0:
                case Q4_0:
                case Q5_0:
                    finiteHalf(data, at, random);
                    break;
                case Q4_1:
                case Q5_1:
                case Q4_K:
                case Q5_K:
                    finiteHalf(data, at, random);
                    finiteHalf(data, at + 2, random);
                    break;
                case Q6_K:
                    finiteHalf(data, at + 208, random);
                    break;
                case TQ1_0:
                    finiteHalf(data, at + 52, random);
                    break;
                case TQ2_0:
                    finiteHalf(data, at + 64, random);
                    break;
                default:
                    break;
            }
        }
        if (type == GgmlType.I2_S) {
            putFloat(data, (int) (elements / 4), 0.0123f + random.nextFloat());
        }
        return data;
    }

    private static void finiteHalf(byte[] data, int at, Random random) {
        int bits = random.nextInt(1 << 16);
        if (((bits >> 10) & 31) == 31) {
            bits &= ~(1 << 14);                         // clear an exponent bit: no infinity or NaN
        }
        data[at] = (byte) bits;
        data[at + 1] = (byte) (bits >> 8);
    }

    static void putFloat(byte[] data, int at, float v) {
        ByteBuffer.wrap(data, at, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(v);
    }

    private static long[] shapeFor(GgmlType type) {
        return new long[] {type.blockSize() * (type.blockSize() == 1 ? 96 : 3), 5};
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "I8", "Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q5_1",
            "Q4_K", "Q5_K", "Q6_K", "TQ1_0", "TQ2_0", "I2_S"})
    void roundTripsThroughWriterAndReader(GgmlType type, @TempDir Path dir) throws IOException {
        assertTrue(type.canDequantize());
        long[] ne = shapeFor(type);
        long elements = ne[0] * ne[1];
        byte[] data = randomTensor(type, elements, type.ordinal());
        Path file = dir.resolve("t.gguf");
        new GgufWriter()
                .put(GgufKeys.ARCHITECTURE, GgufValue.string(type == GgmlType.I2_S ? "bitnet-b1.58" : "llama"))
                .addTensor("first", GgmlType.F32, new long[] {3}, new byte[12])
                .addTensor("t", type, ne, data)
                .write(file);

        try (GgufFile gguf = GgufFile.open(file)) {
            GgufTensorInfo info = gguf.tensor("t").orElseThrow();
            assertEquals(type, info.type());
            assertArrayEquals(ne, info.ne());
            assertEquals(data.length, info.byteSize());
            assertEquals(0, info.offset() % GgufFile.DEFAULT_ALIGNMENT);
            byte[] back = new byte[data.length];
            gguf.source().slice(gguf.absoluteOffset(info), data.length).get(0, back);
            assertArrayEquals(data, back, "bytes read back");

            CheckpointTensor tensor = gguf.tensorData(info);
            float[] values = tensor.dequantize();
            for (int e = 0; e < elements; e++) {
                assertEquals(GgmlReference.value(type, data, elements, e), values[e], type + " element " + e);
            }
            // A row range decodes to the same values as the whole tensor.
            float[] rows = new float[(int) (2 * ne[0])];
            tensor.dequantizeRows(2, 2, rows, 0);
            assertArrayEquals(java.util.Arrays.copyOfRange(values, (int) (2 * ne[0]), (int) (4 * ne[0])), rows);
        }
    }

    /** The reader reads a tensor in runs of blocks no longer than one mapping window; small windows force many runs. */
    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q8_0", "Q6_K", "I2_S", "F16"})
    void decodesAcrossMappingWindows(GgmlType type, @TempDir Path dir) throws IOException {
        long[] ne = {type.blockSize() == 1 ? 4096 : type.blockSize() * 16L, 7};
        long elements = ne[0] * ne[1];
        byte[] data = randomTensor(type, elements, 99);
        Path file = dir.resolve("w.gguf");
        new GgufWriter().put(GgufKeys.ARCHITECTURE, GgufValue.string("bitnet")).addTensor("w", type, ne, data).write(file);
        try (GgufFile gguf = GgufFile.read(MappedFile.open(file, 1024, 256))) {
            float[] values = gguf.tensorData("w").dequantize();
            for (int e = 0; e < elements; e++) {
                assertEquals(GgmlReference.value(type, data, elements, e), values[e], type + " element " + e);
            }
        }
    }

    @Test
    void typesWithoutADecoderSayWhichTypesCanBeRead(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("q2k.gguf");
        new GgufWriter().addTensor("q", GgmlType.Q2_K, new long[] {256, 2}, new byte[2 * 84]).write(file);
        try (GgufFile gguf = GgufFile.open(file)) {
            CheckpointTensor t = gguf.tensorData("q");
            assertFalse(t.canDequantize());
            UnsupportedOperationException e = org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, t::dequantize);
            assertTrue(e.getMessage().contains("Q2_K") && e.getMessage().contains("Q6_K"), e.getMessage());
        }
    }

    @Test
    void referenceHalfDecoderAgreesWithKnownValues() {
        assertEquals(1.0f, GgmlReference.half(0x3C00));
        assertEquals(-2.0f, GgmlReference.half(0xC000));
        assertEquals(65504f, GgmlReference.half(0x7BFF));
        assertEquals(0x1p-24f, GgmlReference.half(0x0001));
        assertEquals(0.333251953125f, GgmlReference.half(0x3555));
    }
}
