package io.quantbench.engine.io;

import io.quantbench.engine.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GGUF container: every metadata type, alignment, the byte layout, the fixture vocabularies, and bad files. */
class GgufFileTest {

    @TempDir
    Path dir;

    private static Map<String, GgufValue> everyValueType() {
        Map<String, GgufValue> m = new LinkedHashMap<>();
        m.put("general.architecture", GgufValue.string("llama"));
        m.put("t.u8", GgufValue.ofInteger(GgufValueType.UINT8, 255));
        m.put("t.i8", GgufValue.ofInteger(GgufValueType.INT8, -128));
        m.put("t.u16", GgufValue.ofInteger(GgufValueType.UINT16, 65535));
        m.put("t.i16", GgufValue.ofInteger(GgufValueType.INT16, -32768));
        m.put("t.u32", GgufValue.u32(0xFFFF_FFFFL));
        m.put("t.i32", GgufValue.i32(Integer.MIN_VALUE));
        m.put("t.u64", GgufValue.u64(-1L));                     // 2^64 - 1
        m.put("t.i64", GgufValue.ofInteger(GgufValueType.INT64, Long.MIN_VALUE));
        m.put("t.f32", GgufValue.f32(1e-5f));
        m.put("t.f64", GgufValue.f64(Math.PI));
        m.put("t.bool", GgufValue.bool(true));
        m.put("t.string", GgufValue.string("Ünïcödé ▁ 🦙 \n\"quoted\""));
        m.put("t.empty", GgufValue.string(""));
        m.put("t.strings", GgufValue.strings("a", "", "Ġthe", "<0x0A>"));
        m.put("t.floats", GgufValue.float32s(0f, -0f, Float.MAX_VALUE, Float.MIN_VALUE));
        m.put("t.doubles", GgufValue.float64s(1.5, -2.25));
        m.put("t.bools", GgufValue.bools(true, false, true));
        m.put("t.i32s", GgufValue.int32s(1, -2, 3));
        m.put("t.u8s", GgufValue.integers(GgufValueType.UINT8, new long[] {0, 200, 255}));
        m.put("t.u64s", GgufValue.integers(GgufValueType.UINT64, new long[] {-1L, 7}));
        m.put("t.emptyArray", GgufValue.int32s());
        m.put("t.nested", GgufValue.arrays(GgufValue.strings("x", "y"), GgufValue.int32s(4)));
        return m;
    }

    @Test
    void metadataOfEveryTypeAndAlignmentRoundTrip() throws IOException {
        Path file = dir.resolve("all.gguf");
        GgufWriter writer = new GgufWriter().putAll(everyValueType()).put(GgufKeys.ALIGNMENT, GgufValue.u32(64));
        writer.addTensor("a", GgmlType.F32, new long[] {3}, new byte[12]);
        writer.addTensor("b", GgmlType.Q8_0, new long[] {32, 2}, new byte[68]);
        writer.write(file);
        try (GgufFile gguf = GgufFile.open(file)) {
            Map<String, GgufValue> expected = everyValueType();
            expected.put(GgufKeys.ALIGNMENT, GgufValue.u32(64));
            assertEquals(expected, gguf.metadata());
            assertEquals(new java.util.ArrayList<>(expected.keySet()), new java.util.ArrayList<>(gguf.metadata().keySet()));
            assertEquals(3, gguf.version());
            assertEquals(64, gguf.alignment());
            assertEquals(0, gguf.dataOffset() % 64);
            assertEquals(0, gguf.tensors().get(0).offset());
            assertEquals(64, gguf.tensors().get(1).offset(), "12 bytes of 'a' padded to the 64-byte alignment");
            assertEquals("18446744073709551615", gguf.metadata().get("t.u64").display(1));
            assertThrows(IllegalStateException.class, () -> gguf.metadata().get("t.u64").asLong());
            FileFormatException e = assertThrows(FileFormatException.class, () -> gguf.getInt("t.string"));
            assertTrue(e.getMessage().contains("t.string") && e.getMessage().contains("expected an integer"), e.getMessage());
        }
    }

    @Test
    void headerBytesAreLaidOutAsTheSpecSays() throws IOException {
        Path file = dir.resolve("layout.gguf");
        byte[] tensor = new byte[8];
        ByteBuffer.wrap(tensor).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f);
        new GgufWriter().put("k", GgufValue.u32(7)).addTensor("w", GgmlType.F32, new long[] {2}, tensor).write(file);

