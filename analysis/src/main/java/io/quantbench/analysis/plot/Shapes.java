package io.quantbench.analysis.plot;

import org.knowm.xchart.internal.chartpart.Annotation;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Rectangles, line segments, dots and labels placed in data coordinates and drawn over an XY chart.
 *
 * <p>Why: XChart's category charts have only symmetric error bars, and its XY charts place x tick labels
 * only where every label is distinct, so bars grouped around a category are drawn here, while the
 * chart's own series carry nothing but the category positions (for the tick labels) and the legend.
 * The axes' transforms (linear or logarithmic) still come from XChart.
 */
final class Shapes extends Annotation {

    private final List<Item> items = new ArrayList<>();

    Shapes() {
        super(false);
    }

    private interface Item {
        void paint(Graphics2D g, Shapes on);
    }

    /** A filled rectangle between two data points. */
    void rectangle(double x0, double y0, double x1, double y1, Color fill) {
        items.add((g, on) -> {
            double left = Math.min(on.sx(x0), on.sx(x1));
            double top = Math.min(on.sy(y0), on.sy(y1));
            g.setColor(fill);
            g.fill(new Rectangle2D.Double(left, top, Math.abs(on.sx(x1) - on.sx(x0)), Math.abs(on.sy(y1) - on.sy(y0))));
        });
    }

    void segment(double x0, double y0, double x1, double y1, Color colour, float width) {
        items.add((g, on) -> {
            g.setColor(colour);
            g.setStroke(new BasicStroke(width));
            g.draw(new Line2D.Double(on.sx(x0), on.sy(y0), on.sx(x1), on.sy(y1)));
        });
    }

    /**
     * A confidence interval as a vertical whisker with caps of {@code capPixels} on each side, drawn
     * through {@code estimate}. An end that is unbounded (or not positive on a log axis) runs dashed to the
     * plot's edge without a cap, so that "no limit" does not look like a measured bound. Unknown bounds
     * (NaN) draw nothing.
     */
    void whisker(double x, double estimate, double low, double high, Color colour, boolean logarithmic, double capPixels) {
        if (Double.isNaN(low) || Double.isNaN(high)) {
            return;
        }
        items.add((g, on) -> {
            double px = on.sx(x);
            double middle = on.sy(estimate);
            boolean lowBounded = Double.isFinite(low) && (!logarithmic || low > 0);
            boolean highBounded = Double.isFinite(high);
            double bottom = lowBounded ? on.sy(low) : on.getYAxisScreenValueForMax();
            double top = highBounded ? on.sy(high) : on.getYAxisScreenValueForMin();
            g.setColor(colour);
            g.setStroke(lowBounded ? SOLID : DASHED);
            g.draw(new Line2D.Double(px, middle, px, bottom));
            g.setStroke(highBounded ? SOLID : DASHED);
            g.draw(new Line2D.Double(px, middle, px, top));
            g.setStroke(SOLID);
            if (lowBounded) {
                g.draw(new Line2D.Double(px - capPixels, bottom, px + capPixels, bottom));
            }
            if (highBounded) {
                g.draw(new Line2D.Double(px - capPixels, top, px + capPixels, top));
            }
        });
    }

    private static final BasicStroke SOLID = new BasicStroke(1.6f);
    private static final BasicStroke DASHED = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {4f, 4f}, 0f);

    void dot(double x, double y, double radiusPixels, Color fill, Color outline) {
        items.add((g, on) -> {
            Ellipse2D.Double circle = new Ellipse2D.Double(on.sx(x) - radiusPixels, on.sy(y) - radiusPixels,
                    2 * radiusPixels, 2 * radiusPixels);
            g.setColor(fill);
            g.fill(circle);
            if (outline != null) {
                g.setColor(outline);
                g.setStroke(new BasicStroke(1f));
                g.draw(circle);
            }
        });
    }

    /** A label centred horizontally at x, its baseline {@code pixelsAbove} above y. */
    void label(double x, double y, double pixelsAbove, String text, Color colour, Font font) {
        items.add((g, on) -> {
            g.setFont(font);
            g.setColor(colour);
            FontMetrics metrics = g.getFontMetrics();
            g.drawString(text, (float) (on.sx(x) - metrics.stringWidth(text) / 2.0), (float) (on.sy(y) - pixelsAbove));
        });
    }

    /** A horizontal line across the whole plot. */
    void horizontal(double y, Color colour, float width) {
        items.add((g, on) -> {
            g.setColor(colour);
            g.setStroke(new BasicStroke(width));
            g.draw(new Line2D.Double(on.getXAxisScreenValueForMin(), on.sy(y), on.getXAxisScreenValueForMax(), on.sy(y)));
        });
    }

    /** A horizontal band across the whole plot between two y values. */
    void band(double y0, double y1, Color fill) {
        items.add((g, on) -> {
            double top = Math.min(on.sy(y0), on.sy(y1));
            g.setColor(fill);
            g.fill(new Rectangle2D.Double(on.getXAxisScreenValueForMin(), top,
                    on.getXAxisScreenValueForMax() - on.getXAxisScreenValueForMin(), Math.abs(on.sy(y1) - on.sy(y0))));
        });
    }

    @Override
    public void paint(Graphics2D g) {
        if (!isVisible) {
            return;
        }
        java.awt.Shape clip = g.getClip();
        g.clip(new Rectangle2D.Double(getXAxisScreenValueForMin(), getYAxisScreenValueForMin(),
                getXAxisScreenValueForMax() - getXAxisScreenValueForMin(), getYAxisScreenValueForMax() - getYAxisScreenValueForMin()));
        for (Item item : items) {
            item.paint(g, this);
        }
        g.setClip(clip);
    }

    private double sx(double x) {
        return getXAxisScreenValue(x);
    }

    private double sy(double y) {
        return getYAxisScreenValue(y);
    }
}
