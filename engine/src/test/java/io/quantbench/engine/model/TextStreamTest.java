package io.quantbench.engine.model;

import io.quantbench.engine.synth.SyntheticVocabulary;
import io.quantbench.engine.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextStreamTest {

    /** "é" is two byte tokens in the synthetic vocabulary; the stream prints it whole, after its second byte. */
    @Test
    void charactersSplitOverByteTokensComeOutWhole() {
        Tokenizer t = SyntheticVocabulary.tokenizer(1000);
        int[] ids = t.encode("the café", true, false);
        TextStream stream = new TextStream(t, ids[0]);
        StringBuilder out = new StringBuilder();
        String[] pieces = new String[ids.length - 1];
        for (int i = 1; i < ids.length; i++) {
            pieces[i - 1] = stream.next(ids[i]);
            out.append(pieces[i - 1]);
        }
        assertEquals("", pieces[pieces.length - 2], "the first byte of é alone prints nothing");
        assertEquals("é", pieces[pieces.length - 1]);
        assertEquals("the café", out.append(stream.flush()).toString(), "the space SentencePiece added after BOS is dropped");
    }

    @Test
    void completeLengthStopsBeforeAnUnfinishedCharacter() {
        assertEquals(2, TextStream.completeLength(new byte[] {'a', 'b'}));
        assertEquals(1, TextStream.completeLength(new byte[] {'a', (byte) 0xC3}));
        assertEquals(3, TextStream.completeLength(new byte[] {'a', (byte) 0xC3, (byte) 0xA9}));
        assertEquals(1, TextStream.completeLength(new byte[] {'a', (byte) 0xE2, (byte) 0x82}));
        assertEquals(4, TextStream.completeLength(new byte[] {'a', (byte) 0xE2, (byte) 0x82, (byte) 0xAC}));
    }
}
