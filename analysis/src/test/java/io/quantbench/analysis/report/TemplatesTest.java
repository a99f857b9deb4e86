package io.quantbench.analysis.report;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplatesTest {

    @Test
    void textIsEscapedButReadable() {
        // A parameter value or file name is data, never markup; '=' stays as it is.
        String html = Templates.render("figure", Map.of("title", "<script>alert('x')</script> threads=1",
                "caption", "a & b", "problem", "it \"failed\""));
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; threads=1"), html);
        assertTrue(html.contains("a &amp; b"), html);
        assertTrue(html.contains("it &quot;failed&quot;"), html);
    }
}
