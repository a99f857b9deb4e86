package io.quantbench.engine.model;

import io.quantbench.engine.format.WeightFormat;
import io.quantbench.engine.io.ModelConfig;
import io.quantbench.engine.kernel.KernelPool;
import io.quantbench.engine.plan.QuantizationPlan;
import io.quantbench.engine.synth.KnownModel;
import io.quantbench.engine.synth.SyntheticCheckpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The four families' forward passes on miniatures of the five models ({@link KnownModel#miniature()}: real
 * architecture, small widths, a sliding window of 8 so that 12-token sequences pass it).
 */
class ModelForwardTest {

    /** Token ids of the test sequence: 12 tokens, longer than the miniature Gemma's window of 8. */
    static final int[] TOKENS = {1, 17, 300, 5, 261, 99, 42, 7, 318, 150, 64, 270};

    private static KernelPool pool;

    @BeforeAll
    static void startPool() {
        pool = new KernelPool(2);
    }

    @AfterAll
    static void stopPool() {
        pool.close();
    }

    static SyntheticCheckpoint miniature(KnownModel model) {
        return SyntheticCheckpoint.of(model.miniature(), 20261123L);
    }

    static Transformer load(ModelSource source, WeightFormat format) {
        return load(source, QuantizationPlan.uniform(format));
    }

    static Transformer load(ModelSource source, QuantizationPlan plan) {
        return Models.load(source, plan, LoadOptions.of(2));
    }

    /**
     * A per-layer mix that every family can take (its selectors exist in GPT-2's fused blocks as in the others):
     * every format in one model, the head included.
     */
    static final String MIXED_PLAN = "INT4,attn=INT8,blk.1=TERNARY,ffn_down=F32,head=INT8";

    /** Each of the five models with each format uniform, and with {@link #MIXED_PLAN}. */
    static Stream<Arguments> everyModelInEveryFormat() {
        List<Arguments> cases = new ArrayList<>();
        for (KnownModel m : KnownModel.values()) {
            for (WeightFormat f : WeightFormat.values()) {
                cases.add(Arguments.of(m, f.name()));
            }
            cases.add(Arguments.of(m, MIXED_PLAN));
        }
        return cases.stream();
    }

    /**
     * F32 against the independent double-precision reference: the only differences are float32 rounding and the
     * order of additions, so the scores agree to about 1e-5 of their range; 1e-4 leaves room and still catches any
     * mistake in the maths (a wrong RoPE pair, norm, mask or scale moves them by whole percents).
     */
    @ParameterizedTest
    @EnumSource(KnownModel.class)
    void f32MatchesTheReferenceForwardPass(KnownModel model) {
        SyntheticCheckpoint source = miniature(model);
        double[] expected = new ReferenceForward(source, false).lastLogits(TOKENS);
        float[] actual = lastLogits(load(source, WeightFormat.F32), TOKENS, TOKENS.length);
        assertClose(expected, actual, 1e-4, model + " F32");
    }

    /**
     * A Llama checkpoint from Hugging Face rotates NEOX halves (its Q and K are not permuted for llama.cpp's
     * interleaved pairs); the same miniature with that RoPE style must follow the reference too, and differ from
     * the interleaved one.
     */
    @org.junit.jupiter.api.Test
    void llamaWithNeoxRopeMatchesTheReference() {
        ModelConfig c = KnownModel.LLAMA32_1B.miniature();
        ModelConfig neox = new ModelConfig(c.architecture(), c.architectureName(), c.contextLength(), c.embeddingLength(),
                c.blockCount(), c.feedForwardLength(), c.headCount(), c.headCountKv(), c.headDim(), c.valueDim(), c.normEps(),
                c.norm(), c.activation(), ModelConfig.RopeStyle.NEOX, c.ropeDimensions(), c.ropeFreqBase(),
                c.ropeFreqBaseLocal(), c.ropeScalingFactor(), c.slidingWindow(), c.slidingWindowPattern(), c.vocabSize(),
                c.tiedEmbeddings(), c.finalLogitSoftcap());
        SyntheticCheckpoint source = SyntheticCheckpoint.of(neox, 20261123L);
        double[] expected = new ReferenceForward(source, false).lastLogits(TOKENS);
        float[] actual = lastLogits(load(source, WeightFormat.F32), TOKENS, TOKENS.length);
        assertClose(expected, actual, 1e-4, "Llama NEOX F32");
        float[] interleaved = lastLogits(load(miniature(KnownModel.LLAMA32_1B), WeightFormat.F32), TOKENS, TOKENS.length);
        assertTrue(maxDifference(expected, interleaved) > 100 * maxDifference(expected, actual),
                "the RoPE style must matter");
    }

