package io.quantbench.analysis.report;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The report's Mustache templates and style sheet, read from this package's resources. */
final class Templates {

    /**
     * HTML escaping of the five characters that matter in text and quoted attributes; JMustache's default
     * also escapes '=' and '`', which makes "threads=1" unreadable in the page source.
     */
    private static final Mustache.Compiler COMPILER = Mustache.compiler()
            .withEscaper(Escapers.simple(new String[][] {
                    {"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}, {"'", "&#39;"}}))
            .withLoader(name -> new StringReader(resource(name + ".mustache")))
            .defaultValue("");

    private Templates() {
    }

    /** Renders template {@code name} ({@code <name>.mustache}) with {@code model}; values are HTML-escaped. */
    static String render(String name, Map<String, Object> model) {
        Template template = COMPILER.compile(resource(name + ".mustache"));
        return template.execute(model);
    }

    static String css() {
        return resource("report.css");
    }

    private static String resource(String name) {
        try (InputStream in = Templates.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing report resource " + name);
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                StringBuilder text = new StringBuilder();
                char[] buffer = new char[8192];
                for (int n; (n = reader.read(buffer)) > 0; ) {
                    text.append(buffer, 0, n);
                }
                return text.toString();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
