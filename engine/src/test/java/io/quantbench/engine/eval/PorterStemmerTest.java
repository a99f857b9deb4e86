package io.quantbench.engine.eval;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PorterStemmerTest {

    private final PorterStemmer stemmer = new PorterStemmer();

    /** NLTK's doctest, nltk/test/stem.doctest ("Unit tests for the Porter stemmer"), default NLTK_EXTENSIONS mode. */
    @Test
    void nltkDoctestPlurals() {
        String plurals = "caresses flies dies mules denied died agreed owned humbled sized meeting stating siezing"
                + " itemization sensational traditional reference colonizer plotted";
        String expected = "caress fli die mule deni die agre own humbl size meet state siez item sensat tradit refer colon plot";
        String stems = Arrays.stream(plurals.split(" ")).map(stemmer::stem).collect(Collectors.joining(" "));
        assertEquals(expected, stems);
    }

    /** nltk/test/unit/test_stem.py::test_oed_bug (NLTK issue #1581): "oed" stems to "o" without error. */
    @Test
    void nltkOedBug() {
        assertEquals("o", stemmer.stem("oed"));
    }

    /**
     * Porter (1980), the examples of each step's table (quoted in NLTK's step docstrings). Each pair is one
     * step applied alone. Where NLTK_EXTENSIONS departs from the paper the NLTK result is asserted and
     * the departure named.
     */
    @Test
    void paperExamplesStepByStep() {
        assertSteps("1a", "caresses caress", "ponies poni", "caress caress", "cats cat",
                "ties tie");                      // paper: ties -> ti; NLTK: a four-letter -ies word -> -ie
        assertSteps("1b", "feed feed", "agreed agree", "plastered plaster", "bled bled", "motoring motor", "sing sing",
                "conflated conflate", "troubled trouble", "sized size", "hopping hop", "tanned tan", "falling fall",
                "hissing hiss", "fizzed fizz", "failing fail", "filing file");
        assertSteps("1c", "happy happi", "enjoy enjoy",
                "sky ski");                       // paper: sky stays (no vowel before y); NLTK: y after a consonant -> i
        assertSteps("2", "relational relate", "conditional condition", "rational rational", "valenci valence",
                "hesitanci hesitance", "digitizer digitize", "conformabli conformable", "radicalli radical",
                "differentli different", "vileli vile", "analogousli analogous", "vietnamization vietnamize",
                "predication predicate", "operator operate", "feudalism feudal", "decisiveness decisive",
                "hopefulness hopeful", "callousness callous", "formaliti formal", "sensitiviti sensitive",
                "sensibiliti sensible");
        assertSteps("3", "triplicate triplic", "formative form", "formalize formal", "electriciti electric",
                "electrical electric", "hopeful hope", "goodness good");
        assertSteps("4", "revival reviv", "allowance allow", "inference infer", "airliner airlin",
                "gyroscopic gyroscop", "adjustable adjust", "defensible defens", "irritant irrit",
                "replacement replac", "adjustment adjust", "dependent depend", "adoption adopt",
                "homologou homolog", "communism commun", "activate activ", "angulariti angular",
                "homologous homolog", "effective effect", "bowdlerize bowdler");
        assertSteps("5a", "probate probat", "rate rate", "cease ceas");
        assertSteps("5b", "controll control", "roll roll");
    }

    /**
     * NLTK's extensions on whole words: the irregular-forms table ("sky", "dying"), words of at most two
     * characters untouched, and NLTK's docstring examples "spy", "fly", "try" -> "spi", "fli", "tri".
     */
    @Test
    void nltkExtensionsOnWholeWords() {
        assertEquals("sky", stemmer.stem("sky"));
        assertEquals("sky", stemmer.stem("skies"));
        assertEquals("die", stemmer.stem("dying"));
        assertEquals("news", stemmer.stem("news"));
        assertEquals("is", stemmer.stem("is"));
        assertEquals("as", stemmer.stem("as"));
        assertEquals("spi", stemmer.stem("spy"));
        assertEquals("fli", stemmer.stem("fly"));
        assertEquals("tri", stemmer.stem("try"));
        // input is lowercased first; the irregular table is consulted with the word as given
        assertEquals("caress", stemmer.stem("CARESSES"));
        assertEquals("ski", stemmer.stem("Sky"));
        assertEquals("", stemmer.stem(""));
    }

    private void assertSteps(String step, String... pairs) {
        for (String pair : pairs) {
            String[] words = pair.split(" ");
            assertEquals(words[1], stemmer.step(step, words[0]), "step " + step + " of " + words[0]);
        }
    }
}
