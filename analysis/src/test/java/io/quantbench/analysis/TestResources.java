package io.quantbench.analysis;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Our own test data (src/test/resources): known-numbers.json, the tiny real sweep. */
public final class TestResources {

    private TestResources() {
    }

    /** The path of a test resource, e.g. {@code "jmh/known-numbers.json"}. */
    public static Path path(String name) {
        URL url = TestResources.class.getResource("/" + name);
        if (url == null) {
            throw new IllegalStateException("test resource " + name + " is missing");
        }
        try {
            return Paths.get(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
