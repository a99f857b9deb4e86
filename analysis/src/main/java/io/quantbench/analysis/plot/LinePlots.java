package io.quantbench.analysis.plot;

import io.quantbench.analysis.stats.Interval;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.DoubleStream;

/**
 * Charts with a numeric x axis: a parameter sweep (time against sequence length, tokens, or any numeric
 * {@code @Param}) with confidence bands, and the roofline.
 */
final class LinePlots {

    private LinePlots() {
    }

    /** One point of a line: x and the value's interval. */
    record Point(double x, Interval y) {
    }

    /** A named line of points, sorted by x. */
    record Line(String name, List<Point> points) {
    }

    /**
     * Each line with its confidence band (a translucent polygon from the lower bounds forward and the upper
     * bounds back), on log axes when all values are positive.
     */
    static XYChart sweep(String title, String xTitle, String yTitle, List<Line> lines) {
        XYChart chart = ChartStyle.newChart(title, xTitle, yTitle);
        boolean logarithmic = lines.stream().flatMap(l -> l.points().stream())
                .allMatch(p -> p.x() > 0 && p.y().estimate() > 0 && (!p.y().isBounded() || p.y().low() > 0));
        // A band needs finite bounds; an unbounded end (see Roofline.perSecond) is drawn at the estimate.
        chart.getStyler().setXAxisLogarithmic(logarithmic);
        chart.getStyler().setYAxisLogarithmic(logarithmic);
        decadesOnlyWhenWide(chart, lines.stream().flatMap(l -> l.points().stream()).mapToDouble(Point::x).toArray(),
                lines.stream().flatMap(l -> l.points().stream()).mapToDouble(p -> p.y().estimate()).toArray());
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            Color colour = ChartStyle.colour(line.name(), i);
            int n = line.points().size();
            double[] bandX = new double[2 * n];
            double[] bandY = new double[2 * n];
            for (int k = 0; k < n; k++) {
                Point p = line.points().get(k);
                Point back = line.points().get(n - 1 - k);
                bandX[k] = p.x();
                bandY[k] = Double.isFinite(p.y().low()) ? p.y().low() : p.y().estimate();
                bandX[n + k] = back.x();
                bandY[n + k] = Double.isFinite(back.y().high()) ? back.y().high() : back.y().estimate();
            }
            XYSeries band = chart.addSeries(line.name() + " interval", bandX, bandY);
            band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            band.setFillColor(ChartStyle.translucent(colour, 0x40));
            band.setLineStyle(SeriesLines.NONE);
            band.setMarker(SeriesMarkers.NONE);
            band.setShowInLegend(false);
            XYSeries mean = chart.addSeries(line.name(), line.points().stream().mapToDouble(Point::x).toArray(),
                    line.points().stream().mapToDouble(p -> p.y().estimate()).toArray());
            mean.setLineColor(colour);
            mean.setMarkerColor(colour);
            mean.setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    /**
     * Log axes spanning two decades or more are labelled at decades only: XChart's 1-to-9 steps crowd
     * into each other there ("80 90100").
     */
    private static void decadesOnlyWhenWide(XYChart chart, double[] xs, double[] ys) {
        chart.getStyler().setXAxisLogarithmicDecadeOnly(spansDecades(xs));
        chart.getStyler().setYAxisLogarithmicDecadeOnly(spansDecades(ys));
        // Plain numbers ("10,000") instead of XChart's "1E4" on log axes.
        chart.getStyler().setXAxisDecimalPattern("#,##0.###");
        chart.getStyler().setYAxisDecimalPattern("#,##0.###");
    }

    private static boolean spansDecades(double[] values) {
        double min = Arrays.stream(values).filter(v -> v > 0).min().orElse(1);
        double max = Arrays.stream(values).max().orElse(1);
        return max / min >= 100;
    }

    /** A measured bandwidth roof: performance = intensity × bandwidth. */
    record Roof(String name, double gigabytesPerSecond) {
    }

    /**
     * Achieved GOPS against arithmetic intensity on log–log axes, one colour per format with vertical
     * interval whiskers, under the diagonal memory roofs. No compute roof is drawn: none is measured yet.
     */
    static XYChart roofline(String title, List<Line> formats, List<Roof> roofs) {
        XYChart chart = ChartStyle.newChart(title, "arithmetic intensity (operations per weight byte)", "GOPS");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        double minX = Double.MAX_VALUE;
        double maxX = 0;
        for (Line f : formats) {
            for (Point p : f.points()) {
                minX = Math.min(minX, p.x());
                maxX = Math.max(maxX, p.x());
            }
        }
        double[] roofX = {minX / 1.6, maxX * 1.6};
        double[] achieved = formats.stream().flatMap(l -> l.points().stream()).mapToDouble(p -> p.y().estimate()).toArray();
        double maxRoof = roofs.stream().mapToDouble(Roof::gigabytesPerSecond).max().orElse(1) * roofX[1];
        decadesOnlyWhenWide(chart, roofX, DoubleStream.concat(Arrays.stream(achieved),
                DoubleStream.of(maxRoof)).toArray());
        for (Roof r : roofs) {
            XYSeries roof = chart.addSeries(r.name(), roofX, new double[] {roofX[0] * r.gigabytesPerSecond(), roofX[1] * r.gigabytesPerSecond()});
            roof.setLineColor(ChartStyle.REFERENCE);
            roof.setLineStyle(roofs.indexOf(r) == 0 ? SeriesLines.SOLID : SeriesLines.DASH_DASH);
            roof.setMarker(SeriesMarkers.NONE);
        }
        for (int i = 0; i < formats.size(); i++) {
            Line f = formats.get(i);
            Color colour = ChartStyle.colour(f.name(), i);
            List<Double> wx = new ArrayList<>();
            List<Double> wy = new ArrayList<>();
            for (Point p : f.points()) {
                if (p.y().isBounded() && p.y().low() > 0) {
                    wx.add(p.x());
                    wy.add(p.y().low());
                    wx.add(p.x());
                    wy.add(p.y().high());
                    wx.add(p.x());
                    wy.add(Double.NaN);                        // one segment per point
                }
            }
            if (!wx.isEmpty()) {
                XYSeries whiskers = chart.addSeries(f.name() + " interval", wx.stream().mapToDouble(Double::doubleValue).toArray(),
                        wy.stream().mapToDouble(Double::doubleValue).toArray());
                whiskers.setLineColor(colour);
                whiskers.setMarker(SeriesMarkers.NONE);
                whiskers.setShowInLegend(false);
            }
            XYSeries points = chart.addSeries(f.name(), f.points().stream().mapToDouble(Point::x).toArray(),
                    f.points().stream().mapToDouble(p -> p.y().estimate()).toArray());
            points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            points.setMarkerColor(colour);
            points.setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }
}
