package io.quantbench.jmh.cli;

import io.quantbench.engine.eval.Bleu;
import io.quantbench.engine.eval.BleuScore;
import io.quantbench.engine.eval.BleuSmoothing;
import io.quantbench.engine.eval.BleuTokenizer;
import io.quantbench.engine.eval.Meteor;
import io.quantbench.engine.eval.PythonText;
import io.quantbench.engine.eval.Rouge;
import io.quantbench.engine.eval.RougeScore;
import io.quantbench.engine.eval.TextLines;
import io.quantbench.engine.eval.WordNet;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Unmatched;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code score <metric>}: text-quality metrics over files of one segment per line (DESIGN.md, "Command
 * line"). BLEU as sacreBLEU's command line computes it, ROUGE-1/2/L as rouge-score, METEOR as NLTK; the
 * implementations are in {@code io.quantbench.engine.eval}.
 *
 * <p>Bad usage (unknown metric, tokenizer or smoothing, a missing or empty file, line counts that differ)
 * exits with 2 and a message naming the valid values or the file; an unreadable file exits with 1.
 */
@Command(name = "score",
        description = {"Scores hypotheses against references, one segment per line (UTF-8).",
                "Metrics: bleu (as sacreBLEU), rouge1, rouge2, rougeL (as rouge-score), meteor (as NLTK)."},
        subcommands = {ScoreCommand.BleuCommand.class, ScoreCommand.Rouge1Command.class, ScoreCommand.Rouge2Command.class,
                ScoreCommand.RougeLCommand.class, ScoreCommand.MeteorCommand.class})
public final class ScoreCommand implements Callable<Integer> {

    static final String METRICS = "bleu, rouge1, rouge2, rougeL, meteor";

    /** Whatever follows {@code score} when it is not a metric: reported as such instead of picocli's generic message. */
    @Unmatched
    List<String> unmatched = new ArrayList<>();

    @Mixin
    HelpOption help;

    /** {@code -h}/{@code --help} for every score command. */
    static final class HelpOption {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;
    }

    /** What every metric command takes: help, and the hypothesis file. */
    abstract static class MetricCommand implements Callable<Integer> {

        @Mixin
        HelpOption help;

        @Spec
        CommandSpec spec;

        @Option(names = "--hyp", required = true, paramLabel = "<file>", description = "Hypotheses, one per line.")
        Path hypothesisFile;
    }

    /** A metric command with one or more reference files (BLEU's reference streams, METEOR's references). */
    abstract static class MultiReferenceCommand extends MetricCommand {

        @Option(names = "--ref", required = true, arity = "1..*", paramLabel = "<file>",
                description = "Reference files, one per reference stream, each line parallel to the hypotheses.")
        List<Path> referenceFiles;
    }

    @Override
    public Integer call() {
        if (unmatched.isEmpty() || unmatched.get(0).startsWith("-")) {
            throw new Subcommands.UsageException("no metric given; valid metrics: " + METRICS);
        }
        throw new Subcommands.UsageException("unknown metric '" + unmatched.get(0) + "'; valid metrics: " + METRICS);
    }

    /** {@code score bleu}: sacreBLEU's BLEU, corpus-level unless {@code --sentence}. */
    @Command(name = "bleu",
            description = {"BLEU as sacreBLEU computes it, on its 0-100 scale.",
                    "Defaults are sacreBLEU's: corpus-level, tokenizer 13a, smoothing exp. The line printed is sacreBLEU's:"
                            + " the score, the n-gram precisions, BP, ratio, hypothesis and reference lengths. Lines are"
                            + " right-stripped as sacreBLEU reads them; an empty reference line is left out for its segment."
                            + " --sentence scores each line on its own, with effective order, as sacreBLEU's --sentence-level."})
    static final class BleuCommand extends MultiReferenceCommand {

        @Option(names = "--sentence", description = "Sentence-level BLEU of every line (implies --effective-order).")
        boolean sentence;

        @Option(names = "--tokenize", paramLabel = "<tok>", defaultValue = "13a", converter = TokenizerConverter.class,
                description = "Tokenizer: 13a (default), none, char, intl.")
        BleuTokenizer tokenizer;

        @Option(names = "--smooth", paramLabel = "<method>", defaultValue = "exp", converter = SmoothingConverter.class,
                description = "Smoothing: exp (default), floor, add-k, none.")
        BleuSmoothing smoothing;

        @Option(names = "--smooth-value", paramLabel = "<V>",
                description = "Value for floor (default 0.1) and add-k (default 1).")
        Double smoothValue;

        @Option(names = "--lowercase", description = "Case-insensitive BLEU.")
        boolean lowercase;

        @Option(names = "--max-order", paramLabel = "<N>", defaultValue = "4", description = "Largest n-gram order (default 4).")
        int maxOrder;

        @Option(names = "--effective-order", description = "Leave out of the mean the orders the hypothesis has no n-grams of.")
        boolean effectiveOrder;

        @Override
        public Integer call() throws IOException {
            if (maxOrder < 1) {
                throw new Subcommands.UsageException("--max-order must be at least 1, was " + maxOrder);
            }
            if (smoothValue != null && !smoothing.takesValue()) {
                spec.commandLine().getErr().println("note: --smooth-value is ignored by --smooth " + smoothing.sacrebleuName()
                        + " (it applies to floor and add-k), as in sacreBLEU");
            }
            ParallelText text = ParallelText.read(hypothesisFile, referenceFiles);
            // sacreBLEU's command line reads every line with rstrip(), so a blank reference line counts as empty
            List<String> hypotheses = rightStripped(text.hypotheses());
            List<List<String>> streams = text.references().stream().map(ScoreCommand::rightStripped).collect(Collectors.toList());
            Bleu bleu = Bleu.builder().tokenizer(tokenizer).smoothing(smoothing).smoothValue(smoothValue)
                    .lowercase(lowercase).maxOrder(maxOrder).effectiveOrder(effectiveOrder || sentence).build();
            PrintWriter out = spec.commandLine().getOut();
            try {
                if (sentence) {
                    for (int i = 0; i < hypotheses.size(); i++) {
                        int line = i;
                        List<List<String>> lineStreams = streams.stream().map(stream -> List.of(stream.get(line))).collect(Collectors.toList());
                        BleuScore score = bleu.corpusScore(List.of(hypotheses.get(i)), lineStreams);
                        out.println(score.format(2, bleu.signature(lineStreams)));
                    }
                } else {
                    out.println(bleu.corpusScore(hypotheses, streams).format(2, bleu.signature(streams)));
                }
            } catch (IllegalArgumentException e) {
                // the only input BLEU rejects once the line counts agree: a line empty in every reference file
                throw new Subcommands.UsageException(e.getMessage().replace("segment", "line") + " (" + text.referenceNames() + ")");
            }
            out.flush();
            return 0;
        }
    }

    /** {@code score rouge1|rouge2|rougeL}: rouge-score's precision, recall and F-measure per line, then their means. */
    abstract static class RougeCommand extends MetricCommand {

        @Option(names = "--ref", required = true, paramLabel = "<file>", description = "Targets (references), one per line.")
        Path referenceFile;

        @Option(names = "--stem", description = "Porter-stem tokens longer than 3 characters (rouge-score use_stemmer).")
        boolean stem;

        abstract String rougeType();

        @Override
        public Integer call() throws IOException {
            ParallelText text = ParallelText.read(hypothesisFile, List.of(referenceFile));
            Rouge rouge = new Rouge(rougeType(), stem);
            PrintWriter out = spec.commandLine().getOut();
            out.println("# " + rougeType() + " as rouge-score computes it (target = --ref, prediction = --hyp; stemmer: "
                    + (stem ? "on" : "off") + ")");
            out.println("line\tprecision\trecall\tfmeasure");
            double[] sums = new double[3];
            List<String> targets = text.references().get(0);
            for (int i = 0; i < targets.size(); i++) {
                RougeScore score = rouge.score(targets.get(i), text.hypotheses().get(i));
                double[] values = {score.precision(), score.recall(), score.fmeasure()};
                out.println((i + 1) + "\t" + columns(values));
                for (int k = 0; k < 3; k++) {
                    sums[k] += values[k];
                }
            }
            for (int k = 0; k < 3; k++) {
                sums[k] /= targets.size();
            }
            out.println("mean\t" + columns(sums));
            out.flush();
            return 0;
        }
    }

    @Command(name = "rouge1", description = "ROUGE-1 (unigram overlap) as rouge-score computes it.")
    static final class Rouge1Command extends RougeCommand {
        @Override
        String rougeType() {
            return "rouge1";
        }
    }

    @Command(name = "rouge2", description = "ROUGE-2 (bigram overlap) as rouge-score computes it.")
    static final class Rouge2Command extends RougeCommand {
        @Override
        String rougeType() {
            return "rouge2";
        }
    }

    @Command(name = "rougeL",
            description = "ROUGE-L (longest common subsequence) as rouge-score computes it.")
    static final class RougeLCommand extends RougeCommand {
        @Override
        String rougeType() {
            return "rougeL";
        }
    }

    /** {@code score meteor}: NLTK's meteor_score of each line against all reference files, then the mean. */
    @Command(name = "meteor",
            description = {"METEOR as NLTK's meteor_score computes it.",
                    "alpha 0.9, beta 3, gamma 0.5; the best score over the reference files. Lines are split on whitespace"
                            + " into tokens and lowercased. Stages: exact, Porter stem, and WordNet synonyms only with"
                            + " --wordnet (a WordNet 3 dict folder: index.*, data.*, *.exc)."})
    static final class MeteorCommand extends MultiReferenceCommand {

        @Option(names = "--wordnet", paramLabel = "<dir>", description = "WordNet database folder for the synonym stage.")
        Path wordNetDirectory;

        @Override
        public Integer call() throws IOException {
            ParallelText text = ParallelText.read(hypothesisFile, referenceFiles);
            if (wordNetDirectory != null && !Files.isDirectory(wordNetDirectory)) {
                throw new Subcommands.UsageException("WordNet folder not found: " + wordNetDirectory);
            }
            try (WordNet wordNet = wordNetDirectory == null ? null : WordNet.open(wordNetDirectory)) {
                Meteor meteor = new Meteor(wordNet);
                PrintWriter out = spec.commandLine().getOut();
                out.println("# METEOR as NLTK computes it (alpha " + Meteor.DEFAULT_ALPHA + ", beta " + Meteor.DEFAULT_BETA
                        + ", gamma " + Meteor.DEFAULT_GAMMA + "; stages: exact, Porter stem, WordNet synonyms "
                        + (wordNet == null ? "off: no WordNet database supplied (--wordnet <dir>)" : "on: " + wordNetDirectory) + ")");
                out.println("line\tmeteor");
                double sum = 0;
                for (int i = 0; i < text.hypotheses().size(); i++) {
                    List<List<String>> references = new ArrayList<>();
                    for (List<String> stream : text.references()) {
                        references.add(PythonText.split(stream.get(i)));
                    }
                    double score = meteor.meteorScore(references, PythonText.split(text.hypotheses().get(i)));
                    sum += score;
                    out.println((i + 1) + "\t" + PythonText.fixed(score, 6));
                }
                out.println("mean\t" + PythonText.fixed(sum / text.hypotheses().size(), 6));
                out.flush();
            }
            return 0;
        }
    }

    /** Hypothesis lines and, per reference file, its lines: same count, at least one line. */
    record ParallelText(List<String> hypotheses, List<List<String>> references, List<Path> referenceFiles) {

        static ParallelText read(Path hypothesisFile, List<Path> referenceFiles) throws IOException {
            List<String> hypotheses = lines(hypothesisFile, "hypothesis");
            if (hypotheses.isEmpty()) {
                throw new Subcommands.UsageException("hypothesis file " + hypothesisFile + " has no lines");
            }
            List<List<String>> references = new ArrayList<>();
            for (Path referenceFile : referenceFiles) {
                List<String> lines = lines(referenceFile, "reference");
                if (lines.size() != hypotheses.size()) {
                    throw new Subcommands.UsageException("reference file " + referenceFile + " has " + lines.size()
                            + " lines but hypothesis file " + hypothesisFile + " has " + hypotheses.size()
                            + "; every reference file needs one line per hypothesis");
                }
                references.add(lines);
            }
            return new ParallelText(hypotheses, references, referenceFiles);
        }

        String referenceNames() {
            return referenceFiles.stream().map(Path::toString).collect(Collectors.joining(", "));
        }

        private static List<String> lines(Path file, String role) throws IOException {
            if (!Files.isRegularFile(file)) {
                throw new Subcommands.UsageException(role + " file not found: " + file);
            }
            return TextLines.read(file);
        }
    }

    private static List<String> rightStripped(List<String> lines) {
        return lines.stream().map(PythonText::rstrip).collect(Collectors.toList());
    }

    private static String columns(double[] values) {
        StringBuilder text = new StringBuilder();
        for (double value : values) {
            text.append(text.length() == 0 ? "" : "\t").append(PythonText.fixed(value, 6));
        }
        return text.toString();
    }

    /** Converts an option value by a {@code byName} lookup whose error lists the valid names (picocli exits 2). */
    abstract static class NameConverter<T> implements ITypeConverter<T> {
        private final Function<String, T> byName;

        NameConverter(Function<String, T> byName) {
            this.byName = byName;
        }

        @Override
        public T convert(String value) {
            try {
                return byName.apply(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --tokenize} by sacreBLEU's names. */
    static final class TokenizerConverter extends NameConverter<BleuTokenizer> {
        TokenizerConverter() {
            super(BleuTokenizer::byName);
        }
    }

    /** {@code --smooth} by sacreBLEU's names. */
    static final class SmoothingConverter extends NameConverter<BleuSmoothing> {
        SmoothingConverter() {
            super(BleuSmoothing::byName);
        }
    }
}
