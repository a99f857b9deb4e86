package io.quantbench.engine.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the structural fields of a file are, found by walking it as reference/FORMATS.md describes (GGUF §3,
 * llama2.c §7, safetensors' header length), independently of the readers under test. The fuzz test writes
 * extreme values into exactly these places, where a reader that trusted the file would allocate, loop or
 * index out of bounds. Each entry is an offset, with the field's width in bytes in the high 32 bits. Only the
 * first few elements of an array are listed, so that the 100000 string lengths of a vocabulary do not drown
 * the few counts and types that matter most.
 */
final class StructureFields {

    private final ByteBuffer b;
    private final List<Long> fields = new ArrayList<>();
    private int at;
    /** Whether fields are being listed (off past the first elements of an array). */
    private boolean listing = true;

    private StructureFields(byte[] bytes) {
        this.b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    static long[] of(String name, String kind, byte[] bytes) {
        StructureFields s = new StructureFields(bytes);
        if (kind.equals("GGUF")) {
            s.gguf();
        } else if (kind.equals("LLAMA2C")) {
            for (int i = 0; i < 7; i++) {
                s.field(i * 4, 4);
            }
        } else if (kind.equals("SAFETENSORS")) {
            s.field(0, 8);
        } else if (!name.endsWith(".model")) {                      // llama2.c tokenizer.bin; tiktoken files are text
            s.tokenizerBin();
        }
        return s.fields.stream().mapToLong(Long::longValue).toArray();
    }

    private void field(int offset, int width) {
        if (listing) {
            fields.add(((long) width << 32) | offset);
        }
    }

    private long u32() {
        field(at, 4);
        long v = Integer.toUnsignedLong(b.getInt(at));
        at += 4;
        return v;
    }

    private long u64() {
        field(at, 8);
        long v = b.getLong(at);
        at += 8;
        return v;
    }

    private void string() {
        long length = u64();                                         // read first: "at += u64()" would add to the old at
        at += (int) length;
    }

    private void gguf() {
        at = 8;
        long tensors = u64();
        long kvs = u64();
        for (long i = 0; i < kvs; i++) {
            string();
            value((int) u32());
        }
        for (long i = 0; i < tensors; i++) {
            string();
            long dims = u32();
            for (long d = 0; d < dims; d++) {
                u64();
            }
            u32();
            u64();
        }
    }

    private void value(int type) {
        switch (type) {
            case 8:
                string();
                break;
            case 9: {
                int element = (int) u32();
                long n = u64();
                boolean outer = listing;
                for (long i = 0; i < n; i++) {
                    listing = outer && i < 3;
                    value(element);
                }
                listing = outer;
                break;
            }
            case 0: case 1: case 7:
                at += 1;
                break;
            case 2: case 3:
                at += 2;
                break;
            case 4: case 5: case 6:
                u32();
                break;
            default:
                u64();
        }
    }

    private void tokenizerBin() {
        u32();
        for (int token = 0; at + 8 <= b.capacity(); token++) {
            listing = token < 300;
            at += 4;                                                 // the score
            long length = u32();
            at += (int) length;
        }
    }
}
