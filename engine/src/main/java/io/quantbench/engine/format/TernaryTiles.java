package io.quantbench.engine.format;

/**
 * TERNARY weights in the tile layout of the lookup-table kernel (T-MAC / bitnet.cpp TL style): the
 * same values and scale as a {@link TernaryMatrix}, stored for a kernel that looks weights up instead
 * of multiplying them. Conversion from and to {@link TernaryMatrix} is exact.
 *
 * <p>Three consecutive weights of a row (a <em>triple</em>, columns {@code 3k .. 3k+2}) form one base-3
 * index {@code 9 (t0 + 1) + 3 (t1 + 1) + (t2 + 1)} in 0..26; three triples (9 columns) fill the low 15
 * bits of a short, triple {@code k} of the short in bits {@code 5k .. 5k+4}. That is 16 bits per 9
 * weights, 1.78 bits per weight. Columns are padded with zero weights to a multiple of 9.
 *
 * <p>Rows come in tiles of {@value #TILE_ROWS}; the kernel reads one short of every row of a tile at
 * once, so a tile's 32 rows are interleaved: short lane {@code 2m} holds row {@code m} and lane
 * {@code 2m + 1} row {@code 16 + m} (so that widening even and odd lanes to ints gives rows 0..15 and
 * 16..31 in order). Rows are padded with zero weights to whole tiles.
 *
 * <p>Columns are cut into chunks of {@value #CHUNK_SHORTS} shorts (576 columns; the last chunk may be
 * shorter). The kernel's tables for one chunk (one per triple, 64 bytes each: 12 KiB) stay in the L1
 * cache while it sweeps that chunk over every tile, so the data is stored chunk by chunk: chunk,
 * then tile, then short, then lane. Reading the matrix in that order is one sequential stream.
 */
public final class TernaryTiles extends QuantizedMatrix implements TernaryValues {

    public static final int TILE_ROWS = 32;
    public static final int COLS_PER_SHORT = 9;
    public static final int TRIPLES_PER_SHORT = 3;
    public static final int CHUNK_SHORTS = 64;
    /** The index of three zero weights, used for padding. */
    public static final int ZERO_INDEX = 13;

    private final short[] data;
    private final float scale;
    private final int tiles;
    private final int shortsPerRow;

    private TernaryTiles(short[] data, float scale, int rows, int cols) {
        super(rows, cols);
        this.data = data;
        this.scale = scale;
        this.tiles = tiles(rows);
        this.shortsPerRow = shortsPerRow(cols);
    }

    /** The tile layout of {@code m}: same values, same scale. */
    public static TernaryTiles of(TernaryMatrix m) {
        int rows = m.rows();
        int cols = m.cols();
        int tiles = tiles(rows);
        int perRow = shortsPerRow(cols);
        short[] data = new short[Math.multiplyExact(Math.multiplyExact(tiles, TILE_ROWS), perRow)];
        for (int row = 0; row < tiles * TILE_ROWS; row++) {
            for (int s = 0; s < perRow; s++) {
                int packed = 0;
                for (int k = 0; k < TRIPLES_PER_SHORT; k++) {
                    int index = 0;
                    for (int d = 0; d < 3; d++) {
                        int c = s * COLS_PER_SHORT + 3 * k + d;
                        int t = row < rows && c < cols ? m.value(row, c) : 0;
                        index = 3 * index + t + 1;
                    }
                    packed |= index << (5 * k);
                }
                data[offset(row, s, tiles, perRow)] = (short) packed;
            }
        }
        return new TernaryTiles(data, m.scale(), rows, cols);
    }

    /** The same matrix in the row layout of {@link TernaryMatrix}. */
    public TernaryMatrix toRows() {
        byte[] values = new byte[Math.multiplyExact(rows, cols)];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                values[r * cols + c] = (byte) value(r, c);
            }
        }
        return TernaryMatrix.of(values, scale, rows, cols);
    }

    public static int tiles(int rows) {
        return (rows + TILE_ROWS - 1) / TILE_ROWS;
    }

    public static int shortsPerRow(int cols) {
        return (cols + COLS_PER_SHORT - 1) / COLS_PER_SHORT;
    }

    /** Index in {@link #data()} of short {@code s} of row {@code row}. */
    public static int offset(int row, int s, int tiles, int shortsPerRow) {
        int chunkStart = s / CHUNK_SHORTS * CHUNK_SHORTS;
        int chunkLength = Math.min(CHUNK_SHORTS, shortsPerRow - chunkStart);
        int tile = row / TILE_ROWS;
        int inTile = row % TILE_ROWS;
        int lane = inTile < TILE_ROWS / 2 ? 2 * inTile : 2 * (inTile - TILE_ROWS / 2) + 1;
        return chunkStart * tiles * TILE_ROWS + ((tile * chunkLength) + (s - chunkStart)) * TILE_ROWS + lane;
    }

    @Override
    public int value(int r, int c) {
        int s = c / COLS_PER_SHORT;
        int k = (c % COLS_PER_SHORT) / 3;
        int index = (data[offset(r, s, tiles, shortsPerRow)] >> (5 * k)) & 31;
        int digit = 2 - c % 3;                               // t0 is the most significant base-3 digit
        for (int i = 0; i < digit; i++) {
            index /= 3;
        }
        return index % 3 - 1;
    }

    /** The packed indices, chunk by chunk, tile by tile, short by short, lane by lane. */
    public short[] data() {
        return data;
    }

    @Override
    public float scale() {
        return scale;
    }

    public int tiles() {
        return tiles;
    }

    public int shortsPerRow() {
        return shortsPerRow;
    }

    @Override
    public WeightFormat format() {
        return WeightFormat.TERNARY;
    }

    @Override
    public long storageBytes() {
        return 2L * data.length + 4;
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        for (int c = 0; c < cols; c++) {
            out[offset + c] = value(row, c) * scale;
        }
    }

    @Override
    public TernaryTiles copy() {
        return new TernaryTiles(data.clone(), scale, rows, cols);
    }
}
