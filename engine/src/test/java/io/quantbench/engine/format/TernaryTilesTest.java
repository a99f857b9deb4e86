package io.quantbench.engine.format;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TernaryTilesTest {

    @Test
    void tilesHoldTheSameValuesAndConvertBackExactly() {
        Random random = new Random(1);
        for (int[] shape : new int[][] {{1, 1}, {45, 100}, {64, 576}, {33, 1300}}) {
            int rows = shape[0];
            int cols = shape[1];
            byte[] t = new byte[rows * cols];
            for (int i = 0; i < t.length; i++) {
                t[i] = (byte) (random.nextInt(3) - 1);
            }
            TernaryMatrix m = TernaryMatrix.of(t, 0.37f, rows, cols);
            TernaryTiles tiles = TernaryTiles.of(m);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    assertEquals(t[r * cols + c], tiles.value(r, c), rows + "x" + cols + " at " + r + "," + c);
                }
            }
            assertArrayEquals(m.dequantize(), tiles.dequantize());
            assertArrayEquals(m.codes(), tiles.toRows().codes());
            assertEquals(0.37f, tiles.scale());
        }
    }

    /** The layout as TernaryTiles documents it, decoded here independently for one short. */
    @Test
    void shortsHoldThreeBase3IndicesWithInterleavedRows() {
        int rows = 32;
        int cols = 9;
        byte[] t = new byte[rows * cols];
        // Row 17, columns 0..8: (+1, 0, -1), (0, 0, 0), (-1, -1, +1).
        byte[] row17 = {1, 0, -1, 0, 0, 0, -1, -1, 1};
        System.arraycopy(row17, 0, t, 17 * cols, cols);
        TernaryTiles tiles = TernaryTiles.of(TernaryMatrix.of(t, 1f, rows, cols));
        int lane = 2 * (17 - 16) + 1;                             // rows 16..31 sit in the odd lanes
        int packed = tiles.data()[lane];
        int first = 9 * 2 + 3 * 1 + 0;                            // digits t + 1: 2, 1, 0
        int second = 9 + 3 + 1;                                   // three zeros: index 13
        int third = 0 + 0 + 2;                                    // 0, 0, 2
        assertEquals(first | second << 5 | third << 10, packed);
        assertEquals(TernaryTiles.ZERO_INDEX, tiles.data()[0] & 31, "row 0 is all zero");
        assertEquals(2L * 32 + 4, tiles.storageBytes(), "one short per row of 9 columns, plus the scale");
    }
}
