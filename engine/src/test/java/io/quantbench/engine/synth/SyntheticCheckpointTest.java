package io.quantbench.engine.synth;

import io.quantbench.engine.format.WeightFormat;
import io.quantbench.engine.io.Checkpoint;
import io.quantbench.engine.io.CheckpointTensor;
import io.quantbench.engine.kernel.KernelPool;
import io.quantbench.engine.model.LoadOptions;
import io.quantbench.engine.model.ModelSource;
import io.quantbench.engine.model.Models;
import io.quantbench.engine.model.RunState;
import io.quantbench.engine.model.Transformer;
import io.quantbench.engine.plan.QuantizationPlan;
import io.quantbench.engine.tokenizer.Tokenizer;
import io.quantbench.engine.tokenizer.Tokenizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticCheckpointTest {

    @TempDir
    Path dir;

    /** Full-size checkpoints: the exact tensor shapes of the real models (FORMATS.md §1, §4, §5), generated lazily. */
    @Test
    void fullSizeCheckpointsHaveTheRealShapes() {
        SyntheticCheckpoint bitnet = SyntheticCheckpoint.of(KnownModel.BITNET_2B4T, 1);
        assertArrayEquals(new long[] {2560, 128256}, bitnet.require("token_embd.weight").ne());
        assertArrayEquals(new long[] {2560, 640}, bitnet.require("blk.29.attn_k.weight").ne());
        assertArrayEquals(new long[] {6912, 2560}, bitnet.require("blk.0.ffn_down.weight").ne());
        assertArrayEquals(new long[] {6912}, bitnet.require("blk.0.ffn_sub_norm.weight").ne());
        assertTrue(bitnet.require("blk.0.attn_q.weight").isTernary());
        assertFalse(bitnet.tensor("output.weight").isPresent(), "the head is tied");
        SyntheticCheckpoint gemma = SyntheticCheckpoint.of(KnownModel.GEMMA3_4B, 1);
        assertArrayEquals(new long[] {2560, 2048}, gemma.require("blk.33.attn_q.weight").ne());
        assertArrayEquals(new long[] {256}, gemma.require("blk.0.attn_k_norm.weight").ne());
        assertEquals(8f, gemma.config().ropeScalingFactor());
        assertTrue(gemma.config().isGlobalLayer(5) && !gemma.config().isGlobalLayer(4));
        SyntheticCheckpoint gpt2 = SyntheticCheckpoint.of(KnownModel.DISTILGPT2, 1);
        assertArrayEquals(new long[] {768, 2304}, gpt2.require("blk.5.attn_qkv.weight").ne());
        assertArrayEquals(new long[] {768, 1024}, gpt2.require("position_embd.weight").ne());
        long linear = 0;
        for (CheckpointTensor t : bitnet.tensors()) {
            if (t.name().startsWith("blk.") && t.ne().length == 2) {
                linear += t.elements();
            }
        }
        assertEquals(KnownModel.BITNET_2B4T.blockLinearWeights(), linear);
    }

    @Test
    void theSeedFixesEveryValue() {
        CheckpointTensor a = SyntheticCheckpoint.of(KnownModel.LLAMA32_1B, 7).require("blk.3.ffn_up.weight");
        CheckpointTensor b = SyntheticCheckpoint.of(KnownModel.LLAMA32_1B, 7).require("blk.3.ffn_up.weight");
        CheckpointTensor c = SyntheticCheckpoint.of(KnownModel.LLAMA32_1B, 8).require("blk.3.ffn_up.weight");
        float[] rowA = a.dequantizeRow(4000);
        assertArrayEquals(rowA, b.dequantizeRow(4000));
        assertFalse(java.util.Arrays.equals(rowA, c.dequantizeRow(4000)));
        float[] two = new float[2 * 2048];
        a.dequantizeRows(3999, 2, two, 0);
        assertArrayEquals(rowA, java.util.Arrays.copyOfRange(two, 2048, 4096), "a row is the same read alone or in a range");
        assertFalse(java.util.Arrays.equals(rowA, a.dequantizeRow(4001)));
    }

    /**
     * The statistics the class comment promises, measured on full-size tensors: spread 1/sqrt(inputs), about one
     * weight in 1024 an outlier of 8 times, ternary weights with about 31 % zeros (a Gaussian's share within 0.4
     * of its absmean step), norm gains near 1 with a few outlier channels of about 8.
     */
    @Test
    void weightsHaveTheStatedStatistics() {
        SyntheticCheckpoint llama = SyntheticCheckpoint.of(KnownModel.LLAMA32_1B, 3);
        CheckpointTensor up = llama.require("blk.0.ffn_up.weight");
        float[] w = new float[256 * 2048];
        up.dequantizeRows(0, 256, w, 0);
        double sumSquares = 0;
        int large = 0;
        double expectedStd = 1 / Math.sqrt(2048);
        for (float v : w) {
            sumSquares += v * v;
            large += Math.abs(v) > 4 * expectedStd ? 1 : 0;
        }
        double std = Math.sqrt(sumSquares / w.length);
        assertEquals(expectedStd, std, 0.15 * expectedStd, "spread");
        assertTrue(large > w.length / 2000 && large < w.length / 500, large + " of " + w.length + " weights beyond 4 sigma");

        CheckpointTensor q = SyntheticCheckpoint.of(KnownModel.BITNET_2B4T, 3).require("blk.0.attn_q.weight");
        float[] t = new float[64 * 2560];
        q.dequantizeRows(0, 64, t, 0);
        int zeros = 0;
        for (float v : t) {
            zeros += v == 0 ? 1 : 0;
        }
        assertEquals(0.31, zeros / (double) t.length, 0.03, "share of zero ternary weights");

        float[] gains = llama.require("blk.0.attn_norm.weight").dequantize();
        int outliers = 0;
        for (float g : gains) {
            outliers += g > 4 ? 1 : 0;
        }
        assertTrue(outliers >= 1 && outliers < gains.length / 50, outliers + " outlier channels of " + gains.length);
    }

    @Test
    void llama3RopeFactorsFollowTheScalingRule() {
        float[] f = SyntheticCheckpoint.llama3RopeFactors(64, 500000f);
        assertEquals(1f, f[0], "short wavelengths are not scaled");
        assertEquals(32f, f[31], "wavelengths past the original 8192-token context are divided by 32");
        for (int i = 1; i < f.length; i++) {
            assertTrue(f[i] >= f[i - 1], "factors grow with the wavelength");
        }
    }

    /** Written as GGUF and read back by the real loader: the same config, the same tensors, the same scores. */
    @ParameterizedTest
    @EnumSource(KnownModel.class)
    void ggufRoundTripGivesTheSameModel(KnownModel model) throws IOException {
        SyntheticCheckpoint synthetic = SyntheticCheckpoint.of(model.miniature(), 5);
        Path file = dir.resolve(model.id + ".gguf");
        synthetic.writeGguf(file);
        WeightFormat format = model == KnownModel.BITNET_2B4T ? WeightFormat.TERNARY : WeightFormat.INT8;
        try (Checkpoint checkpoint = Checkpoint.open(file); KernelPool pool = new KernelPool(1)) {
            assertEquals(synthetic.config(), checkpoint.config());
            for (CheckpointTensor t : synthetic.tensors()) {
                CheckpointTensor read = checkpoint.require(t.name());
                assertArrayEquals(t.ne(), read.ne(), t.name());
                assertEquals(t.isTernary(), read.isTernary(), t.name());
            }
            assertEquals(synthetic.tensors().size(), checkpoint.tensors().size());
            int[] tokens = {1, 40, 300, 12};
            float[] fromMemory = logits(synthetic, format, tokens, pool);
            float[] fromFile = logits(ModelSource.of(checkpoint), format, tokens, pool);
            assertArrayEquals(fromMemory, fromFile, model + " " + format);
            Tokenizer fromGguf = Tokenizers.fromGguf(checkpoint.gguf().orElseThrow());
            assertArrayEquals(synthetic.tokenizer().encode("the rain in spain", true, false),
                    fromGguf.encode("the rain in spain", true, false));
        }
    }

    private static float[] logits(ModelSource source, WeightFormat format, int[] tokens, KernelPool pool) {
        Transformer m = Models.load(source, QuantizationPlan.uniform(format), LoadOptions.of(1));
        RunState s = m.newState(8, 8, 1);
        return m.forward(s, tokens, 0, tokens.length, pool).clone();
    }

    @Test
    void vocabularyBuildsWordsFromItsLetters() {
        Tokenizer t = SyntheticVocabulary.tokenizer(5000);
        int[] ids = t.encode("hello there", true, false);
        assertEquals(1, ids[0], "BOS");
        assertTrue(ids.length < 1 + "hello there".length(), "letters merge into longer pieces: " + java.util.Arrays.toString(ids));
        assertEquals("hello there", t.decode(ids, false));
        assertEquals("Zoë!", t.decode(t.encode("Zoë!", false, false), false), "other characters fall back to bytes");
        assertThrows(IllegalArgumentException.class, () -> SyntheticVocabulary.of(100));
        List<String> names = List.of("synthetic:bitnet-2b4t", "synthetic:GEMMA3-4B");
        for (String name : names) {
            assertNotEquals(null, SyntheticCheckpoint.parse(name, 0).config());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SyntheticCheckpoint.parse("synthetic:gpt-9", 0));
        assertTrue(e.getMessage().contains("valid models: distilgpt2, bitnet-2b4t"), e.getMessage());
    }
}
