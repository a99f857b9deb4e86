package io.quantbench.engine.io;

import java.util.Arrays;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * One GGUF metadata value: a scalar, a string, or an array (of scalars, strings or arrays).
 *
 * <p>Java carriers: every integer scalar is held as a {@code long} (a u64 above {@code Long.MAX_VALUE} as its
 * two's-complement bit pattern), f32 as {@code float}, f64 as {@code double}. Arrays are primitive arrays of
 * the same carriers ({@code long[]} for every integer element type), {@code String[]}, {@code boolean[]}, or
 * {@code GgufValue[]} for nested arrays. The declared type is kept, so a value is written back exactly as read.
 */
public final class GgufValue {

    private final GgufValueType type;
    private final GgufValueType elementType;
    private final Object value;

    private GgufValue(GgufValueType type, GgufValueType elementType, Object value) {
        this.type = type;
        this.elementType = elementType;
        this.value = value;
    }

    // ---------------------------------------------------------------- factories

    /** An integer scalar of an integer {@code type}; the value must fit the type (a u64 may use all 64 bits). */
    public static GgufValue ofInteger(GgufValueType type, long value) {
        if (!type.isInteger()) {
            throw new IllegalArgumentException(type + " is not an integer type");
        }
        checkRange(type, value);
        return new GgufValue(type, null, value);
    }

    public static GgufValue u32(long value) {
        return ofInteger(GgufValueType.UINT32, value);
    }

    public static GgufValue i32(int value) {
        return ofInteger(GgufValueType.INT32, value);
    }

    public static GgufValue u64(long value) {
        return ofInteger(GgufValueType.UINT64, value);
    }

    public static GgufValue f32(float value) {
        return new GgufValue(GgufValueType.FLOAT32, null, value);
    }

    public static GgufValue f64(double value) {
        return new GgufValue(GgufValueType.FLOAT64, null, value);
    }

    public static GgufValue bool(boolean value) {
        return new GgufValue(GgufValueType.BOOL, null, value);
    }

    public static GgufValue string(String value) {
        return new GgufValue(GgufValueType.STRING, null, Objects.requireNonNull(value));
    }

    /** An array of integers of element type {@code elementType}. */
    public static GgufValue integers(GgufValueType elementType, long[] values) {
        if (!elementType.isInteger()) {
            throw new IllegalArgumentException(elementType + " is not an integer type");
        }
        for (long v : values) {
            checkRange(elementType, v);
        }
        return new GgufValue(GgufValueType.ARRAY, elementType, values.clone());
    }

    /** An array of i32. */
    public static GgufValue int32s(int... values) {
        return new GgufValue(GgufValueType.ARRAY, GgufValueType.INT32, Arrays.stream(values).asLongStream().toArray());
    }

    public static GgufValue float32s(float... values) {
        return new GgufValue(GgufValueType.ARRAY, GgufValueType.FLOAT32, values.clone());
    }

    public static GgufValue float64s(double... values) {
        return new GgufValue(GgufValueType.ARRAY, GgufValueType.FLOAT64, values.clone());
    }

    public static GgufValue bools(boolean... values) {
        return new GgufValue(GgufValueType.ARRAY, GgufValueType.BOOL, values.clone());
    }

    public static GgufValue strings(String... values) {
        for (String s : values) {
            Objects.requireNonNull(s, "array element");
        }
        return new GgufValue(GgufValueType.ARRAY, GgufValueType.STRING, values.clone());
    }

    /** An array of arrays. */
    public static GgufValue arrays(GgufValue... values) {
        for (GgufValue v : values) {
            if (v.type != GgufValueType.ARRAY) {
                throw new IllegalArgumentException("an array of arrays needs array elements, got " + v.type);
            }
        }
        return new GgufValue(GgufValueType.ARRAY, GgufValueType.ARRAY, values.clone());
    }

    private static void checkRange(GgufValueType type, long v) {
        boolean ok;
        switch (type) {
            case UINT8:
                ok = v >= 0 && v <= 0xFF;
                break;
            case INT8:
                ok = v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
                break;
            case UINT16:
                ok = v >= 0 && v <= 0xFFFF;
                break;
            case INT16:
                ok = v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
                break;
            case UINT32:
                ok = v >= 0 && v <= 0xFFFF_FFFFL;
                break;
            case INT32:
                ok = v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
                break;
            default:
                ok = true;                      // u64 (bit pattern) and i64 take every long
        }
        if (!ok) {
            throw new IllegalArgumentException(v + " does not fit " + type);
        }
    }

    // ---------------------------------------------------------------- accessors

    public GgufValueType type() {
        return type;
    }

    /** The element type of an array, or null for a scalar. */
    public GgufValueType elementType() {
        return elementType;
    }

    /** A short type name: {@code u32}, {@code string}, {@code string[50257]}. */
    public String typeName() {
        return type == GgufValueType.ARRAY ? elementType.shortName() + "[" + size() + "]" : type.shortName();
    }

    private IllegalStateException wrongType(String expected) {
        return new IllegalStateException("is " + typeName() + ", expected " + expected);
    }

    /** An integer scalar as a long. A u64 above {@code Long.MAX_VALUE} is refused. */
    public long asLong() {
        if (!type.isInteger()) {
            throw wrongType("an integer");
        }
        long v = (Long) value;
        if (type == GgufValueType.UINT64 && v < 0) {
            throw new IllegalStateException("is " + Long.toUnsignedString(v) + ", too large");
        }
        return v;
    }

    /** An integer scalar that fits an int. */
    public int asInt() {
        long v = asLong();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalStateException("is " + v + ", which does not fit a 32-bit int");
        }
        return (int) v;
    }

    /** An f32 or f64 scalar (f64 rounded to float). */
    public float asFloat() {
        if (type == GgufValueType.FLOAT32) {
            return (Float) value;
        }
        if (type == GgufValueType.FLOAT64) {
            return (float) (double) (Double) value;
        }
        throw wrongType("a float");
    }

    public double asDouble() {
        if (type == GgufValueType.FLOAT32) {
            return (Float) value;
        }
        if (type == GgufValueType.FLOAT64) {
            return (Double) value;
        }
        throw wrongType("a float");
    }

    public boolean asBoolean() {
        if (type != GgufValueType.BOOL) {
            throw wrongType("a bool");
        }
        return (Boolean) value;
    }

    public String asString() {
        if (type != GgufValueType.STRING) {
            throw wrongType("a string");
        }
        return (String) value;
    }

    /** Elements of an array. */
    public int size() {
        if (type != GgufValueType.ARRAY) {
            throw wrongType("an array");
        }
        return java.lang.reflect.Array.getLength(value);
    }

    private Object array(GgufValueType expected, String what) {
        if (type != GgufValueType.ARRAY || elementType != expected) {
            throw wrongType(what);
        }
        return value;
    }

    public String[] asStrings() {
        return ((String[]) array(GgufValueType.STRING, "an array of strings")).clone();
    }

    public float[] asFloats() {
        return ((float[]) array(GgufValueType.FLOAT32, "an array of f32")).clone();
    }

    public boolean[] asBooleans() {
        return ((boolean[]) array(GgufValueType.BOOL, "an array of bool")).clone();
    }

    public double[] asDoubles() {
        return ((double[]) array(GgufValueType.FLOAT64, "an array of f64")).clone();
    }

    public GgufValue[] asArrays() {
        return ((GgufValue[]) array(GgufValueType.ARRAY, "an array of arrays")).clone();
    }

    /** An array of any integer type, as longs (u64 elements as bit patterns). */
    public long[] asLongs() {
        if (type != GgufValueType.ARRAY || !elementType.isInteger()) {
            throw wrongType("an array of integers");
        }
        return ((long[]) value).clone();
    }

    /** An array of integers that all fit an int. */
    public int[] asInts() {
        long[] longs = asLongs();
        int[] ints = new int[longs.length];
        for (int i = 0; i < longs.length; i++) {
            if (longs[i] < Integer.MIN_VALUE || longs[i] > Integer.MAX_VALUE || (elementType == GgufValueType.UINT64 && longs[i] < 0)) {
                throw new IllegalStateException("element " + i + " is " + longs[i] + ", which does not fit a 32-bit int");
            }
            ints[i] = (int) longs[i];
        }
        return ints;
    }

    /** An integer scalar's 64 bits as stored (a u64 above {@code Long.MAX_VALUE} stays negative). */
    public long asLongBits() {
        if (!type.isInteger()) {
            throw wrongType("an integer");
        }
        return (Long) value;
    }

    /** The carrier itself, without copying (for the writer). */
    Object raw() {
        return value;
    }

    // ---------------------------------------------------------------- equality and display

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GgufValue)) {
            return false;
        }
        GgufValue other = (GgufValue) o;
        return type == other.type && elementType == other.elementType
                && Arrays.deepEquals(new Object[] {value}, new Object[] {other.value});
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, elementType, Arrays.deepHashCode(new Object[] {value}));
    }

    /** The value as text; arrays show at most {@code maxItems} elements, then how many more there are. */
    public String display(int maxItems) {
        if (type != GgufValueType.ARRAY) {
            return scalarText(type, value);
        }
        int n = size();
        StringJoiner joined = new StringJoiner(", ", "[", "]");
        for (int i = 0; i < Math.min(n, maxItems); i++) {
            joined.add(scalarText(elementType, java.lang.reflect.Array.get(value, i)));
        }
        if (n > maxItems) {
            joined.add("... " + (n - maxItems) + " more");
        }
        return joined.toString();
    }

    private static String scalarText(GgufValueType type, Object v) {
        switch (type) {
            case STRING:
                return quote((String) v);
            case UINT64:
                return Long.toUnsignedString((Long) v);
            case ARRAY:
                return ((GgufValue) v).display(4);
            default:
                return String.valueOf(v);
        }
    }

    /** A string in double quotes with backslash, quote and control characters escaped, so every value prints on one line. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c < 0x20 || c == 0x7F) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    @Override
    public String toString() {
        return typeName() + " " + display(8);
    }
}
