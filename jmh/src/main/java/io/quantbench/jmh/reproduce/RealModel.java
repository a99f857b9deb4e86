package io.quantbench.jmh.reproduce;

import io.quantbench.engine.io.Checkpoint;
import io.quantbench.engine.io.GgufKeys;
import io.quantbench.engine.kernel.KernelPool;
import io.quantbench.engine.model.Generator;
import io.quantbench.engine.model.ModelSource;
import io.quantbench.engine.model.Sampler;
import io.quantbench.engine.model.Transformer;
import io.quantbench.engine.tokenizer.Tokenizer;
import io.quantbench.engine.tokenizer.Tokenizers;
import io.quantbench.engine.tokenizer.Vocabulary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained checkpoint and its tokenizer, for the quality measurements (study A's stories260K, or a file given with
 * {@code --model}), and greedy text generation from a prompt with it.
 */
final class RealModel implements AutoCloseable {

    private final Checkpoint checkpoint;
    private final Tokenizer tokenizer;

    private RealModel(Checkpoint checkpoint, Tokenizer tokenizer) {
        this.checkpoint = checkpoint;
        this.tokenizer = tokenizer;
    }

    /**
     * Opens {@code model} with {@code tokenizerFile}, or, when that is null, the tokenizer the GGUF file holds.
     *
     * @throws IllegalArgumentException when there is no tokenizer or it does not fit the model
     */
    static RealModel open(Path model, Path tokenizerFile) throws IOException {
        Checkpoint checkpoint = Checkpoint.open(model);
        try {
            Tokenizer tokenizer;
            if (tokenizerFile != null) {
                tokenizer = Tokenizers.open(tokenizerFile);
            } else if (checkpoint.gguf().isPresent() && checkpoint.gguf().get().metadata().containsKey(GgufKeys.TOKENIZER_MODEL)) {
                tokenizer = Tokenizers.fromGguf(checkpoint.gguf().get());
            } else {
                throw new IllegalArgumentException(model + " holds no tokenizer: pass --tokenizer <file> (for a llama2.c"
                        + " model, its tokenizer .bin)");
            }
            if (tokenizer.vocabulary().size() > checkpoint.config().vocabSize()) {
                throw new IllegalArgumentException("the tokenizer has " + tokenizer.vocabulary().size() + " tokens but "
                        + model + " only " + checkpoint.config().vocabSize() + ": they do not belong together");
            }
            return new RealModel(checkpoint, tokenizer);
        } catch (IOException | RuntimeException e) {
            checkpoint.close();
            throw e;
        }
    }

    ModelSource source() {
        return ModelSource.of(checkpoint);
    }

    Tokenizer tokenizer() {
        return tokenizer;
    }

    /** The file name, for the report. */
    String name() {
        return checkpoint.path().getFileName().toString();
    }

    /** The token a text starts with: BOS, or GPT-2's end-of-text when there is no BOS. */
    int start() {
        Vocabulary v = tokenizer.vocabulary();
        return v.bos() != Vocabulary.NONE ? v.bos() : v.eos();
    }

    /**
     * Up to {@code tokens} greedy tokens after {@code prompt} (which gets the start token in front unless
     * {@code special}: a chat template that spells its own), stopping at EOS or end of turn, as text.
     */
    String complete(Transformer model, String prompt, boolean special, int tokens, KernelPool pool) {
        int[] ids = tokenizer.encode(prompt, !special && tokenizer.vocabulary().bos() != Vocabulary.NONE, special);
        if (ids.length == 0) {
            ids = new int[] {start()};
        }
        int capacity = Math.min(model.config().contextLength(), ids.length + tokens);
        if (ids.length >= capacity) {
            throw new IllegalArgumentException("a prompt of " + ids.length + " tokens leaves no room in the context of "
                    + model.config().contextLength());
        }
        int[] generated = Generator.generate(model, model.newState(capacity, Math.min(ids.length, 256), pool.threads()), pool,
                ids, tokens, new Sampler(0, 0, tokenizer.vocabulary().size()), stopTokens(), id -> { }).generated();
        return tokenizer.decode(generated, false);
    }

    private int[] stopTokens() {
        Vocabulary v = tokenizer.vocabulary();
        List<Integer> stop = new ArrayList<>();
        for (int id : new int[] {v.eos(), v.eot()}) {
            if (id != Vocabulary.NONE) {
                stop.add(id);
            }
        }
        return stop.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The shared data file {@code relative} (e.g. {@code tinyllama-llama2c/stories260K.bin}) under {@code dataDir}. */
    static Path dataFile(Path dataDir, String relative) {
        if (dataDir == null) {
            throw new IllegalArgumentException("no shared data folder found for " + relative + ": give --data <dir> (the"
                    + " folder with PROVENANCE.md) or set QUANTBENCH_DATA");
        }
        Path file = dataDir.resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("data file " + file + " not found; point --data at the shared data folder"
                    + " (the one with PROVENANCE.md) or set QUANTBENCH_DATA");
        }
        return file;
    }

    @Override
    public void close() {
        checkpoint.close();
    }
}
