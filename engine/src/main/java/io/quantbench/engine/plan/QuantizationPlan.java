package io.quantbench.engine.plan;

import io.quantbench.engine.format.WeightFormat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which {@link WeightFormat} each linear layer of a model is stored in: one format for all (uniform), or a
 * base format with rules for some layers (a per-layer mix).
 *
 * <p><b>Text form</b> (the {@code --format} option): a base format, then comma-separated rules
 * {@code selector=FORMAT}, later rules winning over earlier ones:
 * <pre>
 *   TERNARY                              every block linear ternary
 *   INT4,attn=INT8                       INT4, but the attention projections INT8
 *   INT4,blk.0-3=F32,ffn_down=INT8       first four blocks F32, every other FFN down projection INT8
 *   TERNARY,head=F32                     ternary blocks, float32 head
 * </pre>
 * Selectors: a layer kind ({@code attn_q attn_k attn_v attn_qkv attn_output ffn_gate ffn_up ffn_down}, llama.cpp's
 * names); {@code attn} or {@code ffn} (every attention or feed-forward linear); {@code blk.N} or {@code blk.N-M}
 * (every linear of those blocks), optionally followed by {@code .kind}, {@code .attn} or {@code .ffn}; and
 * {@code head}.
 *
 * <p><b>The head and the embedding.</b> They are not block linears, and the base format does not reach them.
 * BitNet b1.58 keeps its (tied) head out of quantization, in bf16; quantbench follows that rule: the head is
 * never stored below 8 bits by default. Under an F32 base it stays float32 (the checkpoint's values, unchanged);
 * under a quantized base it is INT8 (blocks of 32 with a float16 scale: the engine's 8-bit format, the closest it
 * has to a 16-bit float, at a quarter of float32's memory, which is what lets the 2B-parameter ternary model
 * fit a Raspberry Pi 5). {@code head=FORMAT} sets it explicitly. The token embedding is stored in the head's
 * format: a tied model has one matrix for both (the head multiplies it; a token's embedding is its dequantized
 * row), an untied one a second matrix in the same format.
 */
public final class QuantizationPlan {

    /** The kinds of block linear, llama.cpp's tensor names without {@code blk.N.} and {@code .weight}. */
    public static final List<String> KINDS = List.of("attn_q", "attn_k", "attn_v", "attn_qkv", "attn_output",
            "ffn_gate", "ffn_up", "ffn_down");

    private static final Pattern BLOCKS = Pattern.compile("blk\\.(\\d{1,6})(?:-(\\d{1,6}))?(?:\\.(\\w+))?");

    private final WeightFormat base;
    private final List<Rule> rules;
    private final WeightFormat head;

    private QuantizationPlan(WeightFormat base, List<Rule> rules, WeightFormat head) {
        this.base = base;
        this.rules = Collections.unmodifiableList(rules);
        this.head = head;
    }

    /** Every block linear in {@code format}, the head by the default policy. */
    public static QuantizationPlan uniform(WeightFormat format) {
        return new QuantizationPlan(format, List.of(), null);
    }

    /**
     * Parses the text form.
     *
     * @throws IllegalArgumentException naming the part that is wrong and listing what is valid there
     */
    public static QuantizationPlan parse(String text) {
        String[] parts = text.trim().split("\\s*,\\s*");
        if (parts[0].isEmpty() || parts[0].contains("=")) {
            throw new IllegalArgumentException("quantization plan '" + text + "' must start with a base format ("
                    + WeightFormat.names() + "), e.g. INT4,attn=INT8");
        }
        WeightFormat base = WeightFormat.parse(parts[0]);
        List<Rule> rules = new ArrayList<>();
        WeightFormat head = null;
        for (int i = 1; i < parts.length; i++) {
            String[] rule = parts[i].split("\\s*=\\s*", -1);
            if (rule.length != 2 || rule[0].isEmpty()) {
                throw new IllegalArgumentException("quantization plan '" + text + "': '" + parts[i]
                        + "' is not a rule of the form selector=FORMAT, e.g. ffn_down=INT8");
            }
            WeightFormat format;
            try {
                format = WeightFormat.parse(rule[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("quantization plan '" + text + "': " + e.getMessage());
            }
            String selector = rule[0].toLowerCase(Locale.ROOT);
            if (selector.equals("head")) {
                head = format;
            } else {
                rules.add(Rule.parse(selector, format, text));
            }
        }
        return new QuantizationPlan(base, rules, head);
    }

    /** The format of the linear {@code kind} (one of {@link #KINDS}) of block {@code block}. */
    public WeightFormat format(int block, String kind) {
        WeightFormat f = base;
        for (Rule r : rules) {
            if (r.matches(block, kind)) {
                f = r.format;
            }
        }
        return f;
    }

    /** The format of the output head and the token embedding (see the class comment for the default). */
    public WeightFormat headFormat() {
        if (head != null) {
            return head;
        }
        return base == WeightFormat.F32 ? WeightFormat.F32 : WeightFormat.INT8;
    }

    /** The format of every block linear the rules do not change. */
    public WeightFormat baseFormat() {
        return base;
    }

    /** Whether every block linear has the base format. */
    public boolean isUniform() {
        return rules.isEmpty();
    }

    /**
     * Checks that every rule selects at least one linear of a model with {@code blocks} blocks whose blocks hold the
     * linears {@code kinds}, so that a typing mistake is not silently a uniform plan.
     *
     * @throws IllegalArgumentException naming the rule that selects nothing and what the model has
     */
    public void checkAgainst(int blocks, List<String> kinds) {
        for (Rule r : rules) {
            boolean any = false;
            for (int b = 0; b < blocks && !any; b++) {
                for (String kind : kinds) {
                    any |= r.matches(b, kind);
                }
            }
            if (!any) {
                throw new IllegalArgumentException("quantization plan rule " + r + " selects no linear layer of this model,"
                        + " which has blocks 0.." + (blocks - 1) + " with " + String.join(", ", kinds));
            }
        }
    }

    /** The canonical text form, the head's format always spelled out: {@code INT4,attn=INT8,head=INT8}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(base.name());
        for (Rule r : rules) {
            b.append(',').append(r);
        }
        return b.append(",head=").append(headFormat()).toString();
    }

    /** One {@code selector=FORMAT} rule for block linears. */
    private static final class Rule {
        final String selector;
        final int firstBlock;
        final int lastBlock;
        /** A kind, {@code attn}, {@code ffn}, or null for every linear. */
        final String kinds;
        final WeightFormat format;

        Rule(String selector, int firstBlock, int lastBlock, String kinds, WeightFormat format) {
            this.selector = selector;
            this.firstBlock = firstBlock;
            this.lastBlock = lastBlock;
            this.kinds = kinds;
            this.format = format;
        }

        static Rule parse(String selector, WeightFormat format, String plan) {
            Matcher m = BLOCKS.matcher(selector);
            if (m.matches()) {
                int first = Integer.parseInt(m.group(1));
                int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
                if (last < first) {
                    throw new IllegalArgumentException("quantization plan '" + plan + "': block range " + selector
                            + " ends before it starts");
                }
                return new Rule(selector, first, last, m.group(3) == null ? null : kinds(m.group(3), selector, plan),
                        format);
            }
            return new Rule(selector, 0, Integer.MAX_VALUE, kinds(selector, selector, plan), format);
        }

        private static String kinds(String kinds, String selector, String plan) {
            if (kinds.equals("attn") || kinds.equals("ffn") || KINDS.contains(kinds)) {
                return kinds;
            }
            throw new IllegalArgumentException("quantization plan '" + plan + "': unknown selector '" + selector
                    + "'; valid selectors: head, attn, ffn, " + String.join(", ", KINDS)
                    + ", blk.N or blk.N-M optionally followed by .attn, .ffn or .<kind>");
        }

        boolean matches(int block, String kind) {
            if (block < firstBlock || block > lastBlock) {
                return false;
            }
            return kinds == null || kinds.equals(kind) || kind.startsWith(kinds + "_");
        }

        @Override
        public String toString() {
            return selector + "=" + format;
        }
    }
}
