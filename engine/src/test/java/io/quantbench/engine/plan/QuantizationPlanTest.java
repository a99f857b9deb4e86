package io.quantbench.engine.plan;

import io.quantbench.engine.format.WeightFormat;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantizationPlanTest {

    private static final List<String> LLAMA = List.of("attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down");

    @Test
    void uniformPlansGiveEveryLinearTheFormatAndKeepTheHeadAtEightBitsOrMore() {
        for (WeightFormat f : WeightFormat.values()) {
            QuantizationPlan plan = QuantizationPlan.parse(f.name().toLowerCase());
            assertTrue(plan.isUniform());
            for (String kind : QuantizationPlan.KINDS) {
                assertEquals(f, plan.format(17, kind));
            }
            assertEquals(f == WeightFormat.F32 ? WeightFormat.F32 : WeightFormat.INT8, plan.headFormat(), f.name());
        }
        assertEquals("TERNARY,head=INT8", QuantizationPlan.uniform(WeightFormat.TERNARY).toString());
    }

    @Test
    void laterRulesWinAndSelectorsPickTheirLayers() {
        QuantizationPlan plan = QuantizationPlan.parse("INT4, attn=INT8, blk.0-1=F32, blk.5.ffn=TERNARY, ffn_down=INT8, head=F32");
        assertEquals(WeightFormat.INT4, plan.format(3, "ffn_up"));
        assertEquals(WeightFormat.INT8, plan.format(3, "attn_k"), "attn selects every attention projection");
        assertEquals(WeightFormat.INT8, plan.format(3, "attn_qkv"));
        assertEquals(WeightFormat.F32, plan.format(1, "attn_q"), "blk.0-1 comes after attn");
        assertEquals(WeightFormat.INT8, plan.format(0, "ffn_down"), "ffn_down comes after blk.0-1");
        assertEquals(WeightFormat.TERNARY, plan.format(5, "ffn_gate"));
        assertEquals(WeightFormat.INT8, plan.format(5, "ffn_down"));
        assertEquals(WeightFormat.INT4, plan.format(6, "ffn_gate"));
        assertEquals(WeightFormat.F32, plan.headFormat());
        assertEquals("INT4,attn=INT8,blk.0-1=F32,blk.5.ffn=TERNARY,ffn_down=INT8,head=F32", plan.toString());
        assertEquals(plan.toString(), QuantizationPlan.parse(plan.toString()).toString());
    }

    @Test
    void badPlansNameWhatIsWrong() {
        assertMessage("INT3", "unknown weight format 'INT3'; valid formats: F32, INT8, INT4, TERNARY");
        assertMessage("attn=INT8", "must start with a base format");
        assertMessage("INT4,ffn_down", "is not a rule of the form selector=FORMAT");
        assertMessage("INT4,mlp=INT8", "unknown selector 'mlp'; valid selectors: head, attn, ffn, attn_q");
        assertMessage("INT4,blk.3-1=INT8", "block range blk.3-1 ends before it starts");
        assertMessage("INT4,ffn_up=INT2", "unknown weight format 'INT2'");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuantizationPlan.parse("INT4,blk.40=F32").checkAgainst(30, LLAMA));
        assertTrue(e.getMessage().contains("rule blk.40=F32 selects no linear layer of this model, which has blocks 0..29"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> QuantizationPlan.parse("INT4,attn_qkv=F32").checkAgainst(30, LLAMA));
        QuantizationPlan.parse("INT4,blk.29.ffn_down=F32,attn=INT8").checkAgainst(30, LLAMA);
    }

    private static void assertMessage(String plan, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QuantizationPlan.parse(plan));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
