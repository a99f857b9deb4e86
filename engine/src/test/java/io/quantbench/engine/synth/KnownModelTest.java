package io.quantbench.engine.synth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KnownModelTest {

    /** The layer shapes FORMATS.md and ANCHORS.md name: BitNet 2B4T q 2560x2560, k 640x2560 (packed [160, 2560] x 4), down 2560x6912. */
    @Test
    void bitnetLayersHaveTheirPublishedShapes() {
        List<KnownModel.Linear> layers = KnownModel.BITNET_2B4T.blockLinears();
        assertEquals("attn_q 2560x2560, attn_k 640x2560, attn_v 640x2560, attn_output 2560x2560, ffn_gate 6912x2560, "
                + "ffn_up 6912x2560, ffn_down 2560x6912", describe(layers));
    }

    @Test
    void gemmaQueryWidthDiffersFromTheHiddenSize() {
        // FORMATS.md §4.1: head_dim 256, so the 1B's q projection outputs 1024 and its o projection takes 1024.
        assertEquals("attn_q 1024x1152, attn_k 256x1152, attn_v 256x1152, attn_output 1152x1024, ffn_gate 6912x1152, "
                + "ffn_up 6912x1152, ffn_down 1152x6912", describe(KnownModel.GEMMA3_1B.blockLinears()));
        assertEquals("attn_q 2048x2560, attn_k 1024x2560, attn_v 1024x2560, attn_output 2560x2048, ffn_gate 10240x2560, "
                + "ffn_up 10240x2560, ffn_down 2560x10240", describe(KnownModel.GEMMA3_4B.blockLinears()));
    }

    @Test
    void distilgpt2HasFusedQkvAndFourTimesWiderMlp() {
        assertEquals("attn_qkv 2304x768, attn_output 768x768, ffn_up 3072x768, ffn_down 768x3072",
                describe(KnownModel.DISTILGPT2.blockLinears()));
    }

    @Test
    void parameterCountsMatchTheModelsNames() {
        // Block linears + the tied embedding: BitNet "2B", Gemma 3 "1B", Llama 3.2 "1B" (1.24B with embedding).
        long bitnet = KnownModel.BITNET_2B4T.blockLinearWeights() + (long) KnownModel.BITNET_2B4T.vocab * 2560;
        assertTrue(bitnet > 2.3e9 && bitnet < 2.5e9, "BitNet 2B4T has " + bitnet);
        long llama = KnownModel.LLAMA32_1B.blockLinearWeights() + (long) KnownModel.LLAMA32_1B.vocab * 2048;
        assertTrue(llama > 1.2e9 && llama < 1.3e9, "Llama 3.2 1B has " + llama);
        long distil = KnownModel.DISTILGPT2.blockLinearWeights() + (long) KnownModel.DISTILGPT2.vocab * 768;
        assertTrue(distil > 0.075e9 && distil < 0.085e9, "DistilGPT-2 (without positions, norms, biases) has " + distil);
    }

    @Test
    void distinctShapesNameTheirLayersAndIdsParse() {
        assertTrue(KnownModel.distinctShapes().containsKey("2560x6912"));
        assertEquals(2, KnownModel.layersWithShape("2560x2560").size(), "BitNet's q and o projections");
        assertEquals(KnownModel.GEMMA3_4B, KnownModel.byId("Gemma3-4B"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KnownModel.byId("gpt-5"));
        assertTrue(e.getMessage().contains("bitnet-2b4t"), e.getMessage());
    }

    private static String describe(List<KnownModel.Linear> layers) {
        StringBuilder s = new StringBuilder();
        for (KnownModel.Linear l : layers) {
            s.append(s.length() == 0 ? "" : ", ").append(l.layer).append(' ').append(l.shape());
        }
        return s.toString();
    }
}
