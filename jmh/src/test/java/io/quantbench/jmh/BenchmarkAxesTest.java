package io.quantbench.jmh;

import io.quantbench.engine.synth.KnownModel;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * JMH needs {@code @Param} values as literals, so the benchmarks repeat what {@link KnownModel} says; these tests
 * keep the two equal, which makes KnownModel the one table the axes come from.
 */
class BenchmarkAxesTest {

    private static List<String> param(Class<?> benchmark, String field) throws NoSuchFieldException {
        return List.of(benchmark.getField(field).getAnnotation(Param.class).value());
    }

    @Test
    void matMulShapesAreEveryDistinctLayerShapeInTheTablesOrder() throws Exception {
        assertEquals(List.copyOf(KnownModel.distinctShapes().keySet()), param(MatMulBenchmark.class, "shape"));
    }

    @Test
    void activationWidthsAreEveryDistinctLayerInputWidth() throws Exception {
        TreeSet<Integer> widths = KnownModel.distinctShapes().values().stream().map(l -> l.cols)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(widths.stream().map(String::valueOf).collect(Collectors.toList()), param(ActivationQuantBenchmark.class, "cols"));
    }

    @Test
    void attentionModelsAreTheKnownModels() throws Exception {
        assertEquals(Arrays.stream(KnownModel.values()).map(m -> m.id).collect(Collectors.toList()),
                param(AttentionBenchmark.class, "model"));
    }

    @Test
    void tokensAndContextLengthsAreTheIssuesAxes() throws Exception {
        assertEquals(List.of("1", "8", "32", "128"), param(MatMulBenchmark.class, "tokens"));
        assertEquals(List.of("10", "20", "50", "100", "200", "500", "1000"), param(AttentionBenchmark.class, "seqLen"));
    }
}
