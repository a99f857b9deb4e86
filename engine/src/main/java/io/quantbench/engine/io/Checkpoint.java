package io.quantbench.engine.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model checkpoint, whatever file holds it: its {@link ModelConfig} and its named tensors.
 *
 * <p>Tensor names follow llama.cpp's GGUF scheme in every format ({@code token_embd.weight},
 * {@code blk.0.attn_q.weight}, ...), so the engine looks up one set of names; {@link CheckpointTensor#sourceName()}
 * keeps the file's own. Shapes are in ggml order ({@link CheckpointTensor#ne()}). The files are memory-mapped
 * and tensors are decoded only when asked, so opening a multi-GB model is fast and costs no heap.
 *
 * <p>Formats ({@link #open} tells them apart by content): GGUF ({@link GgufCheckpoints}), a Hugging Face
 * folder of {@code config.json} and safetensors files ({@link HfCheckpoints}), and llama2.c's legacy
 * {@code .bin} ({@link Llama2cCheckpoints}). Opening checks every tensor against the file's length and the
 * shapes the config implies ({@link TensorShapes}).
 */
public final class Checkpoint implements Closeable {

    /** The file formats. */
    public enum Format {
        GGUF,
        SAFETENSORS,
        LLAMA2C
    }

    private final Path path;
    private final Format format;
    private final ModelConfig config;
    private final Map<String, GgufValue> metadata;
    private final Map<String, CheckpointTensor> tensors;
    private final List<? extends Closeable> resources;
    private final GgufFile gguf;

    Checkpoint(Path path, Format format, ModelConfig config, Map<String, GgufValue> metadata,
               Collection<? extends CheckpointTensor> tensors, List<? extends Closeable> resources, GgufFile gguf) {
        this.path = path;
        this.format = format;
        this.config = config;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        Map<String, CheckpointTensor> byName = new LinkedHashMap<>();
        for (CheckpointTensor t : tensors) {
            byName.put(t.name(), t);
        }
        this.tensors = Collections.unmodifiableMap(byName);
        this.resources = resources;
        this.gguf = gguf;
    }

    /** Opens a GGUF file, a llama2.c {@code .bin}, a {@code .safetensors} file or a folder holding a Hugging Face checkpoint. */
    public static Checkpoint open(Path path) throws IOException {
        switch (detect(path)) {
            case GGUF:
                return GgufCheckpoints.open(path);
            case SAFETENSORS:
                return HfCheckpoints.open(path);
            default:
                return Llama2cCheckpoints.open(path);
        }
    }

    /**
     * The format of {@code path}: a folder or a file whose first 8 bytes are a little-endian header length
     * followed by '{' is safetensors; the magic {@code GGUF} is GGUF; anything else is taken as llama2.c.
     */
    public static Format detect(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return Format.SAFETENSORS;
        }
        byte[] head = new byte[9];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 4 && head[0] == 'G' && head[1] == 'G' && head[2] == 'U' && head[3] == 'F') {
            return Format.GGUF;
        }
        if (n == 9 && head[8] == '{') {
            return Format.SAFETENSORS;
        }
        return Format.LLAMA2C;
    }

    /** The file or folder opened. */
    public Path path() {
        return path;
    }

    public Format format() {
        return format;
    }

    public ModelConfig config() {
        return config;
    }

    /**
     * Everything the file says besides its tensors, for display and conversion: every GGUF key; a Hugging Face
     * checkpoint's {@code config.json} entries (as {@code config.<key>}) and safetensors {@code __metadata__};
     * the fields of a llama2.c header.
     */
    public Map<String, GgufValue> metadata() {
        return metadata;
    }

    /** Every tensor, in file order. */
    public Collection<CheckpointTensor> tensors() {
        return tensors.values();
    }

    public Optional<CheckpointTensor> tensor(String name) {
        return Optional.ofNullable(tensors.get(name));
    }

    /** The tensor called {@code name} here or in the file ({@link CheckpointTensor#sourceName()}). */
    public Optional<CheckpointTensor> findTensor(String name) {
        CheckpointTensor t = tensors.get(name);
        if (t != null) {
            return Optional.of(t);
        }
        return tensors.values().stream().filter(x -> x.sourceName().equals(name)).findFirst();
    }

    /** The tensor called {@code name}, which the model needs. */
    public CheckpointTensor require(String name) throws FileFormatException {
        CheckpointTensor t = tensors.get(name);
        if (t == null) {
            throw new FileFormatException(path.toString(), "tensor " + name, "is missing; a " + config.architectureName()
                    + " model needs it");
        }
        return t;
    }

    /** The underlying GGUF file, for a GGUF checkpoint (its tokenizer keys, its raw tensor infos). */
    public Optional<GgufFile> gguf() {
        return Optional.ofNullable(gguf);
    }

    @Override
    public void close() {
        for (Closeable c : resources) {
            try {
                c.close();
            } catch (IOException ignored) {
                // mappings: nothing to report
            }
        }
    }

    static List<Closeable> resources(Closeable... cs) {
        return new ArrayList<>(List.of(cs));
    }
}
