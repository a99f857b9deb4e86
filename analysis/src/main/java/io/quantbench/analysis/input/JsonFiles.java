package io.quantbench.analysis.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantbench.analysis.AnalysisException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a JSON file into a tree, turning every failure into an {@link AnalysisException} that names the file and the place. */
final class JsonFiles {

    /** Bare NaN/Infinity tokens are accepted too: JMH writes them as strings, other writers may not. */
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build());

    private JsonFiles() {
    }

    static JsonNode read(Path file) {
        try {
            if (Files.size(file) == 0) {
                throw new AnalysisException(file + ": the file is empty (expected JSON)");
            }
            JsonNode root = MAPPER.readTree(file.toFile());
            if (root == null || root.isMissingNode()) {
                throw new AnalysisException(file + ": no JSON value in the file");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String place = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
            throw new AnalysisException(file + ": malformed JSON" + place + ": " + e.getOriginalMessage(), e);
        } catch (NoSuchFileException e) {
            throw new AnalysisException(file + ": no such file", e);
        } catch (IOException e) {
            throw new AnalysisException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** What kind of JSON value a node is, for messages ("an object", "a string", ...). */
    static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        switch (node.getNodeType()) {
            case ARRAY:
                return "an array";
            case OBJECT:
                return "an object";
            case STRING:
                return "the string \"" + node.asText() + "\"";
            case NUMBER:
                return "the number " + node.asText();
            case BOOLEAN:
                return "a boolean";
            case NULL:
                return "null";
            default:
                return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
