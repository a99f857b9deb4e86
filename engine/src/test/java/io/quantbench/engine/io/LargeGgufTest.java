package io.quantbench.engine.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A GGUF file of 2.7 GB with one tensor larger than 2 GiB, built as a sparse file (only the rows the test
 * checks are written; the rest reads as zeros and takes no disk space). Rows that straddle the 1 GiB
 * mapping windows and the 2 GiB line must read back exactly.
 */
class LargeGgufTest {

    private static final int COLS = 1024;
    private static final long ROWS = 700_000;                    // 1024 * 700000 * 4 bytes = 2.87e9 > 2^31

    private static float[] rowValues(long row) {
        float[] v = new float[COLS];
        for (int c = 0; c < COLS; c++) {
            v[c] = row + c / 1024f;
        }
        return v;
    }

    private static void writeRow(RandomAccessFile file, long at, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        file.seek(at);
        file.write(b.array());
    }

    @Test
    void readsATensorLargerThan2GiB(@TempDir Path dir) throws IOException {
        long bigBytes = COLS * ROWS * 4;
        long afterOffset = GgufReader.align(bigBytes, 32);
        byte[] header = new RawGguf().header(2, 1).kvString("general.architecture", "llama")
                .tensor("big", new long[] {COLS, ROWS}, 0, 0)
                .tensor("after", new long[] {16}, 0, afterOffset)
                .align(32).bytes();
        long dataOffset = header.length;
        long rowBytes = COLS * 4L;
        long[] rows = {
            0,
            (MappedFile.DEFAULT_STEP - dataOffset) / rowBytes,          // straddles the first window start
            ((1L << 31) - dataOffset) / rowBytes,                        // straddles the 2 GiB line
            (2 * MappedFile.DEFAULT_STEP - dataOffset) / rowBytes,       // straddles the third window
            ROWS - 1,
        };
        Path path = dir.resolve("big.gguf");
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.write(header);
            file.setLength(dataOffset + afterOffset + 64);
            for (long r : rows) {
                writeRow(file, dataOffset + r * rowBytes, rowValues(r));
            }
            float[] after = new float[16];
            java.util.Arrays.fill(after, 42f);
            writeRow(file, dataOffset + afterOffset, after);
        }
        assertTrue(Files.size(path) > (1L << 31) + (1L << 29));

        try (GgufFile gguf = GgufFile.open(path)) {
            CheckpointTensor big = gguf.tensorData("big");
            assertEquals(bigBytes, big.byteSize());
            assertEquals(ROWS, big.rows());
            for (long r : rows) {
                assertArrayEquals(rowValues(r), big.dequantizeRow(r), "row " + r);
            }
            float[] two = new float[2 * COLS];
            big.dequantizeRows(rows[2], 2, two, 0);
            assertArrayEquals(rowValues(rows[2]), java.util.Arrays.copyOf(two, COLS));
            assertArrayEquals(new float[COLS], java.util.Arrays.copyOfRange(two, COLS, 2 * COLS), "an unwritten (sparse) row is zeros");
            float[] expectedAfter = new float[16];
            java.util.Arrays.fill(expectedAfter, 42f);
            assertArrayEquals(expectedAfter, gguf.tensorData("after").dequantize());
        }
    }
}