    /**
     * BitNet in TERNARY is BitLinear (W1.58A8): the reference quantizes each token's input as FORMATS.md §1.2 says.
     * The head stays float32 here ({@code head=F32}), as the reference's does.
     * An activation that lands within float rounding of a rounding boundary may round the other way in one of the
     * two, moving one int8 value by 1 in 127, hence the looser 2e-3.
     */
    @org.junit.jupiter.api.Test
    void bitnetTernaryIsBitLinear() {
        SyntheticCheckpoint source = miniature(KnownModel.BITNET_2B4T);
        double[] expected = new ReferenceForward(source, true).lastLogits(TOKENS);
        Transformer ternary = Models.load(source, QuantizationPlan.parse("TERNARY,head=F32"), LoadOptions.of(2));
        float[] actual = lastLogits(ternary, TOKENS, TOKENS.length);
        assertClose(expected, actual, 2e-3, "BitNet TERNARY");
        double[] unquantized = new ReferenceForward(source, false).lastLogits(TOKENS);
        assertTrue(maxDifference(unquantized, actual) > 10 * maxDifference(expected, actual),
                "int8 activations must make a difference the reference with them explains");
    }

    /**
     * Tolerance of batched prefill against token-by-token decoding: zero. Every step computes each token with the
     * same code whatever the batch (the kernels, attention and element-wise steps all work token by token), so the
     * scores are equal bit for bit, in every format, with prefill chunks of any size.
     */
    @ParameterizedTest
    @MethodSource("everyModelInEveryFormat")
    void batchedPrefillEqualsTokenByToken(KnownModel model, String format) {
        Transformer m = load(miniature(model), QuantizationPlan.parse(format));
        float[] whole = lastLogits(m, TOKENS, TOKENS.length);
        float[] chunked = lastLogits(m, TOKENS, 5);
        float[] oneByOne = lastLogits(m, TOKENS, 1);
        assertArrayEquals(oneByOne, whole, model + " " + format + ": prefill in one batch");
        assertArrayEquals(oneByOne, chunked, model + " " + format + ": prefill in chunks of 5");
        for (float v : whole) {
            assertTrue(Float.isFinite(v), model + " " + format + " gave a score of " + v);
        }
    }

    /** Every model generates in every format: finite scores, tokens inside the vocabulary, the same text for the same seed. */
    @ParameterizedTest
    @MethodSource("everyModelInEveryFormat")
    void generatesInEveryFormat(KnownModel model, String format) {
        Transformer m = load(miniature(model), QuantizationPlan.parse(format));
        if (format.equals(MIXED_PLAN)) {
            assertEquals(EnumSet.allOf(WeightFormat.class), m.weightBytes().keySet(),
                    model + ": the mixed plan stores layers in every format");
        }
        Generator.Result first = generate(m, 7);
        Generator.Result again = generate(m, 7);
        assertEquals(20, first.generated().length, model + " " + format);
        assertArrayEquals(first.generated(), again.generated(), "the seed fixes the text");
        for (int id : first.generated()) {
            assertTrue(id >= 0 && id < m.vocabSize());
        }
    }

    private static Generator.Result generate(Transformer m, long seed) {
        RunState s = m.newState(40, 8, 2);
        return Generator.generate(m, s, pool, new int[] {1, 300, 42}, 20, new Sampler(0.8f, seed, m.vocabSize()),
                new int[0], id -> { });
    }

    /** Prefills {@code tokens} in chunks of {@code chunk} (the state's batch) and returns the last scores. */
    static float[] lastLogits(Transformer m, int[] tokens, int chunk) {
        return lastLogits(m, tokens, chunk, pool);
    }

    static float[] lastLogits(Transformer m, int[] tokens, int chunk, KernelPool pool) {
        RunState s = m.newState(Math.max(32, tokens.length), chunk, pool.threads());
        float[] logits = m.forward(s, tokens, 0, tokens.length, pool);
        return logits.clone();
    }

    static void assertClose(double[] expected, float[] actual, double relative, String what) {
        double range = 0;
        for (double v : expected) {
            range = Math.max(range, Math.abs(v));
        }
        double worst = maxDifference(expected, actual);
        assertTrue(worst <= relative * range, what + ": largest difference " + worst + " against scores up to " + range);
    }

    static double maxDifference(double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        return worst;
    }
}
