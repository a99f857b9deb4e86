package io.quantbench.engine.io;

/** GGUF metadata key names (reference/FORMATS.md §3, §6.4). Per-architecture keys are {@code arch + suffix}. */
public final class GgufKeys {

    public static final String MAGIC = "GGUF";
    public static final String ARCHITECTURE = "general.architecture";
    public static final String ALIGNMENT = "general.alignment";
    public static final String NAME = "general.name";
    public static final String FILE_TYPE = "general.file_type";
    public static final String QUANTIZATION_VERSION = "general.quantization_version";

    public static final String CONTEXT_LENGTH = ".context_length";
    public static final String EMBEDDING_LENGTH = ".embedding_length";
    public static final String BLOCK_COUNT = ".block_count";
    public static final String FEED_FORWARD_LENGTH = ".feed_forward_length";
    public static final String HEAD_COUNT = ".attention.head_count";
    public static final String HEAD_COUNT_KV = ".attention.head_count_kv";
    public static final String KEY_LENGTH = ".attention.key_length";
    public static final String VALUE_LENGTH = ".attention.value_length";
    public static final String LAYER_NORM_EPS = ".attention.layer_norm_epsilon";
    public static final String LAYER_NORM_RMS_EPS = ".attention.layer_norm_rms_epsilon";
    public static final String SLIDING_WINDOW = ".attention.sliding_window";
    public static final String ROPE_DIMENSION_COUNT = ".rope.dimension_count";
    public static final String ROPE_FREQ_BASE = ".rope.freq_base";
    public static final String ROPE_SCALING_TYPE = ".rope.scaling.type";
    public static final String ROPE_SCALING_FACTOR = ".rope.scaling.factor";
    public static final String FINAL_LOGIT_SOFTCAPPING = ".final_logit_softcapping";
    public static final String VOCAB_SIZE = ".vocab_size";

    public static final String TOKENIZER_MODEL = "tokenizer.ggml.model";
    public static final String TOKENIZER_PRE = "tokenizer.ggml.pre";
    public static final String TOKENS = "tokenizer.ggml.tokens";
    public static final String SCORES = "tokenizer.ggml.scores";
    public static final String TOKEN_TYPE = "tokenizer.ggml.token_type";
    public static final String MERGES = "tokenizer.ggml.merges";
    public static final String BOS_ID = "tokenizer.ggml.bos_token_id";
    public static final String EOS_ID = "tokenizer.ggml.eos_token_id";
    public static final String EOT_ID = "tokenizer.ggml.eot_token_id";
    public static final String UNKNOWN_ID = "tokenizer.ggml.unknown_token_id";
    public static final String PADDING_ID = "tokenizer.ggml.padding_token_id";
    public static final String ADD_BOS = "tokenizer.ggml.add_bos_token";
    public static final String ADD_EOS = "tokenizer.ggml.add_eos_token";
    public static final String ADD_SPACE_PREFIX = "tokenizer.ggml.add_space_prefix";
    public static final String CHAT_TEMPLATE = "tokenizer.chat_template";

    private GgufKeys() {
    }
}
