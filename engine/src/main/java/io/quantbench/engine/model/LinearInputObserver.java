package io.quantbench.engine.model;

/**
 * Sees the input of each linear layer during a forward pass ({@link RunState#observeLinearInputs}): what calibration
 * needs to weight a layer's quantization error by the activations it really multiplies.
 */
@FunctionalInterface
public interface LinearInputObserver {

    /**
     * {@code n} tokens about to be multiplied by layer {@code layer} (llama.cpp's name without {@code .weight}, e.g.
     * {@code blk.3.ffn_down}; the head is {@code output} or, tied, {@code token_embd}): token {@code t}'s
     * {@code cols} values start at {@code x[t * cols]}. The array is the model's buffer: read it, do not keep it.
     */
    void input(String layer, float[] x, int n, int cols);
}
