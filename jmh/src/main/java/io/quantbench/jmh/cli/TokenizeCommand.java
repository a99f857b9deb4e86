package io.quantbench.jmh.cli;

import io.quantbench.engine.io.Utf8;
import io.quantbench.engine.tokenizer.Tokenizer;
import io.quantbench.engine.tokenizer.Tokenizers;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code tokenize --tokenizer <file> [--text <t> | --file <f>] [--bos] [--special]} (DESIGN.md, "Command line"):
 * the token ids of a text, on one line, separated by spaces. The tokenizer file may be a GGUF file (model or
 * vocabulary), Meta's LLaMA-3 tiktoken {@code tokenizer.model}, or llama2.c's {@code tokenizer.bin}. Without
 * {@code --text} or {@code --file} the text is read from standard input. As in llama.cpp's tokenizer tests,
 * there is no BOS unless {@code --bos}, and special-token text such as {@code <|endoftext|>} is plain text
 * unless {@code --special}.
 */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = "Token ids of a text, on one line, separated by spaces.")
public final class TokenizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--tokenizer", required = true, paramLabel = "<file>",
            description = "A GGUF file, a LLaMA-3 tiktoken tokenizer.model, or a llama2.c tokenizer.bin.")
    Path tokenizerFile;

    /** Where the text comes from: one of the two, or standard input. */
    static final class Input {
        @Option(names = "--text", paramLabel = "<t>", description = "The text.")
        String text;

        @Option(names = "--file", paramLabel = "<f>", description = "A UTF-8 file holding the text.")
        Path file;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Input input;

    @Option(names = "--bos", description = "Put the BOS token first.")
    boolean bos;

    @Option(names = "--special", description = "Parse special-token text (e.g. <|eot_id|>) as special tokens.")
    boolean special;

    @Override
    public Integer call() throws IOException {
        Tokenizer tokenizer = Tokenizers.open(existing(tokenizerFile));
        String text;
        if (input != null && input.text != null) {
            text = input.text;
        } else if (input != null && input.file != null) {
            text = Utf8.decode(ByteBuffer.wrap(Files.readAllBytes(existing(input.file))), input.file.toString(), 0, "the text");
        } else {
            try (InputStream stdin = System.in) {
                text = Utf8.decode(ByteBuffer.wrap(stdin.readAllBytes()), "standard input", 0, "the text");
            }
        }
        if (bos && tokenizer.vocabulary().bos() < 0) {
            throw new Subcommands.UsageException("--bos: the tokenizer in " + tokenizerFile + " has no BOS token");
        }
        int[] ids = tokenizer.encode(text, bos, special);
        spec.commandLine().getOut().println(Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(" ")));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static Path existing(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        return file;
    }
}
