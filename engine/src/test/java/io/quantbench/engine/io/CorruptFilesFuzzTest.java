package io.quantbench.engine.io;

import io.quantbench.engine.Fixtures;
import io.quantbench.engine.tokenizer.Tokenizer;
import io.quantbench.engine.tokenizer.Tokenizers;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Thousands of seeded corruptions of the real fixture files (and of a GGUF and a safetensors file with tensors
 * of every type), each read the way the suite reads them: parse, build the model config and the tokenizer,
 * dequantize the tensors, tokenize a text. Every case must either work or fail with a
 * {@link FileFormatException} that names the file; anything else (an IndexOutOfBoundsException, an
 * OutOfMemoryError, a stack overflow, a hang) is a bug. Case {@code i} of file {@code f} is reproducible
 * from the seed alone. The run is bounded in time: each file gets a share of {@link #BUDGET}.
 */
class CorruptFilesFuzzTest {

    private static final long SEED = 0x5eed_2026L;
    private static final Duration BUDGET = Duration.ofSeconds(20);
    /** Fewest cases for the test to count as having run (the machine may be slow; normally far more run). */
    private static final int MIN_CASES = 1000;

    private enum Kind { GGUF, LLAMA2C, TOKENIZER, SAFETENSORS }

    private static final class Target {
        final String name;
        final Kind kind;
        final byte[] bytes;
        final int maxCases;
        /** Offsets (high 32 bits: width in bytes) of the counts, lengths, types and offsets in the file's structure. */
        final long[] fields;

        Target(String name, Kind kind, byte[] bytes, int maxCases) {
            this.name = name;
            this.kind = kind;
            this.bytes = bytes;
            this.maxCases = maxCases;
            this.fields = StructureFields.of(name, kind.name(), bytes);
        }
    }

    private static Target fixture(String path, Kind kind, int maxCases) throws IOException {
        return new Target(path, kind, Files.readAllBytes(Fixtures.require(path)), maxCases);
    }

    /** A GGUF file with one tensor of every decodable type, so tensor infos and data get corrupted too. */
    private static Target typedGguf(Path dir) throws IOException {
        GgufWriter w = new GgufWriter().put("general.architecture", GgufValue.string("bitnet-b1.58"));
        int i = 0;
        for (GgmlType t : GgmlType.values()) {
            if (t.canDequantize()) {
                long[] ne = {t.blockSize() == 1 ? 64 : 256, 2};
                w.addTensor("t" + i++ + "." + t, t, ne, GgmlTypeRoundTripTest.randomTensor(t, ne[0] * ne[1], i));
            }
        }
        Path file = dir.resolve("typed.gguf");
        w.write(file);
        return new Target("typed.gguf", Kind.GGUF, Files.readAllBytes(file), 1500);
    }

    private static Target safetensors() {
        byte[] bytes = new SafetensorsBuilder().f32("a", 0, 4, 8).bf16("b", new float[] {1, 2, 3, 4}, 2, 2)
                .tensor("c", "U8", new long[] {8}, new byte[8]).tensor("d", "I8", new long[] {2, 4}, new byte[8]).bytes();
        return new Target("model.safetensors", Kind.SAFETENSORS, bytes, 800);
    }

    @Test
    void corruptFilesGiveCleanErrors(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        List<Target> targets = new ArrayList<>();
        targets.add(fixture("llamacpp-vocab/ggml-vocab-gpt-2.gguf", Kind.GGUF, 400));
        targets.add(fixture("llamacpp-vocab/ggml-vocab-llama-spm.gguf", Kind.GGUF, 400));
        targets.add(fixture("tinyllama-llama2c/stories260K.bin", Kind.LLAMA2C, 1200));
        targets.add(fixture("tinyllama-llama2c/tok512.bin", Kind.TOKENIZER, 1200));
        targets.add(fixture("tinyllama-llama2c/tokenizer.bin", Kind.TOKENIZER, 300));
        targets.add(fixture("llamacpp-vocab/llama3-tiktoken/tokenizer.model", Kind.TOKENIZER, 60));
        targets.add(typedGguf(dir));
        targets.add(safetensors());

        int[] ran = new int[1];
        StringBuilder counts = new StringBuilder();
        assertTimeoutPreemptively(BUDGET.multipliedBy(4), () -> {
            long share = BUDGET.toNanos() / targets.size();
            for (int f = 0; f < targets.size(); f++) {
                Target t = targets.get(f);
                long end = System.nanoTime() + share;
                int n = 0;
                while (n < t.maxCases && System.nanoTime() < end) {
                    long seed = SEED ^ ((long) f << 32) ^ n;
                    Random random = new Random(seed);
                    byte[] corrupt = t.fields.length > 0 && random.nextInt(3) == 0
                            ? smashField(t.bytes, t.fields, random) : corrupt(t.bytes, random);
                    check(t, corrupt, "case " + n + " (seed " + seed + ")");
                    n++;
                }
                ran[0] += n;
                counts.append(t.name).append(": ").append(n).append('\n');
            }
        });
        System.out.println("fuzz cases per file:\n" + counts);
        assertTrue(ran[0] >= MIN_CASES, "only " + ran[0] + " cases ran:\n" + counts);
    }

    /** An extreme value written over one structural field: a count, a length, a type id, a dimension, an offset. */
    static byte[] smashField(byte[] original, long[] fields, Random r) {
        byte[] b = original.clone();
        long field = fields[r.nextInt(fields.length)];
        int at = (int) field;
        int width = (int) (field >>> 32);
        long[] extremes = {0, 1, 2, 3, 5, -1, 0x7F, 0xFF, 0xFFFF_FFFFL, Integer.MAX_VALUE, 1L << 31, 1L << 32, 1L << 40,
            1L << 62, Long.MAX_VALUE, Long.MIN_VALUE, 36, 38, 39, 99, r.nextLong()};
        long v = extremes[r.nextInt(extremes.length)];
        if (r.nextInt(4) == 0) {
            long old = width == 4 ? ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(at)
                    : ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(at);
            v = old + r.nextInt(9) - 4;                                   // off by a little
        }
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        if (width == 4) {
            bb.putInt(at, (int) v);
        } else {
            bb.putLong(at, v);
        }
        return b;
    }

    /** One of several corruptions, most aimed at the start of the file where the structure is. */
    static byte[] corrupt(byte[] original, Random r) {
        byte[] b = original.clone();
        int head = Math.min(b.length, 4096);
        switch (r.nextInt(6)) {
            case 0:                                                         // truncate
                return Arrays.copyOf(b, r.nextBoolean() ? r.nextInt(head + 1) : r.nextInt(b.length + 1));
            case 1:                                                         // flip a few bits in the header region
                for (int k = 1 + r.nextInt(4); k > 0; k--) {
                    b[r.nextInt(head)] ^= (byte) (1 << r.nextInt(8));
                }
                return b;
            case 2: {                                                       // an extreme value in a 4- or 8-byte field
                long[] extremes = {0, 1, -1, 0xFFFF_FFFFL, Integer.MAX_VALUE, 1L << 31, 1L << 32, 1L << 40, 1L << 62,
                    Long.MAX_VALUE, Long.MIN_VALUE, r.nextLong(), 36, 38, 39, 99, 9, 13};
                int width = r.nextBoolean() ? 4 : 8;
                int at = r.nextInt(Math.max(1, head - width)) & ~(r.nextBoolean() ? 3 : 0);
                if (at + width <= b.length) {
                    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                    long v = extremes[r.nextInt(extremes.length)];
                    if (width == 4) {
                        bb.putInt(at, (int) v);
                    } else {
                        bb.putLong(at, v);
                    }
                }
                return b;
            }
            case 3: {                                                       // delete or insert bytes: everything after shifts
                int n = 1 + r.nextInt(16);
                if (r.nextBoolean() && b.length >= n) {
                    int at = r.nextInt(Math.min(head, b.length - n) + 1);
                    byte[] out = new byte[b.length - n];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, at + n, out, at, b.length - at - n);
                    return out;
                }
                int at = r.nextInt(head + 1);
                byte[] out = new byte[b.length + n];
                System.arraycopy(b, 0, out, 0, at);
                for (int i = 0; i < n; i++) {
                    out[at + i] = (byte) r.nextInt(256);
                }
                System.arraycopy(b, at, out, at + n, b.length - at);
                return out;
            }
            case 4: {                                                       // random bytes anywhere
                int at = r.nextInt(Math.max(1, b.length));
                for (int i = at; i < Math.min(b.length, at + 1 + r.nextInt(64)); i++) {
                    b[i] = (byte) r.nextInt(256);
                }
                return b;
            }
            default:                                                        // flips anywhere in the file
                for (int k = 1 + r.nextInt(8); k > 0 && b.length > 0; k--) {
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                }
                return b;
        }
    }

    private static void check(Target t, byte[] bytes, String which) {
        try {
            read(t, bytes);
        } catch (FileFormatException e) {
            if (!e.getMessage().startsWith(t.name + ": ")) {
                fail(t.name + " " + which + ": the error does not name the file: " + e.getMessage());
            }
        } catch (Throwable e) {
            fail(t.name + " " + which + ": not a clean error: " + e, e);
        }
    }

    /** Reads the bytes as the suite would, exercising everything that depends on what the header says. */
    private static void read(Target t, byte[] bytes) throws FileFormatException {
        ByteSource source = ByteSource.of(t.name, bytes);
        switch (t.kind) {
            case GGUF: {
                GgufFile gguf = GgufFile.read(source);
                for (GgufTensorInfo info : gguf.tensors()) {
                    exercise(gguf.tensorData(info));
                }
                try {
                    GgufCheckpoints.of(Path.of(t.name), gguf);
                } catch (FileFormatException notAModel) {
                    checkNames(t, notAModel);
                }
                if (gguf.metadata().containsKey(GgufKeys.TOKENIZER_MODEL)) {
                    tokenize(Tokenizers.fromGguf(gguf));
                }
                break;
            }
            case LLAMA2C: {
                Checkpoint c = Llama2cCheckpoints.read(Path.of(t.name), source);
                for (CheckpointTensor tensor : c.tensors()) {
                    tensor.dequantizeRow(tensor.rows() - 1);
                }
                break;
            }
            case TOKENIZER:
                tokenize(Tokenizers.read(t.name, bytes));
                break;
            default:
                for (CheckpointTensor tensor : SafetensorsFile.read(source).tensors()) {
                    exercise(tensor);
                }
        }
    }

    private static void checkNames(Target t, FileFormatException e) {
        if (!e.getMessage().startsWith(t.name + ": ")) {
            fail(t.name + ": the error does not name the file: " + e.getMessage());
        }
    }

    private static void exercise(CheckpointTensor tensor) throws FileFormatException {
        if (tensor.canDequantize() && tensor.elements() <= 1 << 20) {
            tensor.dequantize();
        }
        if (tensor.isTernary()) {
            try {
                tensor.ternary();
            } catch (FileFormatException invalidCodes) {
                // random bytes hold code 3 and mixed scales: a clean error is the right answer
            }
        }
    }

    /**
     * Tokenizes text with special tokens, unusual characters and a long run; a vocabulary left without byte
     * tokens or an unknown token may refuse a character, with an IllegalArgumentException that says so.
     */
    private static void tokenize(Tokenizer tokenizer) {
        try {
            int[] ids = tokenizer.encode("Hello, wörld! <|endoftext|> <s> 12345 漢字 🦙\n\t" + "ab".repeat(200), false, true);
            tokenizer.decode(ids, true);
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage().contains("token"), refused.getMessage());
        }
    }
}
