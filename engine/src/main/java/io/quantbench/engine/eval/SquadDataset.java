package io.quantbench.engine.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SQuAD v1.1 files (the official format: {@code {"version": "1.1", "data": [{"title", "paragraphs":
 * [{"context", "qas": [{"id", "question", "answers": [{"answer_start", "text"}]}]}]}]}}), questions in file
 * order: article by article, paragraph by paragraph.
 *
 * <p>Malformed input is an {@link IOException} naming the file and the JSON path (or line and column) of
 * the problem. An answer whose {@code answer_start} does not locate its text in the context is malformed too.
 */
public final class SquadDataset {

    private SquadDataset() {
    }

    /** Every question of {@code file}. */
    public static List<SquadQuestion> load(Path file) throws IOException {
        return load(file, Integer.MAX_VALUE);
    }

    /** The first {@code count} questions of {@code file} (fewer if the file has fewer). */
    public static List<SquadQuestion> load(Path file, int count) throws IOException {
        if (count < 0) {
            throw new IllegalArgumentException("question count must not be negative: " + count);
        }
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such SQuAD file");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        }
        Reader reader = new Reader(file);
        List<SquadQuestion> questions = new ArrayList<>();
        JsonNode articles = reader.array(root, "data", "");
        for (int a = 0; a < articles.size() && questions.size() < count; a++) {
            String articlePath = "data[" + a + "]";
            JsonNode article = articles.get(a);
            String title = reader.text(article, "title", articlePath);
            JsonNode paragraphs = reader.array(article, "paragraphs", articlePath);
            for (int p = 0; p < paragraphs.size() && questions.size() < count; p++) {
                String paragraphPath = articlePath + ".paragraphs[" + p + "]";
                JsonNode paragraph = paragraphs.get(p);
                String context = reader.text(paragraph, "context", paragraphPath);
                JsonNode qas = reader.array(paragraph, "qas", paragraphPath);
                for (int q = 0; q < qas.size() && questions.size() < count; q++) {
                    questions.add(reader.question(qas.get(q), paragraphPath + ".qas[" + q + "]", title, context));
                }
            }
        }
        return questions;
    }

    /** Field access that names the file and JSON path of anything missing or of the wrong type. */
    private record Reader(Path file) {

        SquadQuestion question(JsonNode qa, String path, String title, String context) throws IOException {
            String id = text(qa, "id", path);
            String question = text(qa, "question", path);
            JsonNode answers = array(qa, "answers", path);
            List<String> golds = new ArrayList<>();
            for (int i = 0; i < answers.size(); i++) {
                String answerPath = path + ".answers[" + i + "]";
                String answer = text(answers.get(i), "text", answerPath);
                JsonNode start = answers.get(i).get("answer_start");
                if (start == null || !start.canConvertToInt()) {
                    throw malformed(answerPath, "'answer_start' must be an integer");
                }
                int offset = start.asInt();         // in characters (code points), as Python indexes the context
                if (offset < 0 || offset > context.codePointCount(0, context.length())
                        || !context.startsWith(answer, context.offsetByCodePoints(0, offset))) {
                    throw malformed(answerPath, "the context does not contain '" + answer + "' at answer_start " + offset);
                }
                golds.add(answer);
            }
            if (golds.isEmpty()) {
                throw malformed(path, "no answers (SQuAD v1.1 questions have at least one)");
            }
            return new SquadQuestion(id, title, context, question, golds);
        }

        JsonNode array(JsonNode node, String field, String path) throws IOException {
            JsonNode value = node.isObject() ? node.get(field) : null;
            if (value == null || !value.isArray()) {
                throw malformed(path, "expected an array field '" + field + "'");
            }
            return value;
        }

        String text(JsonNode node, String field, String path) throws IOException {
            JsonNode value = node.isObject() ? node.get(field) : null;
            if (value == null || !value.isTextual()) {
                throw malformed(path, "expected a string field '" + field + "'");
            }
            return value.asText();
        }

        IOException malformed(String path, String problem) {
            return new IOException(file + ": " + (path.isEmpty() ? "top level" : path) + ": " + problem);
        }
    }
}
