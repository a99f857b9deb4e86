package io.quantbench.engine.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link WordNet} on the synthetic database of {@link SyntheticWordNet}; expected sets follow NLTK's synsets + _morphy by hand. */
class WordNetTest {

    @TempDir
    Path directory;

    /**
     * "pupils": noun detachment s → "" gives "pupil", in the noun index with two synsets, whose lemma names
     * are pupil, student, educatee and schoolchild, school-age_child, pupil; names with "_" are left out.
     * No verb, adjective or adverb form exists.
     */
    @Test
    void synonymsAreTheLemmaNamesOfEverySense() throws IOException {
        try (WordNet wordNet = WordNet.open(SyntheticWordNet.write(directory))) {
            assertEquals(Set.of("pupil", "student", "educatee", "schoolchild"), wordNet.of("pupils"));
            assertEquals(Set.of("pupil", "student", "educatee", "schoolchild"), wordNet.of("Pupil"));
            assertEquals(Set.of("pupil", "student", "educatee"), wordNet.of("student"));
            assertEquals(Set.of(), wordNet.of("teacher"));
        }
    }

    /** "ran" is on verb.exc (→ run); "bigger" on adj.exc (→ big), whose names lose their "(a)" markers. */
    @Test
    void exceptionListsAndMarkers() throws IOException {
        try (WordNet wordNet = WordNet.open(SyntheticWordNet.write(directory))) {
            assertEquals(Set.of("run", "scat", "scamper"), wordNet.of("ran"));
            // morphy does not undouble consonants: "running" detaches to "runne" and "runn", neither in the index,
            // and neither detaches further, so there is no sense (the real WordNet lists "running" itself)
            assertEquals(Set.of(), wordNet.of("running"));
            assertEquals(Set.of("big", "large"), wordNet.of("bigger"));
        }
    }

    /**
     * With a synonym source, "the pupil reads" against "the student reads" aligns all three words in one chunk:
     * 1 − 0.5·(1/3)³. NLTK looks synonyms up for the stems the stem stage leaves, so "educatee" in the
     * reference, stemmed to "educate", is not found among pupil's synonyms: 2 matches in 2 chunks, P = R = 2/3,
     * score (1 − 0.5)·2/3 = 1/3.
     */
    @Test
    void meteorSynonymStageUsesWordNet() throws IOException {
        try (WordNet wordNet = WordNet.open(SyntheticWordNet.write(directory))) {
            Meteor meteor = new Meteor(wordNet);
            assertTrue(meteor.hasSynonymStage());
            assertEquals(1 - 0.5 * Math.pow(1.0 / 3, 3),
                    meteor.singleMeteorScore(List.of("the", "student", "reads"), List.of("the", "pupil", "reads")), 1e-15);
            assertEquals(1.0 / 3, meteor.singleMeteorScore(List.of("the", "educatee", "reads"), List.of("the", "pupil", "reads")), 1e-15);
        }
    }

    @Test
    void brokenDatabasesAreReportedWithTheFile() throws IOException {
        Path empty = Files.createDirectory(directory.resolve("empty"));
        NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> WordNet.open(empty));
        assertTrue(missing.getMessage().contains("index.noun"), missing.getMessage());

        Path broken = SyntheticWordNet.write(Files.createDirectory(directory.resolve("broken")));
        Files.writeString(broken.resolve("index.adj"), "big a 1 0 1 0 00000007\n");     // no synset starts there
        try (WordNet wordNet = WordNet.open(broken)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> wordNet.of("big"));
            assertTrue(e.getMessage().contains("data.adj") && e.getMessage().contains("byte 7"), e.getMessage());
        }
        Files.writeString(broken.resolve("index.adj"), "big a two 0 1 0 00000007\n");
        IOException notIndex = assertThrows(IOException.class, () -> WordNet.open(broken));
        assertTrue(notIndex.getMessage().contains("index.adj, line 1"), notIndex.getMessage());
    }
}
