package io.quantbench.analysis.plot;

import io.quantbench.analysis.stats.Interval;
import io.quantbench.analysis.table.Numbers;
import org.knowm.xchart.XYChart;

import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Bars with asymmetric confidence whiskers, grouped by category with one bar per series. Two kinds:
 * ratios (speedups), drawn on a log axis from 1 up or down so that 2× and ½× look equally large, with
 * the equivalence band [1 − δ, 1 + δ] shaded; and amounts (GB/s), drawn from 0 on a linear axis with
 * optional reference lines (the memory roof).
 */
final class IntervalBars {

    /** One bar: category index, series index, value with interval. */
    record Bar(int category, int series, Interval value) {
    }

    /** A horizontal line named in the legend, e.g. a measured roof. */
    record Reference(double value, String label) {
    }

    private static final Font VALUE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

    private IntervalBars() {
    }

    static XYChart ratios(String title, String xTitle, String yTitle, List<String> categories, List<String> series,
                          List<Bar> bars, double margin) {
        double low = Math.min(1 - margin, 1);
        double high = 1 + margin;
        for (Bar b : bars) {
            Interval v = b.value();
            low = Math.min(low, Math.min(v.estimate(), v.low() > 0 && Double.isFinite(v.low()) ? v.low() : v.estimate()));
            high = Math.max(high, Math.max(v.estimate(), Double.isFinite(v.high()) ? v.high() : v.estimate()));
        }
        // A log axis shows 2× and ½× alike, but XChart labels only 1-2-5 steps of each decade, so a narrow
        // range (e.g. JDK against JDK, all near 1) reads better on a linear axis.
        boolean logarithmic = high / low >= 3;
        double span = high - low;
        CategoryPlot plot = logarithmic
                ? new CategoryPlot(title, xTitle, yTitle + ", log scale", categories, series, true, low / 1.25, high * 1.3)
                : new CategoryPlot(title, xTitle, yTitle, categories, series, false, Math.max(0, low - 0.1 * span), high + 0.15 * span);
        plot.shapes.band(1 - margin, 1 + margin, ChartStyle.BAND);
        plot.shapes.horizontal(1, ChartStyle.REFERENCE, 1.2f);
        draw(plot, series, bars, 1, logarithmic, v -> Numbers.compact(v) + "×");
        return plot.chart;
    }

    static XYChart amounts(String title, String xTitle, String yTitle, List<String> categories, List<String> series,
                           List<Bar> bars, List<Reference> references) {
        double high = 0;
        for (Bar b : bars) {
            high = Math.max(high, Double.isFinite(b.value().high()) ? b.value().high() : b.value().estimate());
        }
        for (Reference r : references) {
            high = Math.max(high, r.value());
        }
        CategoryPlot plot = new CategoryPlot(title, xTitle, yTitle, categories, series, false, 0, high * 1.18);
        for (Reference r : references) {
            plot.shapes.horizontal(r.value(), ChartStyle.REFERENCE, 1.6f);
            plot.legendLine(r.label(), ChartStyle.REFERENCE);
        }
        draw(plot, series, bars, 0, false, Numbers::compact);
        return plot.chart;
    }

    private static void draw(CategoryPlot plot, List<String> series, List<Bar> bars, double base, boolean logarithmic,
                             DoubleFunction<String> label) {
        double half = plot.slotWidth() * 0.42;
        for (Bar b : bars) {
            double x = plot.x(b.category(), b.series());
            Color colour = CategoryPlot.colour(series, b.series());
            Interval v = b.value();
            plot.shapes.rectangle(x - half, base, x + half, v.estimate(), ChartStyle.translucent(colour, 0xCC));
            plot.shapes.whisker(x, v.estimate(), v.low(), v.high(), ChartStyle.TEXT, logarithmic, 4);
            double top = Double.isFinite(v.high()) ? Math.max(v.high(), v.estimate()) : v.estimate();
            plot.shapes.label(x, top, 5, label.apply(v.estimate()), ChartStyle.TEXT, VALUE_FONT);
        }
    }
}
