package io.quantbench.jmh.reproduce;

import io.quantbench.engine.synth.KnownModel;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.Options;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the reproduction asks JMH to run, checked without running it. */
class JmhRunTest {

    static ReproduceSettings settings() {
        return new ReproduceSettings(Paths.get("out"), 4, 1, 2, "300ms", 2, 42, 5, false, List.of(), null, null,
                "distilgpt2", "gemma3-4b", 1, 8, 3, System.out);
    }

    @Test
    void theCommandLineSettingsBenchmarkAndParamsReachJmh() {
        String plan = "INT4,blk.0-1=F32,blk.2=INT8,head=INT8";
        Path json = Paths.get("out", "A", "jmh.json");
        Options o = new JmhRun("DecodeBenchmark", "decodeStep", "2g").param("model", "distilgpt2")
                .param("format", List.of("F32", plan)).options(settings(), json);
        assertEquals(List.of("^io\\.quantbench\\.jmh\\.DecodeBenchmark\\.decodeStep$"), o.getIncludes());
        assertEquals(4, o.getForkCount().get());
        assertEquals(1, o.getWarmupIterations().get());
        assertEquals(2, o.getMeasurementIterations().get());
        assertEquals("300 ms", o.getMeasurementTime().get().toString());
        assertEquals(List.of("F32", plan), List.copyOf(o.getParameter("format").get()));
        assertTrue(o.getJvmArgsAppend().get().contains("-Xmx2g"), o.getJvmArgsAppend().get().toString());
        assertEquals(json.toString(), o.getResult().get());
        assertTrue("io.quantbench.jmh.SequenceLengthBenchmark.prefill".matches(
                new JmhRun("SequenceLengthBenchmark", null, "2g").options(settings(), json).getIncludes().get(0)));
    }

    @Test
    void heapsFitTheModelAndFormat() {
        assertEquals("2g", SpeedModels.heap(KnownModel.DISTILGPT2, "F32"));
        assertEquals("2g", SpeedModels.heap(KnownModel.DISTILGPT2, "INT4,blk.0=F32,head=INT8"));
        // Gemma 3 4B in FP32: 3.88 G weights, 15.5 GB; a tenth more and 1 GB
        assertEquals("19g", SpeedModels.heap(KnownModel.GEMMA3_4B, "F32"));
        // BitNet 2B4T ternary: about 0.52 GB of blocks and a 0.35 GB INT8 head
        assertEquals("2g", SpeedModels.heap(KnownModel.BITNET_2B4T, "TERNARY"));
    }
}
