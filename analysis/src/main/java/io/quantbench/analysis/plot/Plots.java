package io.quantbench.analysis.plot;

import io.quantbench.analysis.input.Measurement;
import io.quantbench.analysis.stats.Interval;
import io.quantbench.analysis.summary.AxisRoles;
import io.quantbench.analysis.summary.Comparison;
import io.quantbench.analysis.summary.DerivedFigures;
import io.quantbench.analysis.summary.Roofline;
import io.quantbench.analysis.summary.RunAnalysis;
import org.knowm.xchart.XYChart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every plot of a report, written to one folder: for each benchmark group (class) and each panel
 * (combination of the axes a chart does not show), the charts that apply to it. A chart with nothing to
 * show (no baseline pairs, no numeric sweep, one JDK) is not drawn.
 */
public final class Plots {

    private final Path dir;
    private final double margin;
    private final String confidence;
    private final Set<String> usedNames = new HashSet<>();
    private final List<Figure> figures = new ArrayList<>();

    private Plots(Path dir, double margin, String confidence) {
        this.dir = dir;
        this.margin = margin;
        this.confidence = confidence;
    }

    /** Draws the run's plots into {@code dir}, in report order. */
    public static List<Figure> forRun(RunAnalysis analysis, Path dir) {
        Plots plots = new Plots(dir, analysis.options().margin(), analysis.options().confidenceLabel());
        List<AxisRoles> groups = AxisRoles.groups(analysis.run().measurements());
        for (AxisRoles group : groups) {
            plots.ratios(group, analysis.speedups(), Figure.Section.SPEEDUP);
            plots.throughput(group, analysis);
            plots.roofline(group, analysis);
            plots.sweep(group, analysis);
            plots.ratios(group, analysis.jdkComparisons(), Figure.Section.JDK);
        }
        plots.bandwidth(analysis);
        for (AxisRoles group : groups) {
            plots.forks(group);
        }
        return List.copyOf(plots.figures);
    }

    /** Ratio bars of each configuration in one run against the same configuration in the reference run. */
    public static List<Figure> forRunComparisons(List<Comparison> comparisons, double margin, String confidence, Path dir) {
        Plots plots = new Plots(dir, margin, confidence);
        List<Measurement> candidates = comparisons.stream().map(Comparison::candidate).collect(Collectors.toList());
        for (AxisRoles group : AxisRoles.groups(candidates)) {
            plots.ratios(group, comparisons, Figure.Section.RUNS);
        }
        return List.copyOf(plots.figures);
    }

    /** One bar of a bar chart before it is placed: its configuration, series and category names, and value. */
    private record Item(Measurement measurement, String series, String category, Interval value) {
    }

    /**
     * Speedups (or JDK or run comparisons). When the compared axis is the group's series axis (the format
     * for speedups), its values are the bars and the group's category (the shape) the x axis. Otherwise
     * (another JDK, another run) the bars are the compared values and each x category is one combination
     * of the group's series and category (e.g. "INT8 2560x6912"); the other axes make the panels.
     */
    private void ratios(AxisRoles group, List<Comparison> all, Figure.Section section) {
        List<Comparison> mine = all.stream().filter(c -> group.members().contains(c.candidate())).collect(Collectors.toList());
        if (mine.isEmpty()) {
            return;
        }
        String axis = mine.get(0).axis();
        String reference = mine.get(0).referenceValue();
        boolean comparedIsSeries = axis.equals(group.series());
        List<String> categoryAxes = new ArrayList<>();
        if (!comparedIsSeries && group.series() != null) {
            categoryAxes.add(group.series());
        }
        if (group.category() != null && !group.category().equals(axis)) {
            categoryAxes.add(group.category());
        }
        Set<String> plotted = AxisRoles.plotted(axis);
        plotted.addAll(categoryAxes);
        List<Item> items = mine.stream().map(c -> new Item(c.candidate(), c.candidateValue(),
                category(group, c.candidate(), categoryAxes), c.ratio())).collect(Collectors.toList());
        String what = section == Figure.Section.SPEEDUP ? "speedup against " + reference : axis + " against " + reference;
        String xTitle = String.join(" ", categoryAxes);
        barsPerPanel(group, plotted, items, section, section.name().toLowerCase(Locale.ROOT), what,
                (title, panelItems) -> {
                    Layout layout = new Layout(panelItems);
                    return IntervalBars.ratios(title, xTitle, "speedup (× " + reference + ")", layout.categories,
                            layout.series, layout.bars(panelItems), margin);
                },
                "Bars from 1: each configuration's speedup over the same configuration with " + axis + " = " + reference
                        + " (ratio of geometric means of fork means); whiskers: " + confidence + " interval; grey band:"
                        + " the equivalence margin ±" + percent(margin) + ".");
    }

