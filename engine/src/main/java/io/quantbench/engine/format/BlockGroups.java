package io.quantbench.engine.format;

/**
 * How INT8 and INT4 rows are cut into groups of blocks whose weights are interleaved.
 *
 * <p>A row of {@code nb} blocks (of 32 weights) is split greedily into groups of 16 blocks, then at
 * most one group each of 8, 4, 2 and 1 block for the remainder (216 blocks = 13 x 16 + 8). Within a
 * group the blocks' weights are interleaved in small <em>units</em> (2 weights for INT8, 8 for INT4),
 * unit {@code (c, j)} of block {@code j} at position {@code c * groupBlocks + j}. A vector load of
 * consecutive units then puts block {@code j} in int lane {@code j}, so the kernel accumulates each
 * block's integer dot product in its own lane and never reduces across lanes inside the hot loop.
 *
 * <p>Group sizes are powers of two so that every vector width (4, 8 or 16 int lanes) either divides
 * a group or is a multiple of it. The layout does not depend on the vector width: a matrix quantized
 * once runs on any machine and gives the same bits.
 */
public final class BlockGroups {

    /** Blocks in a full group: the int lanes of a 512-bit vector. */
    public static final int MAX_GROUP = 16;

    /**
     * Spare bytes after the last row's values, and spare scales after the last block's scale: a vector
     * kernel may load a whole vector where a narrow group (or a row) ends, and the lanes past the end
     * are discarded, but the load itself must stay inside the array.
     */
    public static final int SLACK_BYTES = 64;
    public static final int SLACK_SCALES = MAX_GROUP;

    private BlockGroups() {
    }

    /** Number of blocks in the group that starts at block {@code firstBlock} of a row of {@code blocksPerRow} blocks. */
    public static int groupSize(int firstBlock, int blocksPerRow) {
        int left = blocksPerRow - firstBlock;
        if (left >= MAX_GROUP) {
            return MAX_GROUP;
        }
        return Integer.highestOneBit(left);
    }

    /** First block of the group that holds block {@code b}. */
    public static int groupStart(int b, int blocksPerRow) {
        int full = blocksPerRow / MAX_GROUP * MAX_GROUP;
        if (b < full) {
            return b / MAX_GROUP * MAX_GROUP;
        }
        int b0 = full;
        while (b >= b0 + groupSize(b0, blocksPerRow)) {
            b0 += groupSize(b0, blocksPerRow);
        }
        return b0;
    }
}
