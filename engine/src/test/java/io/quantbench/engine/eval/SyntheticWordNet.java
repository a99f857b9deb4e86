package io.quantbench.engine.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny WordNet database written in WordNet's own file format (licence-style header lines, synset lines
 * that begin with their own byte offset, index lines pointing at those offsets, exception lists), for
 * testing {@link WordNet} and the METEOR synonym stage without the real database.
 *
 * <p>Synsets: noun {pupil, student, educatee}; noun {schoolchild, school-age_child, pupil}; verb {run, scat,
 * scamper}; adjective {big(a), large(a)} with syntactic markers. Exceptions: verb "ran" → "run", adjective
 * "bigger" → "big".
 */
public final class SyntheticWordNet {

    private SyntheticWordNet() {
    }

    /** Writes the database into {@code directory} and returns it. */
    public static Path write(Path directory) throws IOException {
        DataFile nouns = new DataFile("n");
        long learner = nouns.add("03 n 03 pupil 0 student 0 educatee 0 000 | a learner");
        long child = nouns.add("03 n 03 schoolchild 0 school-age_child 0 pupil 1 000 | a young person attending school");
        DataFile verbs = new DataFile("v");
        long run = verbs.add("38 v 03 run 0 scat 0 scamper 0 000 | move fast by using one's feet");
        DataFile adjectives = new DataFile("a");
        long big = adjectives.add("00 a 02 big(a) 0 large(a) 0 000 | above average in size");
        DataFile adverbs = new DataFile("r");

        nouns.writeTo(directory.resolve("data.noun"));
        verbs.writeTo(directory.resolve("data.verb"));
        adjectives.writeTo(directory.resolve("data.adj"));
        adverbs.writeTo(directory.resolve("data.adv"));
        index(directory.resolve("index.noun"), "pupil n 2 1 @ 2 0 " + offset(learner) + " " + offset(child),
                "school-age_child n 1 0 1 0 " + offset(child),
                "schoolchild n 1 0 1 0 " + offset(child),
                "student n 1 0 1 0 " + offset(learner),
                "educatee n 1 0 1 0 " + offset(learner));
        index(directory.resolve("index.verb"), "run v 1 0 1 0 " + offset(run), "scat v 1 0 1 0 " + offset(run),
                "scamper v 1 0 1 0 " + offset(run));
        index(directory.resolve("index.adj"), "big a 1 0 1 0 " + offset(big), "large a 1 0 1 0 " + offset(big));
        index(directory.resolve("index.adv"));
        Files.writeString(directory.resolve("noun.exc"), "");
        Files.writeString(directory.resolve("verb.exc"), "ran run\n");
        Files.writeString(directory.resolve("adj.exc"), "bigger big\n");
        Files.writeString(directory.resolve("adv.exc"), "");
        return directory;
    }

    private static String offset(long offset) {
        return String.format("%08d", offset);
    }

    private static void index(Path file, String... lines) throws IOException {
        StringBuilder text = new StringBuilder("  1 A synthetic database in WordNet's format, for tests.\n");
        for (String line : lines) {
            text.append(line).append("  \n");
        }
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    }

    /** A data.<pos> file being assembled: each synset line starts with its byte offset, 8 digits. */
    private static final class DataFile {
        private final StringBuilder text = new StringBuilder("  1 A synthetic database in WordNet's format, for tests.\n");
        private final List<Long> offsets = new ArrayList<>();

        DataFile(String pos) {
            text.append("  2 Part of speech ").append(pos).append(".\n");
        }

        long add(String restOfLine) {
            long offset = text.toString().getBytes(StandardCharsets.UTF_8).length;
            offsets.add(offset);
            text.append(offset(offset)).append(' ').append(restOfLine).append("  \n");
            return offset;
        }

        void writeTo(Path file) throws IOException {
            Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
        }
    }
}
