package io.quantbench.jmh.runner;

import io.quantbench.engine.format.WeightFormat;
import io.quantbench.engine.kernel.Kernels;
import io.quantbench.engine.synth.KnownModel;
import io.quantbench.jmh.cli.Subcommands.UsageException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the benchmarks' {@code @Param} values may be, so that a wrong value on the command line or in a profile
 * is caught, with the valid values listed, before anything runs (a JMH fork would otherwise fail minutes into a
 * sweep, or quietly measure nothing). Params this class does not know pass through unchecked: a new benchmark
 * needs no change here unless its params deserve a check.
 *
 * <p>The one symbolic value is {@value #CORES} for {@code threads}: this machine's core count, so that one
 * profile asks for 1 and 2 threads on a 2-core VM and for 1 and 4 on a Raspberry Pi 5.
 */
public final class ParamDomains {

    /** A {@code threads} value that stands for {@link Runtime#availableProcessors()}. */
    public static final String CORES = "cores";

    private static final Set<String> POSITIVE_INTEGERS = Set.of("threads", "tokens", "seqLen", "cols", "streams");

    private ParamDomains() {
    }

    /** Replaces symbolic values ({@value #CORES}) by what they stand for on this machine, keeping order, dropping repeats. */
    public static List<String> expand(String param, List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            out.add(param.equals("threads") && v.trim().equalsIgnoreCase(CORES)
                    ? String.valueOf(Runtime.getRuntime().availableProcessors()) : v.trim());
        }
        return new ArrayList<>(out);
    }

    /**
     * Checks one value of {@code param}.
     *
     * @throws UsageException naming the param, the value and the valid values
     */
    public static void check(String param, String value) {
        switch (param) {
            case "format":
                try {
                    WeightFormat.parse(value);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("format=" + value + ": unknown weight format; valid formats: " + WeightFormat.names());
                }
                return;
            case "shape":
                if (!KnownModel.distinctShapes().containsKey(value)) {
                    throw new UsageException("shape=" + value + ": not a linear layer of the known models; valid shapes: "
                            + String.join(", ", KnownModel.distinctShapes().keySet()));
                }
                return;
            case "model":
                try {
                    KnownModel.byId(value);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("model=" + value + ": " + e.getMessage());
                }
                return;
            case "cold":
                if (!value.equals("true") && !value.equals("false")) {
                    throw new UsageException("cold=" + value + ": valid values: true, false");
                }
                return;
            default:
                if (POSITIVE_INTEGERS.contains(param) && !isPositiveInteger(value)) {
                    throw new UsageException(param + "=" + value + ": must be a positive integer"
                            + (param.equals("threads") ? " or '" + CORES + "'" : ""));
                }
        }
    }

    /**
     * Checks a combination that single values cannot show: a {@code kernel} name must exist for the {@code format}
     * at this JVM's vector width.
     */
    public static void checkCombination(Map<String, String> params) {
        String kernel = params.get("kernel");
        String format = params.get("format");
        if (kernel == null || format == null) {
            return;
        }
        try {
            Kernels.named(WeightFormat.parse(format), kernel);
        } catch (IllegalArgumentException e) {
            throw new UsageException("kernel=" + kernel + ": " + e.getMessage());
        }
    }

    /**
     * A value as a reader wants it in progress lines: shapes name the model layers they come from
     * ({@code 2560x6912 (bitnet-2b4t ffn_down)}), everything else is itself.
     */
    public static String describe(String param, String value) {
        if (!param.equals("shape")) {
            return value;
        }
        String layers = layers(value);
        return layers.isEmpty() ? value : value + " (" + layers + ")";
    }

    /** The model layers with this {@code MxK} shape, e.g. {@code bitnet-2b4t attn_q, bitnet-2b4t attn_output}; "" for none. */
    public static String layers(String shape) {
        return KnownModel.layersWithShape(shape).stream().map(l -> l.model.id + " " + l.layer)
                .collect(Collectors.joining(", "));
    }

    private static boolean isPositiveInteger(String value) {
        try {
            return Integer.parseInt(value) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

}
