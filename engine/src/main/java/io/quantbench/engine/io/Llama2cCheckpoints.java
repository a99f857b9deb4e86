package io.quantbench.engine.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * llama2.c's legacy ("version 0") checkpoint (reference/FORMATS.md §7): seven int32 (dim, hidden_dim,
 * n_layers, n_heads, n_kv_heads, vocab_size, seq_len), then float32 arrays grouped over all layers. A negative
 * vocab_size means a separate classifier at the end. The header must predict the file's length exactly,
 * which catches truncation and files of another kind.
 *
 * <p>Tensors get the names of llama.cpp's {@code llama} architecture. llama2.c rotates interleaved pairs, which
 * is llama.cpp's layout for {@code llama}, so its weights are used as they are.
 */
public final class Llama2cCheckpoints {

    static final int HEADER_BYTES = 28;
    /** The magic of llama2.c's versioned exports ("ak42"), which run.c does not read either. */
    private static final int VERSIONED_MAGIC = 0x616b3432;

    private Llama2cCheckpoints() {
    }

    static Checkpoint open(Path path) throws IOException {
        return MappedFile.parse(path, file -> read(path, file));
    }

    static Checkpoint read(Path path, ByteSource file) throws FileFormatException {
        ByteCursor in = new ByteCursor(file, 0);
        int first = in.i32("dim");
        if (first == VERSIONED_MAGIC) {
            throw in.error(0, "this is a versioned llama2.c export (magic 'ak42'); only the legacy (version 0) format that"
                    + " run.c reads is supported: export with --version 0");
        }
        String[] names = {"dim", "hidden_dim", "n_layers", "n_heads", "n_kv_heads", "vocab_size", "seq_len"};
        int[] h = new int[7];
        h[0] = first;
        for (int i = 1; i < 7; i++) {
            h[i] = in.i32(names[i]);
        }
        int dim = h[0];
        int hidden = h[1];
        int layers = h[2];
        int heads = h[3];
        int kvHeads = h[4];
        boolean shared = h[5] > 0;
        int vocab = Math.abs(h[5]);
        int seqLen = h[6];
        for (int i = 0; i < 7; i++) {
            if (h[i] == 0 || (h[i] < 0 && i != 5) || h[i] == Integer.MIN_VALUE) {
                throw in.error(4L * i, names[i] + " is " + h[i] + "; expected a positive number (a llama2.c legacy checkpoint?)");
            }
        }
        if (dim % heads != 0 || heads % kvHeads != 0 || (dim / heads) % 2 != 0) {
            throw in.error(0, "dim " + dim + ", n_heads " + heads + ", n_kv_heads " + kvHeads + " do not fit: dim must be a multiple"
                    + " of n_heads with an even head size, and n_heads a multiple of n_kv_heads");
        }
        long headSize = dim / heads;
        long kvDim = dim / heads * kvHeads;
        Map<String, long[]> layout = new LinkedHashMap<>();         // name -> {ne0, ne1} of each group, layer-major
        long expectedFloats;
        try {
            long perLayer = Math.addExact(Math.addExact(2L * dim, Math.multiplyExact(2L * dim, dim)),
                    Math.addExact(Math.multiplyExact(2 * kvDim, dim), Math.multiplyExact(3L * hidden, dim)));
            expectedFloats = Math.addExact(Math.multiplyExact((long) vocab, dim), Math.multiplyExact(perLayer, layers));
            expectedFloats = Math.addExact(expectedFloats, dim + Math.multiplyExact((long) seqLen, headSize));
            if (!shared) {
                expectedFloats = Math.addExact(expectedFloats, Math.multiplyExact((long) vocab, dim));
            }
            expectedFloats = Math.multiplyExact(expectedFloats, 4);
        } catch (ArithmeticException e) {
            throw in.error(0, "header " + header(names, h) + " implies more than 2^63 bytes: not a llama2.c checkpoint");
        }
        long expectedBytes = HEADER_BYTES + expectedFloats;
        if (file.size() != expectedBytes) {
            throw in.error(file.size() < expectedBytes ? file.size() : expectedBytes, "header " + header(names, h) + " implies "
                    + expectedBytes + " bytes (" + (shared ? "shared" : "separate") + " classifier) but the file has "
                    + file.size() + (file.size() < expectedBytes ? ": truncated?" : ": extra bytes, or not a llama2.c legacy checkpoint"));
        }

        List<CheckpointTensor> tensors = new ArrayList<>();
        long at = HEADER_BYTES;
        at = add(tensors, file, at, "token_embd.weight", "token_embedding_table", new long[] {dim, vocab});
        at = group(tensors, file, at, layers, "attn_norm.weight", "rms_att_weight", new long[] {dim});
        at = group(tensors, file, at, layers, "attn_q.weight", "wq", new long[] {dim, dim});
        at = group(tensors, file, at, layers, "attn_k.weight", "wk", new long[] {dim, kvDim});
        at = group(tensors, file, at, layers, "attn_v.weight", "wv", new long[] {dim, kvDim});
        at = group(tensors, file, at, layers, "attn_output.weight", "wo", new long[] {dim, dim});
        at = group(tensors, file, at, layers, "ffn_norm.weight", "rms_ffn_weight", new long[] {dim});
        at = group(tensors, file, at, layers, "ffn_gate.weight", "w1", new long[] {dim, hidden});
        at = group(tensors, file, at, layers, "ffn_down.weight", "w2", new long[] {hidden, dim});
        at = group(tensors, file, at, layers, "ffn_up.weight", "w3", new long[] {dim, hidden});
        at = add(tensors, file, at, "output_norm.weight", "rms_final_weight", new long[] {dim});
        at += 4L * seqLen * headSize;                                   // freq_cis_real and _imag: legacy RoPE tables, unused
        if (!shared) {
            add(tensors, file, at, "output.weight", "wcls", new long[] {dim, vocab});
        }

        Map<String, GgufValue> metadata = new LinkedHashMap<>();
        for (int i = 0; i < 7; i++) {
            metadata.put("llama2c." + names[i], GgufValue.i32(h[i]));
        }
        ModelConfig config = new ModelConfig(Architecture.LLAMA, "llama2.c", seqLen, dim, layers, hidden, heads, kvHeads,
                (int) headSize, (int) headSize, 1e-5f, ModelConfig.Norm.RMS_NORM, ModelConfig.Activation.SILU,
                ModelConfig.RopeStyle.INTERLEAVED, (int) headSize, 10000f, 10000f, 1f, 0, 0, vocab, shared, 0f);
        TensorShapes.check(file.name(), config, tensors);
        return new Checkpoint(path, Checkpoint.Format.LLAMA2C, config, metadata, tensors, Checkpoint.resources(file), null);
    }

    private static String header(String[] names, int[] h) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < names.length; i++) {
            b.append(i == 0 ? "" : ", ").append(names[i]).append('=').append(h[i]);
        }
        return b.append(')').toString();
    }

    private static long add(List<CheckpointTensor> tensors, ByteSource file, long at, String name, String sourceName, long[] ne) {
        tensors.add(StoredTensor.ggml(name, sourceName, ne, GgmlType.F32, file, at));
        return at + 4 * GgufTensorInfo.elements(ne);
    }

    private static long group(List<CheckpointTensor> tensors, ByteSource file, long at, int layers, String name, String sourceName,
                              long[] ne) {
        for (int layer = 0; layer < layers; layer++) {
            at = add(tensors, file, at, "blk." + layer + "." + name, sourceName + "[" + layer + "]", ne);
        }
        return at;
    }
}
