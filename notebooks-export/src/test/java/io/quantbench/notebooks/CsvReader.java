package io.quantbench.notebooks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 4180 reader for the tests, written apart from {@link Csv} so that it checks it: quoted
 * fields with doubled quotes, '\n' line ends, and an error for anything else (a quote inside an unquoted
 * field, an unclosed quote, a row of the wrong width).
 */
final class CsvReader {

    final List<String> header;
    final List<Map<String, String>> rows = new ArrayList<>();

    CsvReader(String text) {
        List<List<String>> lines = parse(text);
        header = lines.get(0);
        for (int r = 1; r < lines.size(); r++) {
            List<String> fields = lines.get(r);
            if (fields.size() != header.size()) {
                throw new IllegalArgumentException("row " + r + ": " + fields.size() + " fields, header has " + header.size());
            }
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < fields.size(); c++) {
                row.put(header.get(c), fields.get(c));
            }
            rows.add(row);
        }
    }

    private static List<List<String>> parse(String text) {
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("the last line has no line end");
        }
        List<List<String>> lines = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char ch = text.charAt(i);
            if (ch == '"' && field.length() == 0) {
                int close = i + 1;
                while (true) {
                    close = text.indexOf('"', close);
                    if (close < 0) {
                        throw new IllegalArgumentException("unclosed quote at " + i);
                    }
                    if (close + 1 < text.length() && text.charAt(close + 1) == '"') {
                        close += 2;
                        continue;
                    }
                    break;
                }
                field.append(text, i + 1, close);
                String unquoted = field.toString().replace("\"\"", "\"");
                field.setLength(0);
                field.append(unquoted);
                i = close + 1;
                if (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != '\n') {
                    throw new IllegalArgumentException("text after a closing quote at " + i);
                }
                continue;
            }
            if (ch == '"' || ch == '\r') {
                throw new IllegalArgumentException("a quote or CR inside an unquoted field at " + i);
            }
            if (ch == ',' || ch == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                if (ch == '\n') {
                    lines.add(fields);
                    fields = new ArrayList<>();
                }
            } else {
                field.append(ch);
            }
            i++;
        }
        return lines;
    }
}
