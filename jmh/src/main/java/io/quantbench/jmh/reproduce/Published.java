package io.quantbench.jmh.reproduce;

import java.util.List;

/**
 * The published figures of the studies quantbench reproduces, exactly as ../shared/reference/STUDIES.md gives them
 * (as text, so that the report prints them digit for digit). They are printed beside quantbench's own numbers, never
 * used in their place; this class is their only home.
 */
final class Published {

    private Published() {
    }

    /** Study A (Raspberry Pi 5, DistilGPT-2, one greedy continuation of "The future of artificial intelligence is"). */
    static final String A_SETUP = "Raspberry Pi 5 (4 x Cortex-A76, 2.4 GHz, 8 GB), DistilGPT-2, one greedy continuation"
            + " of \"The future of artificial intelligence is\", time to generate it";
    static final String A_PROMPT = "The future of artificial intelligence is";

    /** One row of study A's table. */
    record ARow(String configuration, String seconds, String speedup, String quality) {
    }

    static final List<ARow> A_ROWS = List.of(
            new ARow("FP32", "6.2150", "1.00", "good"),
            new ARow("INT8", "2.7178", "2.29", "good"),
            new ARow("INT4", "6.2120", "1.00", "poor (\"in in in in ...\")"),
            new ARow("adaptive", "6.2204", "1.00", "poor (repetition)"));

    static final String A_SPLIT = "layers ranked by importance, top 30 % FP32, middle 30 % INT8, bottom 40 % INT4";

    /** Study B. */
    static final String B_SETUP = "BitNet b1.58 (bitnet.cpp) against a 32-bit model; inputs of about 10, 20, 50, 100, 200,"
            + " 500 and 1000 tokens, two prompts per length, ten runs each, mean time";
    static final String B_RESULT = "the 1-bit model was 2-5 x faster, and the gap grew with the token count";
    static final String B_SPEEDUP = "2-5";
    static final String B_CONTEXT = "BitNet b1.58 paper, against FP16 LLaMA at 700M-3.9B parameters: memory 2.6-3.55 x"
            + " lower, latency 1.23-2.71 x lower";

    /** Study C (Raspberry Pi 5, up to 554 generated tokens). */
    static final String C_SETUP = "Raspberry Pi 5, 8 GB; BitNet b1.58 2B against Gemma 3 4B, up to 554 generated tokens";

    /** One model of study C. */
    record CRow(String model, String tokensPerSecond, String cpuPercent, String tokensPerSecondPerCpu,
                String memoryPercent, String rouge1, String bleu, String meteor) {
    }

    static final CRow C_BITNET = new CRow("BitNet b1.58 2B", "8.0", "385", "2.1053", "16.7", "0.0024", "0.0614", "0.0177");
    static final CRow C_GEMMA = new CRow("Gemma 3 4B", "1.80", "380", "0.4675", "56.7", "0.1593", "0.6609", "0.7680");

    /** {@code a / b} of two published figures, e.g. BitNet's tok/s over Gemma's. */
    static double ratio(String a, String b) {
        return Double.parseDouble(a) / Double.parseDouble(b);
    }
    static final String C_QA = "100 question-answer pairs of the SQuAD v1.1 Super_Bowl_50 article (ROUGE-1, BLEU, METEOR)";
}
