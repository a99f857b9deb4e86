package io.quantbench.engine.io;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Hugging Face checkpoint as a {@link Checkpoint}: {@code config.json} plus one or more safetensors files
 * (one {@code model.safetensors}, the shards a {@code model.safetensors.index.json} lists, or the file given).
 * Models: {@code bitnet} (BitNet b1.58, bf16 or the packed uint8 + weight_scale layout), {@code llama} and
 * {@code gpt2} (DistilGPT-2). Tensors are renamed to llama.cpp's GGUF names; GPT-2's Conv1D weights are
 * presented transposed; each packed BitNet weight and its {@code weight_scale} become one ternary tensor.
 *
 * <p>HF Llama-layout weights are not permuted for interleaved RoPE as llama.cpp's converter does for
 * {@code llama}; the config says {@link ModelConfig.RopeStyle#NEOX} instead, which is what they are.
 */
public final class HfCheckpoints {

    /** HF name (after the {@code model.} / {@code transformer.} prefix) to GGUF name; null means skip the tensor. */
    private static final Map<Pattern, String> LLAMA_NAMES = new LinkedHashMap<>();
    private static final Map<Pattern, String> GPT2_NAMES = new LinkedHashMap<>();
    /** GPT-2's Conv1D weights, stored [in, out]. */
    private static final Pattern GPT2_CONV1D = Pattern.compile("h\\.\\d+\\.(attn\\.c_attn|attn\\.c_proj|mlp\\.c_fc|mlp\\.c_proj)\\.weight");

    static {
        name(LLAMA_NAMES, "embed_tokens\\.weight", "token_embd.weight");
        name(LLAMA_NAMES, "norm\\.weight", "output_norm.weight");
        name(LLAMA_NAMES, "lm_head\\.weight", "output.weight");
        name(LLAMA_NAMES, "layers\\.(\\d+)\\.input_layernorm\\.weight", "blk.$1.attn_norm.weight");
        name(LLAMA_NAMES, "layers\\.(\\d+)\\.self_attn\\.q_proj\\.weight", "blk.$1.attn_q.weight");
        name(LLAMA_NAMES, "layers\\.(\\d+)\\.self_attn\\.k_proj\\.weight", "blk.$1.attn_k.weight");
        name(LLAMA_NAMES, "layers\\.(\\d+)\\.self_attn\\.v_proj\\.weight", "blk.$1.attn_v.weight");
        name(LLAMA_NAMES, "layers\\.(\\d+)\\.self_attn\\.o_proj\\.weight", "blk.$1.attn_output.weight");
        name(LLAMA_NAMES, "layers\\.(\\d+)\\.self_attn\\.attn_sub_norm\\.weight", "blk.$1.attn_sub_norm.weight");
        name(LLAMA_NAMES, "layers\\.(\\d+)\\.post_attention_layernorm\\.weight", "blk.$1.ffn_norm.weight");
        name(LLAMA_NAMES, "layers\\.(\\d+)\\.mlp\\.gate_proj\\.weight", "blk.$1.ffn_gate.weight");
        name(LLAMA_NAMES, "layers\\.(\\d+)\\.mlp\\.up_proj\\.weight", "blk.$1.ffn_up.weight");
        name(LLAMA_NAMES, "layers\\.(\\d+)\\.mlp\\.down_proj\\.weight", "blk.$1.ffn_down.weight");
        name(LLAMA_NAMES, "layers\\.(\\d+)\\.mlp\\.ffn_sub_norm\\.weight", "blk.$1.ffn_sub_norm.weight");
        name(LLAMA_NAMES, ".*\\.weight_scale", null);                  // folded into its packed weight
        name(LLAMA_NAMES, ".*rotary_emb\\.inv_freq", null);            // recomputed from rope_theta

        name(GPT2_NAMES, "wte\\.weight", "token_embd.weight");
        name(GPT2_NAMES, "wpe\\.weight", "position_embd.weight");
        name(GPT2_NAMES, "ln_f\\.(weight|bias)", "output_norm.$1");
        name(GPT2_NAMES, "lm_head\\.weight", "output.weight");
        name(GPT2_NAMES, "h\\.(\\d+)\\.ln_1\\.(weight|bias)", "blk.$1.attn_norm.$2");
        name(GPT2_NAMES, "h\\.(\\d+)\\.attn\\.c_attn\\.(weight|bias)", "blk.$1.attn_qkv.$2");
        name(GPT2_NAMES, "h\\.(\\d+)\\.attn\\.c_proj\\.(weight|bias)", "blk.$1.attn_output.$2");
        name(GPT2_NAMES, "h\\.(\\d+)\\.ln_2\\.(weight|bias)", "blk.$1.ffn_norm.$2");
        name(GPT2_NAMES, "h\\.(\\d+)\\.mlp\\.c_fc\\.(weight|bias)", "blk.$1.ffn_up.$2");
        name(GPT2_NAMES, "h\\.(\\d+)\\.mlp\\.c_proj\\.(weight|bias)", "blk.$1.ffn_down.$2");
        name(GPT2_NAMES, "h\\.\\d+\\.attn\\.(masked_)?bias", null);    // causal-mask buffers, not weights
    }

    private static void name(Map<Pattern, String> table, String hf, String gguf) {
        table.put(Pattern.compile(hf), gguf);
    }

    private HfCheckpoints() {
    }

    /** Opens a folder, or one safetensors file with its {@code config.json} beside it. */
    static Checkpoint open(Path path) throws IOException {
        Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        Path configFile = dir.resolve("config.json");
        if (!Files.isRegularFile(configFile)) {
            throw new FileFormatException(path.toString(), "config.json", "is missing: a Hugging Face checkpoint needs"
                    + " config.json beside its safetensors files (looked in " + dir + ")");
        }
        JsonNode config = readJson(configFile);
        List<SafetensorsFile> files = new ArrayList<>();
        try {
            for (Path f : safetensorsFiles(path, dir)) {
                files.add(SafetensorsFile.open(f));
            }
            return of(path, configFile, config, files);
        } catch (IOException | RuntimeException e) {
            files.forEach(SafetensorsFile::close);
            throw e;
        }
    }

    private static JsonNode readJson(Path file) throws IOException {
        long size = Files.size(file);
        if (size > SafetensorsFile.MAX_HEADER_BYTES) {
            throw new FileFormatException(file.toString(), 0, "is " + size + " bytes; a JSON file this large is not a config");
        }
        return SafetensorsFile.parse(file.toString(), Files.readAllBytes(file), 0);
    }

    /** The weights: the file given; or the shards of model.safetensors.index.json; or model.safetensors; or every *.safetensors. */
    private static List<Path> safetensorsFiles(Path path, Path dir) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        Path index = dir.resolve("model.safetensors.index.json");
        if (Files.isRegularFile(index)) {
            JsonNode map = readJson(index).get("weight_map");
            if (map == null || !map.isObject()) {
                throw new FileFormatException(index.toString(), "weight_map", "is missing or not an object");
            }
            Set<Path> shards = new LinkedHashSet<>();
            for (Iterator<JsonNode> it = map.elements(); it.hasNext(); ) {
                String shard = it.next().asText();
                Path p = dir.resolve(shard).normalize();
                if (!p.startsWith(dir.normalize()) || !Files.isRegularFile(p)) {
                    throw new FileFormatException(index.toString(), "weight_map", "names shard '" + shard + "', which is not a file in " + dir);
                }
                shards.add(p);
            }
            return new ArrayList<>(shards);
        }
        Path single = dir.resolve("model.safetensors");
        if (Files.isRegularFile(single)) {
            return List.of(single);
        }
        try (Stream<Path> list = Files.list(dir)) {
            List<Path> all = list.filter(p -> p.getFileName().toString().endsWith(".safetensors")).sorted().collect(java.util.stream.Collectors.toList());
            if (all.isEmpty()) {
                throw new FileFormatException(dir.toString(), "safetensors files", "none in this folder");
            }
            return all;
        }
    }

    static Checkpoint of(Path path, Path configFile, JsonNode json, List<SafetensorsFile> files) throws FileFormatException {
        String where = configFile.toString();
        String modelType = text(where, json, "model_type");
        Architecture family;
        switch (modelType.toLowerCase(Locale.ROOT)) {
            case "bitnet":
                family = Architecture.BITNET;
                break;
            case "llama":
                family = Architecture.LLAMA;
                break;
            case "gpt2":
                family = Architecture.GPT2;
                break;
            default:
                throw new FileFormatException(where, "model_type", "is '" + modelType + "'; quantbench reads Hugging Face bitnet,"
                        + " llama and gpt2 checkpoints (Gemma 3: use a GGUF file)");
        }
        boolean gpt2 = family == Architecture.GPT2;
        List<CheckpointTensor> tensors = tensors(family, files);
        boolean tied = tensors.stream().noneMatch(t -> t.name().equals("output.weight"));
        ModelConfig config;
        try {
            config = gpt2 ? gpt2Config(where, json, tied) : llamaConfig(where, json, family, modelType, tied);
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(where, "model config", e.getMessage());
        }
        Map<String, GgufValue> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            metadata.put("config." + f.getKey(), jsonValue(f.getValue()));
        }
        for (SafetensorsFile f : files) {
            f.metadata().forEach((k, v) -> metadata.put("safetensors." + k, GgufValue.string(v)));
        }
        TensorShapes.check(path.toString(), config, tensors);
        List<Closeable> resources = new ArrayList<>(files);
        return new Checkpoint(path, Checkpoint.Format.SAFETENSORS, config, metadata, tensors, resources, null);
    }

    private static ModelConfig llamaConfig(String where, JsonNode j, Architecture family, String modelType, boolean tied)
            throws FileFormatException {
        int embd = integer(where, j, "hidden_size", null);
        int blocks = integer(where, j, "num_hidden_layers", null);
        int heads = integer(where, j, "num_attention_heads", null);
        int headsKv = integer(where, j, "num_key_value_heads", heads);
        int headDim = integer(where, j, "head_dim", heads > 0 ? embd / heads : 0);
        String act = j.has("hidden_act") ? j.get("hidden_act").asText() : "silu";
        ModelConfig.Activation activation;
        switch (act) {
            case "relu2":
                activation = ModelConfig.Activation.RELU_SQUARED;
                break;
            case "silu":
                activation = ModelConfig.Activation.SILU;
                break;
            default:
                throw new FileFormatException(where, "hidden_act", "is '" + act + "'; expected silu or relu2");
        }
        float theta = number(where, j, "rope_theta", 10000f);
        float factor = 1f;
        JsonNode scaling = j.get("rope_scaling");
        if (scaling != null && !scaling.isNull()) {
            String type = scaling.has("rope_type") ? scaling.get("rope_type").asText() : scaling.path("type").asText();
            if (!type.equals("linear")) {
                throw new FileFormatException(where, "rope_scaling", "is " + scaling + "; quantbench applies none or linear");
            }
            factor = number(where, scaling, "factor", 1f);
        }
        return new ModelConfig(family, modelType,
                integer(where, j, "max_position_embeddings", 2048), embd, blocks,
                integer(where, j, "intermediate_size", null), heads, headsKv, headDim, headDim,
                number(where, j, "rms_norm_eps", 1e-6f), ModelConfig.Norm.RMS_NORM, activation,
                ModelConfig.RopeStyle.NEOX, headDim, theta, theta, factor, 0, 0,
                integer(where, j, "vocab_size", null), tied, 0f);
    }

    private static ModelConfig gpt2Config(String where, JsonNode j, boolean tied) throws FileFormatException {
        int embd = integer(where, j, "n_embd", null);
        int heads = integer(where, j, "n_head", null);
        JsonNode inner = j.get("n_inner");
        int ffn = inner == null || inner.isNull() ? 4 * embd : integer(where, j, "n_inner", null);
        int context = integer(where, j, "n_positions", j.has("n_ctx") ? integer(where, j, "n_ctx", null) : 1024);
        return new ModelConfig(Architecture.GPT2, "gpt2", context, embd, integer(where, j, "n_layer", null), ffn, heads, heads,
                embd / heads, embd / heads, number(where, j, "layer_norm_epsilon", 1e-5f), ModelConfig.Norm.LAYER_NORM,
                ModelConfig.Activation.GELU_TANH, ModelConfig.RopeStyle.NONE, 0, 10000f, 10000f, 1f, 0, 0,
                integer(where, j, "vocab_size", null), tied, 0f);
    }

    /** Every tensor of every file, renamed; packed BitNet weights joined with their scales; Conv1D weights transposed. */
    private static List<CheckpointTensor> tensors(Architecture family, List<SafetensorsFile> files) throws FileFormatException {
        boolean gpt2 = family == Architecture.GPT2;
        Map<String, SafetensorsFile.Entry> all = new LinkedHashMap<>();
        Map<String, SafetensorsFile> owner = new LinkedHashMap<>();
        for (SafetensorsFile f : files) {
            for (SafetensorsFile.Entry e : f.entries().values()) {
                if (all.put(e.name(), e) != null) {
                    throw new FileFormatException(f.name(), "tensor " + e.name(), "appears in more than one file");
                }
                owner.put(e.name(), f);
            }
        }
        List<CheckpointTensor> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (SafetensorsFile.Entry e : all.values()) {
            String local = e.name().replaceFirst(gpt2 ? "^transformer\\." : "^model\\.", "");
            String name = rename(gpt2 ? GPT2_NAMES : LLAMA_NAMES, local);
            if (name == null) {
                continue;
            }
            SafetensorsFile file = owner.get(e.name());
            CheckpointTensor t = file.tensor(e, name);
            SafetensorsFile.Entry scale = all.get(e.name() + "_scale");
            if (family == Architecture.BITNET && e.dtype() == SafetensorsFile.Dtype.U8 && scale != null) {
                t = packedTernary(name, t, owner.get(scale.name()).tensor(scale), file, e);
            } else if (gpt2 && GPT2_CONV1D.matcher(local).matches()) {
                if (t.ne().length != 2) {
                    throw new FileFormatException(file.name(), "tensor " + e.name(), "is " + t.shape() + "; a Conv1D weight is 2-D");
                }
                t = new TransposedTensor(name, t);
            }
            if (!names.add(t.name())) {
                throw new FileFormatException(file.name(), "tensor " + e.name(), "maps to " + t.name() + ", which another tensor also maps to");
            }
            out.add(t);
        }
        return out;
    }

    private static CheckpointTensor packedTernary(String name, CheckpointTensor packed, CheckpointTensor scale,
                                                  SafetensorsFile file, SafetensorsFile.Entry e) throws FileFormatException {
        if (packed.ne().length != 2) {
            throw new FileFormatException(file.name(), "tensor " + e.name(), "is packed ternary " + packed.shape() + "; expected [out/4, in]");
        }
        if (scale.elements() != 1 || !scale.canDequantize()) {
            throw new FileFormatException(file.name(), "tensor " + scale.sourceName(), "is " + scale.typeName() + " " + scale.shape()
                    + "; a weight_scale is one number");
        }
        float value = scale.dequantize()[0];
        if (!(value > 0) || !Float.isFinite(value)) {
            throw new FileFormatException(file.name(), "tensor " + scale.sourceName(), "is " + value + "; a weight_scale must be"
                    + " positive and finite");
        }
        return new HfPackedTernaryTensor(name, packed, file.source(), file.offsetOf(e), value);
    }

    private static String rename(Map<Pattern, String> table, String local) {
        for (Map.Entry<Pattern, String> row : table.entrySet()) {
            Matcher m = row.getKey().matcher(local);
            if (m.matches()) {
                return row.getValue() == null ? null : m.replaceFirst(row.getValue());
            }
        }
        return local;                                   // not a known weight: kept under its own name
    }

    private static String text(String where, JsonNode j, String field) throws FileFormatException {
        JsonNode n = j.get(field);
        if (n == null || !n.isTextual()) {
            throw new FileFormatException(where, field, n == null ? "is missing" : "is " + n + ", expected a string");
        }
        return n.asText();
    }

    private static int integer(String where, JsonNode j, String field, Integer fallback) throws FileFormatException {
        JsonNode n = j.get(field);
        if (n == null || n.isNull()) {
            if (fallback == null) {
                throw new FileFormatException(where, field, "is missing");
            }
            return fallback;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber()) {
            throw new FileFormatException(where, field, "is " + n + ", expected an integer");
        }
        return n.asInt();
    }

    private static float number(String where, JsonNode j, String field, float fallback) throws FileFormatException {
        JsonNode n = j.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isNumber()) {
            throw new FileFormatException(where, field, "is " + n + ", expected a number");
        }
        return (float) n.asDouble();
    }

    private static GgufValue jsonValue(JsonNode n) {
        if (n.isTextual()) {
            return GgufValue.string(n.asText());
        }
        if (n.isBoolean()) {
            return GgufValue.bool(n.asBoolean());
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return GgufValue.ofInteger(GgufValueType.INT64, n.asLong());
        }
        if (n.isNumber()) {
            return GgufValue.f64(n.asDouble());
        }
        return GgufValue.string(n.toString());
    }
}
