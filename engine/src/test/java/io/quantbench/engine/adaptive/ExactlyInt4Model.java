package io.quantbench.engine.adaptive;

import io.quantbench.engine.EditedTensor;
import io.quantbench.engine.io.CheckpointTensor;
import io.quantbench.engine.io.ModelConfig;
import io.quantbench.engine.model.ModelSource;
import io.quantbench.engine.synth.KnownModel;
import io.quantbench.engine.synth.SyntheticCheckpoint;

import java.util.Optional;

/**
 * A miniature Llama (2 blocks of 7 linear layers, {@link KnownModel#miniature()}) whose answer to "which layer matters
 * most in INT4?" is known: every block linear is rounded to values INT4 stores exactly (multiples of 2^-5 from -8 to
 * 7 per block of 32, with -8 in each block so that its scale is exactly 2^-5), except one layer, {@link #SENSITIVE},
 * which keeps its Gaussian weights. Quantizing any other layer to INT4 changes only how its activations are rounded
 * to int8; quantizing the sensitive one also loses about a tenth of its weights' magnitude.
 */
final class ExactlyInt4Model implements ModelSource {

    static final String SENSITIVE = "blk.0.ffn_down";
    /** About a third of the weights' spread of 1/sqrt(128), so that few are clamped at 7 steps. */
    private static final float STEP = 1f / 32;

    private final SyntheticCheckpoint inner = SyntheticCheckpoint.of(KnownModel.LLAMA32_1B.miniature(), 11);

    @Override
    public String name() {
        return "exactly-int4 miniature";
    }

    @Override
    public ModelConfig config() {
        return inner.config();
    }

    @Override
    public Optional<CheckpointTensor> tensor(String name) {
        Optional<CheckpointTensor> t = inner.tensor(name);
        if (t.isEmpty() || !name.startsWith("blk.") || t.get().ne().length != 2 || name.equals(SENSITIVE + ".weight")) {
            return t;
        }
        return Optional.of(rounded(t.get()));
    }

    /** {@code t}'s values rounded onto INT4's grid of step 2^-5, -8 steps in the first column of every block of 32. */
    private static CheckpointTensor rounded(CheckpointTensor t) {
        int cols = t.rowLength();
        return new EditedTensor(t, (firstRow, rowCount, out, offset) -> {
            for (int i = 0; i < rowCount * cols; i++) {
                int q = i % cols % 32 == 0 ? -8 : Math.max(-7, Math.min(7, Math.round(out[offset + i] / STEP)));
                out[offset + i] = q * STEP;
            }
        });
    }
}
