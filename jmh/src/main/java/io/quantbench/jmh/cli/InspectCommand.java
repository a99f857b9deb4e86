package io.quantbench.jmh.cli;

import io.quantbench.engine.io.AtomicWrite;
import io.quantbench.engine.io.Checkpoint;
import io.quantbench.engine.io.CheckpointTensor;
import io.quantbench.engine.io.FileFormatException;
import io.quantbench.engine.io.GgufFile;
import io.quantbench.engine.io.GgufValue;
import io.quantbench.engine.io.SafetensorsFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code inspect <model file> [--tensor <name> --dequantize <out.f32>]} (DESIGN.md, "Command line"): what a
 * checkpoint holds (format, model config, metadata, tensors with types, shapes and sizes), or one tensor's
 * values written as little-endian float32.
 *
 * <p>A file that is readable but not a model quantbench runs (another architecture, a safetensors file
 * without config.json) is still listed, with the reason it cannot be loaded as a model.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Metadata, tensors, types and sizes of a GGUF, safetensors or llama2.c checkpoint;"
                + " with --tensor and --dequantize, one tensor's values as little-endian float32.")
public final class InspectCommand implements Callable<Integer> {

    /** Array values show this many elements. */
    private static final int SHOWN_ELEMENTS = 8;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<model file>",
            description = "A .gguf file, a llama2.c .bin, a .safetensors file, or a Hugging Face checkpoint folder.")
    Path model;

    @Option(names = "--tensor", paramLabel = "<name>", description = "The tensor to dequantize (its GGUF-style name or its name in the file).")
    String tensor;

    @Option(names = "--dequantize", paramLabel = "<out.f32>", description = "Write the tensor's values here as little-endian float32.")
    Path output;

    @Override
    public Integer call() throws IOException {
        if ((tensor == null) != (output == null)) {
            throw new Subcommands.UsageException("--tensor and --dequantize go together: --tensor <name> --dequantize <out.f32>");
        }
        if (!Files.exists(model)) {
            throw new IOException(model + ": no such file or folder");
        }
        PrintWriter out = spec.commandLine().getOut();
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.open(model);
        } catch (FileFormatException notAModel) {
            return inspectFile(out, notAModel);
        }
        try (Checkpoint c = checkpoint) {
            if (tensor != null) {
                return dequantize(out, c.findTensor(tensor).orElse(null), c.tensors());
            }
            out.println("file      " + c.path());
            out.println("format    " + format(c));
            out.println("model     " + c.config().summary());
            printMetadata(out, c.metadata());
            printTensors(out, c.tensors());
        }
        out.flush();
        return 0;
    }

    private static String format(Checkpoint c) {
        switch (c.format()) {
            case GGUF:
                return ggufFormat(c.gguf().orElseThrow());
            case SAFETENSORS:
                return "safetensors (Hugging Face checkpoint)";
            default:
                return "llama2.c legacy checkpoint (version 0)";
        }
    }

    private static String ggufFormat(GgufFile g) {
        return "GGUF v" + g.version() + ", alignment " + g.alignment()
                + (g.tensors().isEmpty() ? ", no tensors" : ", data at byte " + g.dataOffset());
    }

    /** A file that opens but is not a model quantbench runs: list what it holds, and why it is not a model. */
    private int inspectFile(PrintWriter out, FileFormatException why) throws IOException {
        Checkpoint.Format format = Checkpoint.detect(model);
        if (format == Checkpoint.Format.GGUF) {
            try (GgufFile g = GgufFile.open(model)) {
                List<CheckpointTensor> tensors = g.tensors().stream().map(g::tensorData).collect(Collectors.toList());
                if (tensor != null) {
                    return dequantize(out, find(tensors), tensors);
                }
                out.println("file      " + model);
                out.println("format    " + ggufFormat(g));
                out.println("model     not loadable: " + why.getMessage());
                printMetadata(out, g.metadata());
                printTensors(out, tensors);
            }
        } else if (format == Checkpoint.Format.SAFETENSORS && !Files.isDirectory(model)) {
            try (SafetensorsFile s = SafetensorsFile.open(model)) {
                List<CheckpointTensor> tensors = s.tensors();
                if (tensor != null) {
                    return dequantize(out, find(tensors), tensors);
                }
                out.println("file      " + model);
                out.println("format    safetensors");
                out.println("model     not loadable: " + why.getMessage());
                out.println("metadata  " + s.metadata().size() + " entries");
                s.metadata().forEach((k, v) -> out.println("  " + k + " = " + v));
                printTensors(out, tensors);
            }
        } else {
            throw why;
        }
        out.flush();
        return 0;
    }

    private CheckpointTensor find(Collection<CheckpointTensor> tensors) {
        return tensors.stream().filter(t -> t.name().equals(tensor) || t.sourceName().equals(tensor)).findFirst().orElse(null);
    }

    private static void printMetadata(PrintWriter out, Map<String, GgufValue> metadata) {
        out.println("metadata  " + metadata.size() + " keys");
        int width = metadata.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, GgufValue> kv : metadata.entrySet()) {
            GgufValue v = kv.getValue();
            out.printf("  %-" + width + "s  %-14s %s%n", kv.getKey(), v.typeName(), v.display(SHOWN_ELEMENTS));
        }
    }

    private static void printTensors(PrintWriter out, Collection<CheckpointTensor> tensors) {
        long total = tensors.stream().mapToLong(CheckpointTensor::byteSize).sum();
        out.println("tensors   " + tensors.size() + ", " + total + " bytes");
        int width = tensors.stream().mapToInt(t -> t.name().length()).max().orElse(0);
        for (CheckpointTensor t : tensors) {
            String source = t.sourceName().equals(t.name()) ? "" : "  (" + t.sourceName() + ")";
            out.printf("  %-" + width + "s  %-8s %-22s %12d bytes%s%n", t.name(), t.typeName(), t.shape(), t.byteSize(), source);
        }
    }

    /** Writes every value of {@code t} as little-endian float32, a chunk of rows at a time, to a temp file renamed into place. */
    private int dequantize(PrintWriter out, CheckpointTensor t, Collection<CheckpointTensor> all) throws IOException {
        if (t == null) {
            List<String> names = new ArrayList<>();
            all.stream().limit(20).forEach(x -> names.add(x.name()));
            throw new Subcommands.UsageException("no tensor '" + tensor + "' in " + model + "; it has " + all.size() + " tensors"
                    + (names.isEmpty() ? "" : ": " + String.join(", ", names) + (all.size() > 20 ? ", ..." : "")));
        }
        if (!t.canDequantize()) {
            throw new IOException("tensor " + t.name() + " is " + t.typeName() + ", which quantbench cannot dequantize");
        }
        int rowLength = t.rowLength();
        int chunkRows = (int) Math.max(1, Math.min(t.rows(), (1 << 20) / rowLength));
        float[] values = new float[chunkRows * rowLength];
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        AtomicWrite.write(output, channel -> {
            for (long row = 0; row < t.rows(); row += chunkRows) {
                int n = (int) Math.min(chunkRows, t.rows() - row);
                t.dequantizeRows(row, n, values, 0);
                bytes.clear();
                bytes.asFloatBuffer().put(values, 0, n * rowLength);
                bytes.limit(n * rowLength * 4);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }
        });
        out.println("wrote " + t.elements() + " float32 values of " + t.name() + " (" + t.typeName() + " " + t.shape() + ") to " + output);
        out.flush();
        return 0;
    }
}
