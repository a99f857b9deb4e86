package io.quantbench.engine.io;

import java.nio.ByteBuffer;

/** Dequantizes whole blocks of one ggml type, the Java counterpart of a {@code dequantize_row_*} of ggml-quants.c. */
@FunctionalInterface
interface BlockDecoder {

    /**
     * Decodes {@code blocks} consecutive blocks that start at byte {@code at} of {@code src} into
     * {@code dst[dstAt .. dstAt + blocks * blockSize)}.
     */
    void decode(ByteBuffer src, int at, float[] dst, int dstAt, int blocks);
}