    private void throughput(AxisRoles group, RunAnalysis analysis) {
        List<DerivedFigures> mine = analysis.derived().stream().filter(d -> group.members().contains(d.measurement()))
                .collect(Collectors.toList());
        Set<String> plotted = AxisRoles.plotted(group.series(), group.category());
        List<Item> items = mine.stream().map(d -> new Item(d.measurement(), seriesOf(group, d.measurement()),
                category(group, d.measurement(), categoryAxes(group)), d.gigabytesPerSecond())).collect(Collectors.toList());
        barsPerPanel(group, plotted, items, Figure.Section.THROUGHPUT, "bandwidth", "effective bandwidth",
                (title, panelItems) -> {
                    Layout layout = new Layout(panelItems);
                    List<IntervalBars.Reference> roofs = mine.stream()
                            .filter(d -> panelItems.stream().anyMatch(i -> i.measurement() == d.measurement()))
                            .map(DerivedFigures::roof).flatMap(Optional::stream).distinct()
                            .map(r -> new IntervalBars.Reference(r.gigabytesPerSecond().estimate(), String.format(Locale.ROOT,
                                    "memory roof %.1f GB/s (%s)", r.gigabytesPerSecond().estimate(), paramsLabel(r.bandwidth()))))
                            .collect(Collectors.toList());
                    return IntervalBars.amounts(title, group.category() == null ? "" : group.category(),
                            "weight bytes ÷ time (GB/s)", layout.categories, layout.series, layout.bars(panelItems), roofs);
                },
                "Effective bandwidth: the matrix's bytes in its format (scales included) divided by the mean time per"
                        + " call, with the " + confidence + " interval of the time. The line is the read bandwidth"
                        + " BandwidthBenchmark measured at the same thread count and JDK (the best of its stream counts).");
    }

    private void bandwidth(RunAnalysis analysis) {
        List<Roofline.Roof> roofs = analysis.roofs();
        if (roofs.isEmpty()) {
            return;
        }
        AxisRoles group = AxisRoles.groups(roofs.stream().map(Roofline.Roof::bandwidth).collect(Collectors.toList())).get(0);
        Set<String> plotted = AxisRoles.plotted(group.series(), group.category());
        List<Item> items = roofs.stream().map(r -> new Item(r.bandwidth(), seriesOf(group, r.bandwidth()),
                category(group, r.bandwidth(), categoryAxes(group)), r.gigabytesPerSecond())).collect(Collectors.toList());
        barsPerPanel(group, plotted, items, Figure.Section.BANDWIDTH, "read-bandwidth", "read bandwidth",
                (title, panelItems) -> {
                    Layout layout = new Layout(panelItems);
                    return IntervalBars.amounts(title, group.category() == null ? "" : group.category(),
                            "GB/s (512 MiB ÷ time)", layout.categories, layout.series, layout.bars(panelItems), List.of());
                },
                "Read bandwidth of each BandwidthBenchmark configuration with the " + confidence + " interval of its"
                        + " time. The roof of a thread count is the best of its stream counts.");
    }

