package io.quantbench.analysis.plot;

import io.quantbench.analysis.input.Measurement;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The raw material behind every interval, one panel of configurations at a time. Values are shown as the
 * percentage deviation from the configuration's mean of fork means, so configurations that differ ten-fold
 * in time share one axis and what is visible is spread, drift and forks that disagree.
 * <ul>
 *   <li>Strip plot: each fork's iterations as dots in the fork's own column and colour, its mean as a bar.
 *       Forks that sit apart from each other are what the ICC measures; a fork split in two levels is
 *       bimodality (criterion.rs #383).</li>
 *   <li>Run-sequence plot: the iterations in the order they ran, forks one after another (separated by
 *       vertical lines). A slope inside a fork is unfinished warm-up; a step between forks is between-fork
 *       variation (Kalibera &amp; Jones identify warm-up this way).</li>
 * </ul>
 */
final class ForkPlots {

    private ForkPlots() {
    }

    static XYChart strip(String title, List<String> labels, List<Measurement> configurations) {
        int maxForks = configurations.stream().mapToInt(Measurement::forkCount).max().orElse(1);
        List<String> forkNames = new ArrayList<>();
        for (int f = 0; f < maxForks; f++) {
            forkNames.add("fork " + (f + 1));
        }
        double low = 0;
        double high = 0;
        for (Measurement m : configurations) {
            for (double v : relative(m)) {
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
        }
        double pad = Math.max(0.5, (high - low) * 0.08);
        CategoryPlot plot = new CategoryPlot(title, "", "deviation from the configuration's mean (%)", labels,
                maxForks > 1 ? forkNames : List.of(), false, low - pad, high + pad);
        plot.shapes.horizontal(0, ChartStyle.REFERENCE, 1f);
        for (int c = 0; c < configurations.size(); c++) {
            Measurement m = configurations.get(c);
            double mean = mean(m);
            for (int f = 0; f < m.forkCount(); f++) {
                double x = plot.x(c, f);
                Color colour = ChartStyle.colour(null, f);
                double[] fork = m.forks()[f];
                for (int i = 0; i < fork.length; i++) {
                    // A small deterministic spread so that equal iterations do not hide each other.
                    double jitter = (i - (fork.length - 1) / 2.0) * plot.slotWidth() * 0.5 / Math.max(1, fork.length);
                    plot.shapes.dot(x + jitter, percent(fork[i], mean), 3.2, ChartStyle.translucent(colour, 0xB0), colour);
                }
                double forkMean = percent(Arrays.stream(fork).average().orElse(Double.NaN), mean);
                double half = plot.slotWidth() * 0.4;
                plot.shapes.segment(x - half, forkMean, x + half, forkMean, ChartStyle.TEXT, 2f);
            }
        }
        return plot.chart;
    }

    /** Line styles that tell categories (shapes) apart within one colour. */
    private static final BasicStroke[] STYLES = {SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.DOT_DOT, SeriesLines.DASH_DOT};

    /**
     * @param seriesValues   per configuration, the value that picks its colour (its format)
     * @param categoryValues per configuration, the value that picks its line style (its shape)
     */
    static XYChart runSequence(String title, List<String> labels, List<Measurement> configurations,
                               List<String> seriesValues, List<String> categoryValues) {
        List<String> distinctSeries = seriesValues.stream().distinct().collect(Collectors.toList());
        List<String> distinctCategories = categoryValues.stream().distinct().collect(Collectors.toList());
        XYChart chart = ChartStyle.newChart(title, "measurement iteration, forks in the order they ran",
                "deviation from the configuration's mean (%)");
        int longestFork = 0;
        int forks = 0;
        for (int c = 0; c < configurations.size(); c++) {
            Measurement m = configurations.get(c);
            double mean = mean(m);
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            int position = 0;
            for (double[] fork : m.forks()) {
                for (double v : fork) {
                    xs.add((double) ++position);
                    ys.add(percent(v, mean));
                }
                xs.add(position + 0.5);
                ys.add(Double.NaN);                            // break the line between forks
                longestFork = Math.max(longestFork, fork.length);
            }
            forks = Math.max(forks, m.forkCount());
            XYSeries series = chart.addSeries(labels.get(c), xs.stream().mapToDouble(Double::doubleValue).toArray(),
                    ys.stream().mapToDouble(Double::doubleValue).toArray());
            Color colour = ChartStyle.colour(seriesValues.get(c), distinctSeries.indexOf(seriesValues.get(c)));
            series.setLineColor(colour);
            series.setMarkerColor(colour);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setLineStyle(STYLES[distinctCategories.indexOf(categoryValues.get(c)) % STYLES.length]);
        }
        chart.getStyler().setMarkerSize(5);
        boolean equalForks = configurations.stream().allMatch(m -> Arrays.stream(m.forks()).allMatch(f -> f.length == m.forks()[0].length));
        if (equalForks && longestFork > 0) {
            for (int f = 1; f < forks; f++) {
                chart.addAnnotation(new AnnotationLine(f * longestFork + 0.5, true, false));
            }
        }
        chart.addAnnotation(new AnnotationLine(0, false, false));
        chart.getStyler().setAnnotationLineColor(ChartStyle.GRID.darker());
        return chart;
    }

    private static double[] relative(Measurement m) {
        double mean = mean(m);
        return Arrays.stream(m.allIterations()).map(v -> percent(v, mean)).toArray();
    }

    private static double mean(Measurement m) {
        return Arrays.stream(m.forkMeans()).average().orElse(Double.NaN);
    }

    private static double percent(double value, double mean) {
        return 100 * (value / mean - 1);
    }
}
