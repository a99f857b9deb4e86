package io.quantbench.analysis.plot;

import io.quantbench.analysis.AtomicFiles;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Writes a chart as PNG at {@link ChartStyle#DPI} (the image is scaled and the DPI recorded in the
 * file, like XChart's {@code saveBitmapWithDPI}, but through a stream so that the file can be written
 * atomically) and as SVG (VectorGraphics2D).
 */
final class ChartFiles {

    private ChartFiles() {
    }

    static Figure write(Chart<?, ?> chart, Path dir, String baseName, Figure.Section section, String group,
                        String title, String caption) {
        Path png = dir.resolve(baseName + ".png");
        Path svg = dir.resolve(baseName + ".svg");
        AtomicFiles.write(png, out -> writePng(chart, out));
        AtomicFiles.write(svg, out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
        return new Figure(section, group, title, caption, png, svg, null);
    }

    private static void writePng(Chart<?, ?> chart, OutputStream out) throws IOException {
        double scale = ChartStyle.DPI / 72.0;
        BufferedImage image = new BufferedImage((int) (chart.getWidth() * scale), (int) (chart.getHeight() * scale),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.scale(scale, scale);
        chart.paint(g, chart.getWidth(), chart.getHeight());
        g.dispose();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata metadata = writer.getDefaultImageMetadata(
                    ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_INT_RGB), param);
            metadata.mergeTree("javax_imageio_png_1.0", physicalSize());
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, metadata), param);
        } finally {
            writer.dispose();
        }
    }

    /**
     * PNG's pHYs chunk, written through the PNG-specific metadata tree: the JDK's standard-tree mapping of
     * pixel sizes to pHYs is easy to get wrong (XChart's own writes millimetres where pixel sizes belong).
     */
    private static IIOMetadataNode physicalSize() {
        String pixelsPerMetre = String.valueOf(Math.round(ChartStyle.DPI / 0.0254));
        IIOMetadataNode physical = new IIOMetadataNode("pHYs");
        physical.setAttribute("pixelsPerUnitXAxis", pixelsPerMetre);
        physical.setAttribute("pixelsPerUnitYAxis", pixelsPerMetre);
        physical.setAttribute("unitSpecifier", "meter");
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(physical);
        return root;
    }
}
