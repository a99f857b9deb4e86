package io.quantbench.analysis.plot;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

import java.awt.Color;
import java.awt.Font;
import java.util.Locale;
import java.util.Map;

/**
 * The look shared by every chart: size, fonts, colours. Fonts are the logical {@code SansSerif}, which
 * fontconfig maps to DejaVu Sans on Debian (see README: a slim system needs fontconfig and a font
 * package). Each weight format keeps its colour in every chart.
 */
final class ChartStyle {

    static final int WIDTH = 960;
    static final int HEIGHT = 540;
    /** 144 dpi = 2× the 72 dpi XChart draws at: crisp on high-density screens and in print. */
    static final int DPI = 144;

    static final Color TEXT = new Color(0x33, 0x33, 0x33);
    static final Color GRID = new Color(0xE3, 0xE3, 0xE3);
    static final Color REFERENCE = new Color(0x44, 0x44, 0x44);
    static final Color BAND = new Color(0, 0, 0, 0x16);

    /** Tableau 10: distinguishable, and legible for the common colour-vision deficiencies. */
    private static final Color[] PALETTE = {
            new Color(0x4E79A7), new Color(0xF28E2B), new Color(0x59A14F), new Color(0xE15759), new Color(0xB07AA1),
            new Color(0x76B7B2), new Color(0xEDC948), new Color(0xFF9DA7), new Color(0x9C755F), new Color(0xBAB0AC)};

    private static final Map<String, Color> FORMAT_COLOURS = Map.of(
            "F32", PALETTE[0], "INT8", PALETTE[1], "INT4", PALETTE[2], "TERNARY", PALETTE[3], "ADAPTIVE", PALETTE[4]);

    private ChartStyle() {
    }

    /** A series' colour: the format's own, else the palette by position. */
    static Color colour(String series, int index) {
        Color known = series == null ? null : FORMAT_COLOURS.get(series.toUpperCase(Locale.ROOT));
        return known != null ? known : PALETTE[Math.floorMod(index, PALETTE.length)];
    }

    static Color translucent(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    static XYChart newChart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        XYStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setPlotGridLinesColor(GRID);
        s.setChartFontColor(TEXT);
        s.setAxisTickLabelsColor(TEXT);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setAnnotationTextFontColor(TEXT);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendBorderColor(Color.WHITE);
        s.setMarkerSize(8);
        s.setToolTipsEnabled(false);
        s.setChartTitleBoxVisible(false);
        return chart;
    }
}
