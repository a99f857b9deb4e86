package io.quantbench.engine.io;

/** The value types of GGUF metadata (reference/FORMATS.md §3), with their ids and fixed sizes. */
public enum GgufValueType {
    UINT8(0, 1, "u8"),
    INT8(1, 1, "i8"),
    UINT16(2, 2, "u16"),
    INT16(3, 2, "i16"),
    UINT32(4, 4, "u32"),
    INT32(5, 4, "i32"),
    FLOAT32(6, 4, "f32"),
    BOOL(7, 1, "bool"),
    /** A u64 byte length, then UTF-8. */
    STRING(8, -1, "string"),
    /** A u32 element type, a u64 count, then the elements. */
    ARRAY(9, -1, "array"),
    UINT64(10, 8, "u64"),
    INT64(11, 8, "i64"),
    FLOAT64(12, 8, "f64");

    private final int id;
    private final int size;
    private final String shortName;

    GgufValueType(int id, int size, String shortName) {
        this.id = id;
        this.size = size;
        this.shortName = shortName;
    }

    public int id() {
        return id;
    }

    /** Bytes of one value, or -1 for STRING and ARRAY, whose size depends on their contents. */
    public int size() {
        return size;
    }

    /** The fewest bytes one value of this type can take in a file (used to reject absurd array counts). */
    int minBytes() {
        switch (this) {
            case STRING:
                return 8;
            case ARRAY:
                return 12;
            default:
                return size;
        }
    }

    /** u8, i32, f32, string, ...: the names {@code inspect} prints. */
    public String shortName() {
        return shortName;
    }

    public boolean isInteger() {
        return this == UINT8 || this == INT8 || this == UINT16 || this == INT16 || this == UINT32 || this == INT32
                || this == UINT64 || this == INT64;
    }

    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT64;
    }

    /** The type with {@code id}, or null if there is none. */
    public static GgufValueType fromId(int id) {
        for (GgufValueType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        return null;
    }
}
