package io.quantbench.engine.model;

import io.quantbench.engine.format.WeightFormat;
import io.quantbench.engine.kernel.KernelPool;
import io.quantbench.engine.kernel.Simd;
import io.quantbench.engine.synth.KnownModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "No waste": a decode step allocates nothing (on the calling thread and the kernel pool's workers), and the KV
 * cache is sized once.
 *
 * <p>The allocation check runs each model in a JVM of its own ({@link DecodeAllocationProbe}), as a real process
 * runs one model: in a test JVM that has run every family, call sites the JIT sees with many receiver types stop
 * inlining, and the Vector API then boxes vectors, which says nothing about a real run. On JDK 17 the TERNARY
 * lookup-table kernel itself allocates (about 1.9 KB per product, boxing that JDK 21+ compiles away: a kernel
 * limitation, not the model's), so there the TERNARY case runs the multiply kernel; JMH's {@code -prof gc} on
 * {@code DecodeBenchmark} covers the lookup-table kernel on JDK 25. The probe compiles in the foreground
 * ({@code -Xbatch}), so what the JIT inlines does not depend on how busy the machine is.
 */
class DecodeAllocationTest {

    @ParameterizedTest
    @CsvSource({"llama3.2-1b,F32", "llama3.2-1b,INT8", "llama3.2-1b,INT4", "bitnet-2b4t,TERNARY", "gemma3-1b,INT8",
        "distilgpt2,INT8"})
    void decodeStepsAllocateNothing(String model, String format) throws IOException, InterruptedException {
        boolean lutBoxes = WeightFormat.parse(format) == WeightFormat.TERNARY && Runtime.version().feature() < 21;
        String kernel = lutBoxes ? "vector-" + Simd.bits() : "vector";
        // A JIT that gives up on a method (too many recompilations) leaves it interpreted, and the interpreter boxes
        // every vector; that is luck of one JVM, so a second JVM gets a chance. Code that allocates fails both.
        String result = probe(model, format, kernel);
        if (!result.startsWith("allocated 0 ")) {
            result = probe(model, format, kernel);
        }
        assertTrue(result.startsWith("allocated 0 "), model + " " + format + " (" + kernel + "): " + result);
    }

    private static String probe(String model, String format, String kernel) throws IOException, InterruptedException {
        List<String> command = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-D" + Simd.PROPERTY + "=" + Simd.bits(), "-Xmx512m", "-Xbatch",
                "-cp", System.getProperty("java.class.path"), DecodeAllocationProbe.class.getName(), model, format, kernel);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "probe did not finish");
        assertEquals(0, process.exitValue(), output);
        return output.lines().filter(l -> l.startsWith("allocated ")).findFirst().orElse(output);
    }

    @ParameterizedTest
    @EnumSource(KnownModel.class)
    void theKvCacheIsSizedOnceAndAFullOneIsAnError(KnownModel model) {
        Transformer m = ModelForwardTest.load(ModelForwardTest.miniature(model), WeightFormat.F32);
        try (KernelPool pool = new KernelPool(1)) {
            RunState s = m.newState(6, 4, 1);
            long bytes = s.kvCacheBytes();
            io.quantbench.engine.io.ModelConfig c = m.config();
            assertEquals(2L * 4 * 6 * c.blockCount() * c.headCountKv() * c.headDim(), bytes,
                    "keys and values, float32, 6 positions, every layer");
            m.forward(s, new int[] {1, 2, 3, 4, 5, 6}, 0, 6, pool);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.forward(s, new int[] {7}, 0, 1, pool));
            assertTrue(e.getMessage().contains("do not fit a sequence of 6 positions"), e.getMessage());
            assertEquals(bytes, s.kvCacheBytes());
        }
    }
}
