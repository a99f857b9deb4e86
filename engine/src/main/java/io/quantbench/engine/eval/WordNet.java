package io.quantbench.engine.eval;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WordNet 3.x database in its distribution layout (the {@code dict/} folder of Princeton WordNet, or
 * NLTK's {@code corpora/wordnet}): {@code index.<pos>}, {@code data.<pos>} and {@code <pos>.exc} for
 * noun, verb, adj and adv. It answers METEOR's synonym question the way NLTK's
 * {@code WordNetCorpusReader} does ({@code nltk/corpus/reader/wordnet.py}): {@code synsets(word)} over
 * the parts of speech n, v, a, r, each through {@code _morphy} (the exception list, else the detachment
 * rules applied until a form is in the index), and of each synset its lemma names with the adjective
 * marker ("(a)", "(p)", "(ip)") removed.
 */
public final class WordNet implements Meteor.Synonyms, Closeable {

    /** NLTK's POS_LIST order and file names. */
    private enum PartOfSpeech {
        NOUN('n', "noun"), VERB('v', "verb"), ADJECTIVE('a', "adj"), ADVERB('r', "adv");

        final char tag;
        final String file;

        PartOfSpeech(char tag, String file) {
            this.tag = tag;
            this.file = file;
        }
    }

    /** NLTK's MORPHOLOGICAL_SUBSTITUTIONS: (ending, replacement) pairs per part of speech, in order. */
    private static final Map<PartOfSpeech, String[][]> DETACHMENT_RULES = new EnumMap<>(Map.of(
            PartOfSpeech.NOUN, new String[][] {{"s", ""}, {"ses", "s"}, {"ves", "f"}, {"xes", "x"}, {"zes", "z"},
                    {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}},
            PartOfSpeech.VERB, new String[][] {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""},
                    {"ing", "e"}, {"ing", ""}},
            PartOfSpeech.ADJECTIVE, new String[][] {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}},
            PartOfSpeech.ADVERB, new String[][] {}));

    private static final Pattern SYNTACTIC_MARKER = Pattern.compile("(.*?)(\\(.*\\))?");

    private final Path directory;
    /** lemma -> part of speech -> synset offsets in data.<pos>. */
    private final Map<String, Map<PartOfSpeech, long[]>> index = new HashMap<>();
    /** Per part of speech: inflected form -> base forms. */
    private final Map<PartOfSpeech, Map<String, List<String>>> exceptions = new EnumMap<>(PartOfSpeech.class);
    private final Map<PartOfSpeech, FileChannel> dataFiles = new EnumMap<>(PartOfSpeech.class);
    private final Map<String, List<String>> lemmaNamesBySynset = new HashMap<>();

    private WordNet(Path directory) {
        this.directory = directory;
    }

    /** Opens the database in {@code directory}; a missing or malformed file is an error naming it. */
    public static WordNet open(Path directory) throws IOException {
        WordNet wordNet = new WordNet(directory);
        try {
            for (PartOfSpeech pos : PartOfSpeech.values()) {
                wordNet.readIndex(pos);
                wordNet.readExceptions(pos);
                wordNet.dataFiles.put(pos, FileChannel.open(wordNet.file("data." + pos.file), StandardOpenOption.READ));
            }
        } catch (IOException | RuntimeException e) {
            wordNet.close();
            throw e;
        }
        return wordNet;
    }

    /**
     * The lemma names (without "_") of every synset of {@code word}: METEOR's synonym set, as
     * {@code lemma.name() for synset in wordnet.synsets(word) for lemma in synset.lemmas()}.
     */
    @Override
    public Set<String> of(String word) {
        String lemma = PythonText.lower(word);
        Set<String> names = new LinkedHashSet<>();
        for (PartOfSpeech pos : PartOfSpeech.values()) {
            for (String form : morphy(lemma, pos)) {
                for (long offset : index.get(form).get(pos)) {
                    for (String name : lemmaNames(pos, offset)) {
                        if (!name.contains("_")) {
                            names.add(name);
                        }
                    }
                }
            }
        }
        return names;
    }

    /**
     * NLTK's {@code _morphy}: a form on the exception list yields its listed bases (and itself) that are in
     * the index; otherwise the form and its one-step detachments that are in the index, or, if none is,
     * further detachments until some are.
     */
    private List<String> morphy(String form, PartOfSpeech pos) {
        List<String> bases = exceptions.get(pos).get(form);
        if (bases != null) {
            List<String> candidates = new ArrayList<>();
            candidates.add(form);
            candidates.addAll(bases);
            return inIndex(candidates, pos);
        }
        List<String> forms = detach(List.of(form), pos);
        List<String> candidates = new ArrayList<>();
        candidates.add(form);
        candidates.addAll(forms);
        List<String> results = inIndex(candidates, pos);
        while (results.isEmpty() && !forms.isEmpty()) {
            forms = detach(forms, pos);               // every rule shortens the form, so this ends
            results = inIndex(forms, pos);
        }
        return results;
    }

    private static List<String> detach(List<String> forms, PartOfSpeech pos) {
        List<String> detached = new ArrayList<>();
        for (String form : forms) {
            for (String[] rule : DETACHMENT_RULES.get(pos)) {
                if (form.endsWith(rule[0])) {
                    detached.add(form.substring(0, form.length() - rule[0].length()) + rule[1]);
                }
            }
        }
        return detached;
    }

    /** {@code filter_forms}: the forms the index has for {@code pos}, first occurrences only, in order. */
    private List<String> inIndex(List<String> forms, PartOfSpeech pos) {
        Set<String> result = new LinkedHashSet<>();
        for (String form : forms) {
            Map<PartOfSpeech, long[]> entry = index.get(form);
            if (entry != null && entry.containsKey(pos)) {
                result.add(form);
            }
        }
        return new ArrayList<>(result);
    }

    /** The lemma names of the synset at {@code offset} in data.<pos>, markers removed, case kept. */
    private List<String> lemmaNames(PartOfSpeech pos, long offset) {
        String key = pos.tag + ":" + offset;
        List<String> cached = lemmaNamesBySynset.get(key);
        if (cached != null) {
            return cached;
        }
        String line = dataLine(pos, offset);
        String where = "data." + pos.file + " at byte " + offset;
        String[] fields = PythonText.split(line.substring(0, line.indexOf('|') < 0 ? line.length() : line.indexOf('|')))
                .toArray(new String[0]);
        List<String> names = new ArrayList<>();
        try {
            int count = Integer.parseInt(fields[3], 16);
            for (int i = 0; i < count; i++) {
                Matcher marker = SYNTACTIC_MARKER.matcher(fields[4 + 2 * i]);
                names.add(marker.matches() ? marker.group(1) : fields[4 + 2 * i]);
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException(directory.resolve("data." + pos.file) + ": malformed synset line " + where + ": " + line, e);
        }
        lemmaNamesBySynset.put(key, names);
        return names;
    }

    /** The line that starts at {@code offset}; it must begin with the offset itself, zero-padded to 8 digits. */
    private String dataLine(PartOfSpeech pos, long offset) {
        FileChannel channel = dataFiles.get(pos);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(512);
        try {
            long position = offset;
            read:
            while (true) {
                buffer.clear();
                int n = channel.read(buffer, position);
                if (n <= 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    if (buffer.get(i) == '\n') {
                        bytes.write(buffer.array(), 0, i);
                        break read;
                    }
                }
                bytes.write(buffer.array(), 0, n);
                position += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(directory.resolve("data." + pos.file) + ": cannot read byte " + offset, e);
        }
        String line = bytes.toString(StandardCharsets.UTF_8);
        String expected = String.format("%08d", offset);
        if (!line.startsWith(expected)) {
            throw new IllegalStateException(directory.resolve("data." + pos.file) + ": no synset at byte " + offset
                    + " (index." + pos.file + " points there, but the line there does not start with " + expected + ")");
        }
        return line;
    }

    /** index.<pos>: {@code lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...}. */
    private void readIndex(PartOfSpeech pos) throws IOException {
        Path file = file("index." + pos.file);
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            if (line.startsWith(" ") || line.isEmpty()) {
                continue;                             // the licence header
            }
            List<String> fields = PythonText.split(line);
            try {
                int synsets = Integer.parseInt(fields.get(2));
                int pointers = Integer.parseInt(fields.get(3));
                int senses = Integer.parseInt(fields.get(4 + pointers));
                if (synsets <= 0 || senses != synsets) {
                    throw new IllegalArgumentException("synset count " + synsets + " and sense count " + senses + " disagree");
                }
                long[] offsets = new long[synsets];
                for (int i = 0; i < synsets; i++) {
                    offsets[i] = Long.parseLong(fields.get(6 + pointers + i));
                }
                index.computeIfAbsent(fields.get(0), k -> new EnumMap<>(PartOfSpeech.class)).put(pos, offsets);
            } catch (RuntimeException e) {
                throw new IOException(file + ", line " + lineNumber + ": not a WordNet index line (" + e.getMessage() + "): " + line, e);
            }
        }
    }

    /** <pos>.exc: {@code inflected base...} per line. */
    private void readExceptions(PartOfSpeech pos) throws IOException {
        Map<String, List<String>> map = new HashMap<>();
        for (String line : Files.readAllLines(file(pos.file + ".exc"), StandardCharsets.UTF_8)) {
            List<String> terms = PythonText.split(line);
            if (!terms.isEmpty()) {
                map.put(terms.get(0), terms.subList(1, terms.size()));
            }
        }
        exceptions.put(pos, map);
    }

    private Path file(String name) throws IOException {
        Path file = directory.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "not a WordNet database folder: " + name
                    + " is missing (expected index.<pos>, data.<pos> and <pos>.exc for noun, verb, adj, adv)");
        }
        return file;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (FileChannel channel : dataFiles.values()) {
            try {
                channel.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