        byte[] expectedHeader = new RawGguf().header(1, 1).kvU32("k", 7).tensor("w", new long[] {2}, 0, 0).align(32).bytes();
        byte[] actual = Files.readAllBytes(file);
        assertArrayEquals(expectedHeader, java.util.Arrays.copyOf(actual, expectedHeader.length));
        assertArrayEquals(tensor, java.util.Arrays.copyOfRange(actual, expectedHeader.length, expectedHeader.length + 8));
        assertEquals(expectedHeader.length + 32, actual.length, "the tensor is padded to the alignment, as gguf_write does");
        try (GgufFile gguf = GgufFile.open(file)) {
            assertArrayEquals(new float[] {1.5f, -2f}, gguf.tensorData("w").dequantize());
        }
    }

    @Test
    void readsTheGpt2VocabularyFixture() throws IOException {
        // Expected values from ../shared/data/PROVENANCE.md §3.
        try (GgufFile gguf = GgufFile.open(Fixtures.require("llamacpp-vocab/ggml-vocab-gpt-2.gguf"))) {
            assertEquals(3, gguf.version());
            assertEquals(0, gguf.tensors().size());
            assertEquals("gpt2", gguf.architecture());
            assertEquals("gpt2", gguf.getString(GgufKeys.TOKENIZER_MODEL));
            assertEquals("gpt-2", gguf.getString(GgufKeys.TOKENIZER_PRE));
            assertEquals(50257, gguf.require(GgufKeys.TOKENS).size());
            assertEquals(50000, gguf.require(GgufKeys.MERGES).size());
            assertEquals(50256, gguf.getInt(GgufKeys.BOS_ID));
            assertEquals(50256, gguf.getInt(GgufKeys.EOS_ID));
            assertEquals("<|endoftext|>", gguf.require(GgufKeys.TOKENS).asStrings()[50256]);
        }
    }

    @Test
    void readsTheLlamaSpmVocabularyFixture() throws IOException {
        try (GgufFile gguf = GgufFile.open(Fixtures.require("llamacpp-vocab/ggml-vocab-llama-spm.gguf"))) {
            assertEquals("llama", gguf.getString(GgufKeys.TOKENIZER_MODEL));
            assertEquals("default", gguf.getString(GgufKeys.TOKENIZER_PRE));
            assertEquals(32000, gguf.require(GgufKeys.TOKENS).size());
            assertEquals(32000, gguf.require(GgufKeys.SCORES).size());
            assertEquals(32000, gguf.require(GgufKeys.TOKEN_TYPE).size());
            assertEquals(1, gguf.getInt(GgufKeys.BOS_ID));
            assertEquals(2, gguf.getInt(GgufKeys.EOS_ID));
            assertEquals(0, gguf.getInt(GgufKeys.UNKNOWN_ID));
            assertTrue(gguf.typed(GgufKeys.ADD_BOS, GgufValue::asBoolean));
        }
    }

    // ---------------------------------------------------------------- bad files

    private FileFormatException rejects(byte[] bytes, String... phrases) throws IOException {
        Path file = dir.resolve("bad.gguf");
        Files.write(file, bytes);
        FileFormatException e = assertThrows(FileFormatException.class, () -> GgufFile.open(file).close());
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), "names the file: " + e.getMessage());
        for (String phrase : phrases) {
            assertTrue(e.getMessage().contains(phrase), "'" + phrase + "' in: " + e.getMessage());
        }
        return e;
    }

    private static RawGguf oneTensor(String arch, int type, long[] ne, long offset) {
        RawGguf raw = new RawGguf().header(1, 1).kvString("general.architecture", arch);
        return raw.tensor("w", ne, type, offset);
    }

    @Test
    void rejectsTruncatedAndForeignFiles() throws IOException {
        assertEquals(0, rejects(new byte[0], "file ends", "magic").offset());
        rejects("GGU".getBytes(StandardCharsets.US_ASCII), "truncated");
        rejects("PK\u0003\u0004 not a gguf at all".getBytes(StandardCharsets.ISO_8859_1), "not a GGUF file");
        rejects(new RawGguf().put("GGUF".getBytes(StandardCharsets.US_ASCII)).u32(1).u32(0).u32(0).bytes(), "version 1");
        rejects(new RawGguf().put("GGUF".getBytes(StandardCharsets.US_ASCII)).u32(3L << 24).bytes(), "big-endian");
        byte[] whole = new RawGguf().header(0, 1).kvString("general.name", "truncated in the middle").bytes();
        for (int cut = 1; cut < whole.length; cut++) {
            rejects(java.util.Arrays.copyOf(whole, cut), "truncated");
        }
    }

    @Test
    void rejectsAbsurdCountsBeforeAllocating() throws IOException {
        assertEquals(8, rejects(new RawGguf().header(1L << 60, 0).bytes(), "tensor count is 1152921504606846976").offset());
        rejects(new RawGguf().header(0, -1L).bytes(), "key-value count is 18446744073709551615");
        rejects(new RawGguf().header(0, 1).u64(1L << 40).put(new byte[20]).bytes(), "metadata key 0 length is 1099511627776");
        rejects(new RawGguf().header(0, 1).string("k").u32(9).u32(6).u64(Long.MAX_VALUE / 2).bytes(), "array length of k");
        rejects(new RawGguf().header(0, 1).string("k").u32(9).u32(8).u64(1_000_000).bytes(), "array length of k is 1000000");
        rejects(new RawGguf().header(0, 1).string("k").u32(8).u64(-8L).bytes(), "value of k length is 18446744073709551608");
    }

    @Test
    void rejectsBadValues() throws IOException {
        rejects(new RawGguf().header(0, 1).string("k").u32(13).bytes(), "value type 13");
        rejects(new RawGguf().header(0, 1).string("k").u32(9).u32(99).u64(0).bytes(), "value type 99");
        rejects(new RawGguf().header(0, 1).string("k").u32(7).u8(2).bytes(), "expected 0 or 1");
        rejects(new RawGguf().header(0, 1).u64(2).put(new byte[] {(byte) 0xC3, 0x28}).u32(4).u32(0).bytes(), "not valid UTF-8");
        rejects(new RawGguf().header(0, 2).kvU32("k", 1).kvU32("k", 2).bytes(), "k appears twice");
        RawGguf deep = new RawGguf().header(0, 1).string("k").u32(9);
        for (int i = 0; i < 20; i++) {
            deep.u32(9).u64(1);
        }
        rejects(deep.bytes(), "nests arrays");
        rejects(new RawGguf().header(0, 1).string("general.alignment").u32(4).u32(48).bytes(), "power of two");
        rejects(new RawGguf().header(0, 1).string("general.architecture").u32(4).u32(1).bytes(), "expected a string");
    }

    @Test
    void rejectsBadTensorInfos() throws IOException {
        rejects(oneTensor("llama", 0, new long[] {1, 1, 1, 1, 1}, 0).bytes(), "5 dimensions");
        rejects(oneTensor("llama", 0, new long[] {4, 0}, 0).bytes(), "ne[1] = 0");
        rejects(oneTensor("llama", 0, new long[] {1L << 40, 1L << 40}, 0).bytes(), "more than 2^63");
        rejects(oneTensor("llama", 99, new long[] {32}, 0).bytes(), "ggml type 99 is unknown");
        rejects(oneTensor("llama", 36, new long[] {128}, 0).bytes(), "I2_S only when general.architecture starts with 'bitnet'", "'llama'");
        rejects(oneTensor("bitnet-b1.58", 38, new long[] {128}, 0).bytes(), "TL1", "not portable");
        rejects(oneTensor("bitnet", 39, new long[] {128}, 0).bytes(), "TL2");
        rejects(oneTensor("bitnet", 37, new long[] {128}, 0).bytes(), "I8_S");
        rejects(oneTensor("llama", 8, new long[] {33, 2}, 0).bytes(), "not a multiple of its block of 32");
        rejects(oneTensor("llama", 0, new long[] {4}, 3).bytes(), "multiple of the alignment 32");
        rejects(oneTensor("llama", 0, new long[] {4}, 1L << 62).bytes(), "past the end");
        rejects(oneTensor("llama", 0, new long[] {4}, 1L << 62).align(32).put(new byte[16]).bytes(), "ends past the end of the file");
        byte[] cut = oneTensor("llama", 0, new long[] {64}, 0).align(32).put(new byte[255]).bytes();
        rejects(cut, "tensor w (F32 {64}, 256 bytes)", "truncated?");
        String longName = "x".repeat(65);
        rejects(new RawGguf().header(1, 0).tensor(longName, new long[] {1}, 0, 0).bytes(), "at most 64");
        RawGguf twice = new RawGguf().header(2, 0).tensor("w", new long[] {1}, 0, 0).tensor("w", new long[] {1}, 0, 32);
        rejects(twice.align(32).put(new byte[64]).bytes(), "tensor name w appears twice");
    }

    @Test
    void acceptsMainlineTypesThatShareIdsWithBitnetTypes() throws IOException {
        byte[] mxfp4 = oneTensor("llama", 39, new long[] {32}, 0).align(32).put(new byte[17]).bytes();
        Path file = dir.resolve("mxfp4.gguf");
        Files.write(file, mxfp4);
        try (GgufFile gguf = GgufFile.open(file)) {
            assertEquals(GgmlType.MXFP4, gguf.tensors().get(0).type());
            assertFalse(gguf.tensorData("w").canDequantize());
        }
        byte[] i2s = oneTensor("bitnet-25", 36, new long[] {128, 2}, 0).align(32).put(new byte[2 * 32 + 32]).bytes();
        Files.write(file, i2s);
        try (GgufFile gguf = GgufFile.open(file)) {
            assertEquals(GgmlType.I2_S, gguf.tensors().get(0).type());
            assertEquals(96, gguf.tensors().get(0).byteSize(), "n/4 + 32");
        }
    }
}