    private void roofline(AxisRoles group, RunAnalysis analysis) {
        List<DerivedFigures> mine = analysis.derived().stream()
                .filter(d -> group.members().contains(d.measurement()) && d.roof().isPresent()).collect(Collectors.toList());
        if (mine.isEmpty()) {
            return;
        }
        for (AxisRoles.Panel panel : group.panels(AxisRoles.plotted(group.series(), group.category()))) {
            List<DerivedFigures> inPanel = mine.stream().filter(d -> panel.members().contains(d.measurement()))
                    .collect(Collectors.toList());
            if (inPanel.isEmpty()) {
                continue;
            }
            List<LinePlots.Line> lines = new ArrayList<>();
            for (String name : distinct(inPanel, d -> seriesOf(group, d.measurement()))) {
                lines.add(new LinePlots.Line(name, inPanel.stream().filter(d -> name.equals(seriesOf(group, d.measurement())))
                        .map(d -> new LinePlots.Point(d.matrix().arithmeticIntensity(), d.gigaOpsPerSecond()))
                        .collect(Collectors.toList())));
            }
            List<LinePlots.Roof> roofs = inPanel.stream().map(DerivedFigures::roof).flatMap(Optional::stream).distinct()
                    .map(r -> new LinePlots.Roof(String.format(Locale.ROOT, "roof %.1f GB/s", r.gigabytesPerSecond().estimate()),
                            r.gigabytesPerSecond().estimate()))
                    .collect(Collectors.toList());
            String title = group.name() + ": roofline" + panelSuffix(panel);
            add(LinePlots.roofline(title, lines, roofs), Figure.Section.ROOFLINE, group, "roofline", panel, title,
                    "Operations per second against operations per byte of weights (2·M·K·N ÷ bytes), with the " + confidence
                            + " interval. Under the diagonal memory roof (intensity × measured bandwidth) a kernel is"
                            + " memory-bound; the distance below it is what the kernel leaves unused. No compute roof is"
                            + " drawn: it is not measured.");
        }
    }

    private void sweep(AxisRoles group, RunAnalysis analysis) {
        String x = group.sweep();
        if (x == null) {
            return;
        }
        String series = x.equals(group.series()) ? null : group.series();
        for (AxisRoles.Panel panel : group.panels(AxisRoles.plotted(series, x))) {
            List<Measurement> members = panel.members().stream().filter(Measurement::hasRawData).collect(Collectors.toList());
            if (members.isEmpty()) {
                continue;
            }
            List<LinePlots.Line> lines = new ArrayList<>();
            for (String name : distinct(members, m -> series == null ? "all" : group.axesOf(m).get(series))) {
                lines.add(new LinePlots.Line(name, members.stream()
                        .filter(m -> series == null || name.equals(group.axesOf(m).get(series)))
                        .map(m -> new LinePlots.Point(Double.parseDouble(group.axesOf(m).get(x)), analysis.summaryOf(m).mean()))
                        .sorted(Comparator.comparingDouble(LinePlots.Point::x))
                        .collect(Collectors.toList())));
            }
            Measurement first = members.get(0);
            String title = group.name() + ": " + first.unit().quantity() + " against " + x + panelSuffix(panel);
            add(LinePlots.sweep(title, x, first.unit().quantity() + " (" + first.unit() + ")", lines), Figure.Section.SWEEP,
                    group, "sweep", panel, title, "Mean of fork means against " + x + ", with the " + confidence
                            + " interval as a band; log axes when every value is positive.");
        }
    }

    private void forks(AxisRoles group) {
        Set<String> plotted = AxisRoles.plotted(group.series(), group.category());
        List<String> panelAxes = group.varyingAxes().stream().filter(a -> !plotted.contains(a)).collect(Collectors.toList());
        for (AxisRoles.Panel panel : group.panels(plotted)) {
            List<Measurement> members = panel.members().stream().filter(Measurement::hasRawData).collect(Collectors.toList());
            if (members.isEmpty()) {
                continue;
            }
            List<String> labels = uniqueLabels(members.stream().map(m -> orAll(group.shortLabel(m, panelAxes))).collect(Collectors.toList()));
            List<String> seriesValues = members.stream().map(m -> seriesOf(group, m)).collect(Collectors.toList());
            List<String> categoryValues = members.stream()
                    .map(m -> group.category() == null ? "" : group.axesOf(m).get(group.category())).collect(Collectors.toList());
            String strip = group.name() + ": iterations by fork" + panelSuffix(panel);
            add(ForkPlots.strip(strip, labels, members), Figure.Section.FORKS, group, "forks", panel, strip,
                    "Every measurement iteration as a dot in its fork's column and colour, the fork's mean as a black bar,"
                            + " as the percentage deviation from the configuration's mean of fork means. Forks that sit"
                            + " apart are the between-fork variance the ICC measures.");
            String sequence = group.name() + ": run sequence" + panelSuffix(panel);
            add(ForkPlots.runSequence(sequence, labels, members, seriesValues, categoryValues), Figure.Section.FORKS, group,
                    "sequence", panel, sequence, "Iterations in the order they ran, forks one after another (vertical"
                            + " lines); colour by " + (group.series() == null ? "configuration" : group.series())
                            + ", line style by " + (group.category() == null ? "configuration" : group.category())
                            + ". A slope inside a fork is unfinished warm-up; a step between forks is between-fork variation.");
        }
    }

