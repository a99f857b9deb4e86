package io.quantbench.analysis.plot;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.Arrays;
import java.util.List;

/**
 * An XY chart laid out as categories along x, each with one slot per series, and the {@link Shapes} to draw
 * into. Categories sit at x = 0, 1, …, n − 1 and the axis runs from −1 to n, so that the tick positions are
 * equally spaced and XChart labels every category (its tick labeller needs equally spaced, distinct labels).
 */
final class CategoryPlot {

    /** Share of a category's width that its slots fill. */
    private static final double FILL = 0.8;
    /** Beyond this many characters per available pixel the category labels stand vertically. */
    private static final double PIXELS_PER_CHARACTER = 7.5;

    final XYChart chart;
    final Shapes shapes = new Shapes();
    private final int seriesCount;

    CategoryPlot(String title, String xTitle, String yTitle, List<String> categories, List<String> seriesNames,
                 boolean logarithmic, double yMin, double yMax) {
        chart = ChartStyle.newChart(title, xTitle, yTitle);
        seriesCount = Math.max(1, seriesNames.size());
        int n = categories.size();
        double[] positions = new double[n];
        double[] nothing = new double[n];
        Arrays.setAll(positions, i -> i);
        Arrays.fill(nothing, Double.NaN);
        // The chart's own series only carry the category positions and the legend entries.
        for (int s = 0; s < seriesNames.size(); s++) {
            XYSeries legend = chart.addSeries(seriesNames.get(s), positions, nothing);
            legend.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            legend.setMarker(SeriesMarkers.SQUARE);
            legend.setMarkerColor(ChartStyle.colour(seriesNames.get(s), s));
        }
        if (seriesNames.isEmpty()) {
            chart.addSeries(" ", positions, nothing).setShowInLegend(false);
            chart.getStyler().setLegendVisible(false);
        }
        chart.getStyler().setXAxisMin(-1.0);
        chart.getStyler().setXAxisMax((double) n);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(x -> categoryLabel(categories, x));
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        int longest = categories.stream().mapToInt(String::length).max().orElse(1);
        double pixelsPerCategory = ChartStyle.WIDTH * 0.85 / (n + 1);
        if (longest * PIXELS_PER_CHARACTER > 0.9 * pixelsPerCategory) {
            chart.getStyler().setXAxisLabelRotation(90);
        }
        chart.getStyler().setYAxisLogarithmic(logarithmic);
        // Over two decades or more XChart's 1-to-9 ticks of every decade run into each other.
        chart.getStyler().setYAxisLogarithmicDecadeOnly(yMax / yMin >= 100);
        chart.getStyler().setYAxisMin(yMin);
        chart.getStyler().setYAxisMax(yMax);
        // Bar charts have few legend entries: below the plot they leave it the full width.
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.addAnnotation(shapes);
    }

    /**
     * The label of the category at x; blank off the categories. Blanks are spaces, not empty strings (which
     * Java's text layout rejects), and the two ends get different ones because XChart drops tick labels
     * that are not all distinct.
     */
    private static String categoryLabel(List<String> categories, double x) {
        long i = Math.round(x);
        if (Math.abs(x - i) > 1e-6 || i < 0) {
            return " ";
        }
        return i >= categories.size() ? "  " : categories.get((int) i);
    }

    /** A legend entry drawn as a line, for a reference line that carries no label on the plot. */
    void legendLine(String name, Color colour) {
        XYSeries entry = chart.addSeries(name, new double[] {0}, new double[] {Double.NaN});
        entry.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        entry.setMarker(SeriesMarkers.NONE);
        entry.setLineColor(colour);
        chart.getStyler().setLegendVisible(true);
    }

    /** The x of series {@code s}' slot in category {@code c}. */
    double x(int c, int s) {
        return c + (s - (seriesCount - 1) / 2.0) * slotWidth();
    }

    double slotWidth() {
        return FILL / seriesCount;
    }

    static Color colour(List<String> seriesNames, int s) {
        return ChartStyle.colour(s < seriesNames.size() ? seriesNames.get(s) : null, s);
    }
}
