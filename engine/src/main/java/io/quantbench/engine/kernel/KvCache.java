package io.quantbench.engine.kernel;

/**
 * The keys and values of one attention layer for every position so far, sized once for the longest
 * sequence so that decoding allocates nothing per token.
 *
 * <p>Layout: position-major, {@code keys[pos * kvDim + h * headDim + d]} for key-value head {@code h}, so
 * that appending a token writes one contiguous run and a head's key at consecutive positions is
 * {@code kvDim} floats apart.
 */
public final class KvCache {

    private final int capacity;
    private final int kvHeads;
    private final int headDim;
    private final float[] keys;
    private final float[] values;

    public KvCache(int capacity, int kvHeads, int headDim) {
        if (capacity <= 0 || kvHeads <= 0 || headDim <= 0) {
            throw new IllegalArgumentException("KV cache needs positive capacity, heads and head size, got "
                    + capacity + ", " + kvHeads + ", " + headDim);
        }
        this.capacity = capacity;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        long size = (long) capacity * kvHeads * headDim;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("KV cache of " + capacity + " positions x " + kvHeads + " heads x "
                    + headDim + " is too large for one array");
        }
        this.keys = new float[(int) size];
        this.values = new float[(int) size];
    }

    public int capacity() {
        return capacity;
    }

    public int kvHeads() {
        return kvHeads;
    }

    public int headDim() {
        return headDim;
    }

    /** Floats per position: all heads' keys (or values). */
    public int kvDim() {
        return kvHeads * headDim;
    }

    public float[] keys() {
        return keys;
    }

    public float[] values() {
        return values;
    }

    /** Stores the key and value of position {@code pos} from {@code k[kOff ..]} and {@code v[vOff ..]} ({@link #kvDim()} each). */
    public void put(int pos, float[] k, int kOff, float[] v, int vOff) {
        if (pos < 0 || pos >= capacity) {
            throw new IllegalArgumentException("position " + pos + " is outside the KV cache of " + capacity + " positions");
        }
        System.arraycopy(k, kOff, keys, pos * kvDim(), kvDim());
        System.arraycopy(v, vOff, values, pos * kvDim(), kvDim());
    }
}
