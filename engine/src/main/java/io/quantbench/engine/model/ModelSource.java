package io.quantbench.engine.model;

import io.quantbench.engine.io.Checkpoint;
import io.quantbench.engine.io.CheckpointTensor;
import io.quantbench.engine.io.ModelConfig;

import java.util.Optional;

/**
 * Where a model's weights come from: a {@link Checkpoint} on disk, or a synthetic checkpoint built in memory
 * ({@code io.quantbench.engine.synth.SyntheticCheckpoint}). Tensors are named and shaped as in llama.cpp's GGUF
 * files whatever the source ({@link CheckpointTensor}).
 */
public interface ModelSource {

    /** What messages call the source: a file path, or {@code synthetic:bitnet-2b4t}. */
    String name();

    ModelConfig config();

    Optional<CheckpointTensor> tensor(String name);

    /** The tensor {@code name}, which the model needs: an error naming the source and the tensor when it is absent. */
    default CheckpointTensor require(String name) {
        return tensor(name).orElseThrow(() -> new IllegalArgumentException(name() + ": tensor " + name
                + " is missing; a " + config().architectureName() + " model needs it"));
    }

    /** A checkpoint as a source (it stays open as long as the caller keeps it open). */
    static ModelSource of(Checkpoint checkpoint) {
        return new ModelSource() {
            @Override
            public String name() {
                return checkpoint.path().toString();
            }

            @Override
            public ModelConfig config() {
                return checkpoint.config();
            }

            @Override
            public Optional<CheckpointTensor> tensor(String name) {
                return checkpoint.tensor(name);
            }
        };
    }
}