    /** Makes one bar chart per panel of the items that fall in it. */
    private void barsPerPanel(AxisRoles group, Set<String> plotted, List<Item> items, Figure.Section section, String kind,
                              String what, ChartMaker maker, String caption) {
        if (items.isEmpty()) {
            return;
        }
        for (AxisRoles.Panel panel : group.panels(plotted)) {
            List<Item> inPanel = items.stream().filter(i -> panel.members().contains(i.measurement())).collect(Collectors.toList());
            if (!inPanel.isEmpty()) {
                String title = group.name() + ": " + what + panelSuffix(panel);
                add(maker.make(title, inPanel), section, group, kind, panel, title, caption);
            }
        }
    }

    @FunctionalInterface
    private interface ChartMaker {
        XYChart make(String title, List<Item> items);
    }

    /** Categories and series of a panel's items in order of first appearance, and the bars at their places. */
    private static final class Layout {
        final List<String> categories;
        final List<String> series;

        Layout(List<Item> items) {
            categories = distinct(items, Item::category);
            List<String> names = distinct(items, Item::series);
            series = names.equals(List.of("")) ? List.of() : names;
        }

        List<IntervalBars.Bar> bars(List<Item> items) {
            return items.stream().map(i -> new IntervalBars.Bar(categories.indexOf(i.category()),
                    Math.max(0, series.indexOf(i.series())), i.value())).collect(Collectors.toList());
        }
    }

    private static String seriesOf(AxisRoles group, Measurement m) {
        return group.series() == null ? "" : group.axesOf(m).get(group.series());
    }

    /** The group's category axis as a list (empty when there is none). */
    private static List<String> categoryAxes(AxisRoles group) {
        return group.category() == null ? List.of() : List.of(group.category());
    }

    /**
     * The x category of a bar: the values of {@code axes} ("INT8 2560x6912", "INT8 threads=1"); a lone
     * category axis is its bare value because the x axis title names it; "all" when there are none.
     */
    private static String category(AxisRoles group, Measurement m, List<String> axes) {
        if (axes.size() == 1) {
            return group.axesOf(m).get(axes.get(0));
        }
        return orAll(group.valuesLabel(m, axes));
    }

    private static String paramsLabel(Measurement m) {
        return m.params().entrySet().stream().map(Map.Entry::toString).collect(Collectors.joining(", "));
    }

    private void add(XYChart chart, Figure.Section section, AxisRoles group, String kind, AxisRoles.Panel panel, String title,
                     String caption) {
        String base = fileName(kind + "-" + group.name() + (panel == null || panel.label().isEmpty() ? "" : "-" + panel.label()));
        try {
            figures.add(ChartFiles.write(chart, dir, base, section, group.name(), title, caption));
        } catch (RuntimeException e) {
            // One chart XChart refuses to draw should cost that chart, not the report; the report says so.
            figures.add(new Figure(section, group.name(), title, caption, null, null,
                    e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    /** A file name from a label: lower case, letters, digits, dots and dashes; made unique with a counter. */
    private String fileName(String label) {
        String base = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^-|-$", "");
        String name = base;
        for (int i = 2; !usedNames.add(name); i++) {
            name = base + "-" + i;
        }
        return name;
    }

    private static <T> List<String> distinct(List<T> items, Function<T, String> key) {
        return items.stream().map(key).distinct().collect(Collectors.toList());
    }

    /** Labels made distinct by numbering repeats (XChart needs distinct tick labels). */
    private static List<String> uniqueLabels(List<String> labels) {
        List<String> unique = new ArrayList<>();
        for (String label : labels) {
            String candidate = label;
            for (int i = 2; unique.contains(candidate); i++) {
                candidate = label + " (" + i + ")";
            }
            unique.add(candidate);
        }
        return unique;
    }

    private static String orAll(String label) {
        return label.isEmpty() ? "all" : label;
    }

    private static String panelSuffix(AxisRoles.Panel panel) {
        return panel == null || panel.label().isEmpty() ? "" : " — " + panel.label();
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * share);
    }
}
