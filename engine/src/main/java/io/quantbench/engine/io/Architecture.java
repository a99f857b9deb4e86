package io.quantbench.engine.io;

import java.util.Locale;

/** The model families quantbench runs (DESIGN.md, "Models"), and the GGUF architecture strings that name them. */
public enum Architecture {
    /** Llama family: llama2.c TinyStories, Llama 2/3 (GGUF {@code llama}). */
    LLAMA,
    /** BitNet b1.58: {@code bitnet} (mainline llama.cpp), {@code bitnet-25} and {@code bitnet-b1.58} (bitnet.cpp). */
    BITNET,
    /** Gemma 3 text models (GGUF {@code gemma3}). */
    GEMMA3,
    /** GPT-2 and DistilGPT-2 (GGUF {@code gpt2}). */
    GPT2;

    /**
     * The family of a GGUF {@code general.architecture} string.
     *
     * @throws IllegalArgumentException for an architecture quantbench does not run, listing those it does
     */
    public static Architecture fromGguf(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("llama")) {
            return LLAMA;
        }
        if (GgmlType.isBitnetArchitecture(n)) {
            return BITNET;
        }
        if (n.equals("gemma3")) {
            return GEMMA3;
        }
        if (n.equals("gpt2")) {
            return GPT2;
        }
        throw new IllegalArgumentException("architecture '" + name + "' is not one quantbench runs; it runs llama,"
                + " bitnet (bitnet-25, bitnet-b1.58), gemma3 and gpt2");
    }

    /** The GGUF {@code general.architecture} quantbench writes for this family (bitnet.cpp's name for BitNet b1.58). */
    public String ggufName() {
        switch (this) {
            case BITNET:
                return "bitnet-b1.58";
            default:
                return name().toLowerCase(Locale.ROOT);
        }
    }
}
