package io.quantbench.engine.io;

import java.util.Arrays;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that the tensors a model config implies have the shapes it implies, as llama.cpp's loader does, so
 * a file whose header and tensors disagree fails when it is opened, with the tensor named, not later
 * inside a kernel. Only tensors that are present are checked (vocabulary-only files have none); names this
 * class does not know are left alone.
 */
final class TensorShapes {

    private static final Pattern BLOCK = Pattern.compile("blk\\.(\\d+)\\.(.+)");

    private TensorShapes() {
    }

    static void check(String file, ModelConfig c, Collection<CheckpointTensor> tensors) throws FileFormatException {
        for (CheckpointTensor t : tensors) {
            long[] expected = expected(c, t.name());
            if (expected == null) {
                continue;
            }
            if (expected.length == 0) {
                throw new FileFormatException(file, "tensor " + t.name(), "belongs to a layer past the model's "
                        + c.blockCount() + " layers");
            }
            if (!Arrays.equals(expected, t.ne())) {
                throw new FileFormatException(file, "tensor " + t.name() + (t.sourceName().equals(t.name()) ? "" : " (" + t.sourceName() + ")"),
                        "has shape " + t.shape() + " but the model config (" + c.architectureName() + ", embedding "
                        + c.embeddingLength() + ", feed-forward " + c.feedForwardLength() + ", heads " + c.headCount() + "/"
                        + c.headCountKv() + " x " + c.headDim() + ", vocabulary " + c.vocabSize() + ") implies "
                        + GgufTensorInfo.shape(expected));
            }
        }
    }

    /** The ne the config implies for {@code name}; null for a name not checked; an empty array for a layer out of range. */
    private static long[] expected(ModelConfig c, String name) {
        long embd = c.embeddingLength();
        long q = (long) c.headCount() * c.headDim();
        long k = (long) c.headCountKv() * c.headDim();
        long v = (long) c.headCountKv() * c.valueDim();
        long o = (long) c.headCount() * c.valueDim();
        long ffn = c.feedForwardLength();
        switch (name) {
            case "token_embd.weight":
            case "output.weight":
                return new long[] {embd, c.vocabSize()};
            case "position_embd.weight":
                return new long[] {embd, c.contextLength()};
            case "output_norm.weight":
            case "output_norm.bias":
                return new long[] {embd};
            default:
                break;
        }
        Matcher m = BLOCK.matcher(name);
        if (!m.matches()) {
            return null;
        }
        if (m.group(1).length() > 6 || Integer.parseInt(m.group(1)) >= c.blockCount()) {
            return new long[0];
        }
        switch (m.group(2)) {
            case "attn_norm.weight":
            case "attn_norm.bias":
            case "ffn_norm.weight":
            case "ffn_norm.bias":
            case "post_attention_norm.weight":
            case "post_ffw_norm.weight":
            case "attn_output.bias":
            case "ffn_down.bias":
                return new long[] {embd};
            case "attn_sub_norm.weight":
                return new long[] {o};
            case "ffn_sub_norm.weight":
            case "ffn_up.bias":
            case "ffn_gate.bias":
                return new long[] {ffn};
            case "attn_q_norm.weight":
            case "attn_k_norm.weight":
                return new long[] {c.headDim()};
            case "attn_q.weight":
                return new long[] {embd, q};
            case "attn_k.weight":
                return new long[] {embd, k};
            case "attn_v.weight":
                return new long[] {embd, v};
            case "attn_qkv.weight":
                return new long[] {embd, q + k + v};
            case "attn_qkv.bias":
                return new long[] {q + k + v};
            case "attn_output.weight":
                return new long[] {o, embd};
            case "ffn_gate.weight":
            case "ffn_up.weight":
                return new long[] {embd, ffn};
            case "ffn_down.weight":
                return new long[] {ffn, embd};
            default:
                return null;
        }
    }
}
