package io.quantbench.engine.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor as a GGUF file lists it: name, dimensions {@code ne} (ggml order: {@code ne[0]} is the
 * fastest-varying, so a linear layer {@code [out, in]} has {@code ne = {in, out}}), type, and where its
 * bytes start relative to the data section.
 */
public final class GgufTensorInfo {

    private final String name;
    private final long[] ne;
    private final GgmlType type;
    private final long offset;

    public GgufTensorInfo(String name, long[] ne, GgmlType type, long offset) {
        this.name = Objects.requireNonNull(name);
        this.ne = ne.clone();
        this.type = Objects.requireNonNull(type);
        this.offset = offset;
    }

    public String name() {
        return name;
    }

    /** Dimensions, {@code ne[0]} first. */
    public long[] ne() {
        return ne.clone();
    }

    public GgmlType type() {
        return type;
    }

    /** Offset of the first byte from the start of the data section. */
    public long offset() {
        return offset;
    }

    public long elements() {
        return elements(ne);
    }

    /** Bytes the tensor occupies: the type's blocks, plus I2_S's 32-byte tail. */
    public long byteSize() {
        return type.tensorBytes(elements());
    }

    static long elements(long[] ne) {
        long n = 1;
        for (long d : ne) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** {@code {4096, 32000}}. */
    static String shape(long[] ne) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < ne.length; i++) {
            b.append(i == 0 ? "" : ", ").append(ne[i]);
        }
        return b.append('}').toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GgufTensorInfo)) {
            return false;
        }
        GgufTensorInfo t = (GgufTensorInfo) o;
        return name.equals(t.name) && Arrays.equals(ne, t.ne) && type == t.type && offset == t.offset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(ne), type, offset);
    }

    @Override
    public String toString() {
        return name + " " + type + " " + shape(ne) + " @" + offset;
    }
}
