package io.quantbench.analysis.plot;

import io.quantbench.analysis.AnalysisOptions;
import io.quantbench.analysis.SyntheticSweep;
import io.quantbench.analysis.input.RunLoader;
import io.quantbench.analysis.summary.RunAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlotsTest {

    @Test
    void everyKindOfChartForASweepWithTwoJdksAndSequenceLengths(@TempDir Path dir) throws Exception {
        assertTrue(GraphicsEnvironment.isHeadless(), "tests run with java.awt.headless=true");
        Path run = SyntheticSweep.defaultSweep().shapes("768x3072", "2560x6912").threads(1).twoJdks().sequenceLengths()
                .write(dir.resolve("run"));
        RunAnalysis analysis = RunAnalysis.of(RunLoader.load(run), AnalysisOptions.defaults().withResamples(200));
        List<Figure> figures = Plots.forRun(analysis, dir.resolve("plots"));
        Map<Figure.Section, Long> perSection = figures.stream().collect(Collectors.groupingBy(Figure::section, Collectors.counting()));
        // MatVec panels: cold true/false × 2 JDKs; GenerateBenchmark: one panel per JDK.
        assertEquals(4 + 2, perSection.get(Figure.Section.SPEEDUP));
        assertEquals(4, perSection.get(Figure.Section.THROUGHPUT));
        assertEquals(4, perSection.get(Figure.Section.ROOFLINE));
        assertEquals(2, perSection.get(Figure.Section.SWEEP));
        assertTrue(perSection.get(Figure.Section.JDK) >= 3, perSection.toString());
        assertTrue(perSection.get(Figure.Section.BANDWIDTH) >= 1, perSection.toString());
        assertEquals(0, figures.stream().filter(f -> f.section() == Figure.Section.FORKS).count() % 2, "strip and sequence in pairs");
        for (Figure f : figures) {
            assertTrue(f.isDrawn(), f.title() + ": " + f.problem());
            BufferedImage png = ImageIO.read(f.png().toFile());
            assertEquals(2 * ChartStyle.WIDTH, png.getWidth(), f.png().toString());
            assertEquals(2 * ChartStyle.HEIGHT, png.getHeight());
            assertTrue(distinctColours(png) > 8, "something was drawn in " + f.png());
            Document svg = svgParser().parse(f.svg().toFile());
            assertEquals("svg", svg.getDocumentElement().getTagName(), f.svg().toString());
            assertTrue(svg.getElementsByTagName("path").getLength() + svg.getElementsByTagName("text").getLength() > 10);
        }
    }

    @Test
    void pngRecordsItsResolution(@TempDir Path dir) throws Exception {
        Path run = SyntheticSweep.defaultSweep().shapes("768x3072").threads(1).write(dir.resolve("run"));
        RunAnalysis analysis = RunAnalysis.of(RunLoader.load(run), AnalysisOptions.defaults().withResamples(200));
        Figure first = Plots.forRun(analysis, dir.resolve("plots")).get(0);
        try (ImageInputStream in = ImageIO.createImageInputStream(first.png().toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            IIOMetadata metadata = reader.getImageMetadata(0);
            Element root = (Element) metadata.getAsTree("javax_imageio_png_1.0");
            Element physical = (Element) root.getElementsByTagName("pHYs").item(0);
            // 144 dots per inch = 144 / 0.0254 = 5669 pixels per metre, PNG's unit.
            assertEquals("meter", physical.getAttribute("unitSpecifier"));
            assertEquals(5669, Integer.parseInt(physical.getAttribute("pixelsPerUnitXAxis")));
            assertEquals(5669, Integer.parseInt(physical.getAttribute("pixelsPerUnitYAxis")));
        }
    }

    /** An XML parser that does not fetch the SVG DTD from the network. */
    private static javax.xml.parsers.DocumentBuilder svgParser() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder();
    }

    private static long distinctColours(BufferedImage image) {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return Arrays.stream(pixels).distinct().limit(100).count();
    }
}
