package io.quantbench.analysis.summary;

import io.quantbench.analysis.input.Measurement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How one group of configurations (the entries of one benchmark class in one mode and unit) is laid out
 * in plots and tables, decided from which axes vary rather than from fixed names, so new params need no
 * code:
 * <ul>
 *   <li>series (one colour each): the first varying of {@code format}, {@code method}, {@code model}, {@code jdk};</li>
 *   <li>sweep (a numeric x axis for line plots): {@code seqLen} or {@code tokens}, else any other varying
 *       numeric axis with at least three values;</li>
 *   <li>category (the x of bar charts): {@code shape}, else the sweep axis, else the first other varying axis;</li>
 *   <li>without a named series axis, the first varying axis that is not the category becomes the series,
 *       so that two varying axes share one chart;</li>
 *   <li>panels: one plot per combination of the remaining varying axes ({@code threads}, {@code cold}, ...).</li>
 * </ul>
 * {@code method} is an axis only when a class has several benchmark methods.
 */
public final class AxisRoles {

    public static final String METHOD_AXIS = "method";

    private static final List<String> SERIES_PREFERENCE = List.of(Baseline.FORMAT_AXIS, METHOD_AXIS, "model", Measurement.JDK_AXIS);
    private static final List<String> SWEEP_PREFERENCE = List.of("seqLen", "tokens");
    private static final String SHAPE_AXIS = "shape";

    private final String name;
    private final List<Measurement> members;
    private final boolean methodIsAxis;
    private final Map<String, List<String>> values;
    private final String series;
    private final String sweep;
    private final String category;

    private AxisRoles(String name, List<Measurement> members) {
        this.name = name;
        this.members = List.copyOf(members);
        this.methodIsAxis = members.stream().map(Measurement::benchmark).distinct().count() > 1;
        this.values = new LinkedHashMap<>();
        for (Measurement m : members) {
            axesOf(m).forEach((axis, value) -> {
                List<String> seen = values.computeIfAbsent(axis, k -> new ArrayList<>());
                if (!seen.contains(value)) {
                    seen.add(value);
                }
            });
        }
        String preferredSeries = SERIES_PREFERENCE.stream().filter(this::varies).findFirst().orElse(null);
        this.sweep = chooseSweep(preferredSeries);
        this.category = varies(SHAPE_AXIS) ? SHAPE_AXIS
                : sweep != null ? sweep : firstVaryingExcept(preferredSeries);
        this.series = preferredSeries != null ? preferredSeries : firstVaryingExcept(category);
    }

    private String firstVaryingExcept(String axis) {
        return values.keySet().stream().filter(a -> varies(a) && !a.equals(axis)).findFirst().orElse(null);
    }

    /**
     * One group per benchmark class, in order of first appearance; a class measured in several modes or
     * units (e.g. {@code avgt} in us/op and {@code thrpt} in ops/s) is split, so that within a group every
     * score has the same unit and direction.
     */
    public static List<AxisRoles> groups(List<Measurement> measurements) {
        Map<String, Set<String>> kindsPerClass = new LinkedHashMap<>();
        for (Measurement m : measurements) {
            kindsPerClass.computeIfAbsent(className(m), k -> new LinkedHashSet<>()).add(kind(m));
        }
        Map<String, List<Measurement>> byGroup = new LinkedHashMap<>();
        for (Measurement m : measurements) {
            String name = kindsPerClass.get(className(m)).size() > 1 ? className(m) + " (" + kind(m) + ")" : className(m);
            byGroup.computeIfAbsent(name, k -> new ArrayList<>()).add(m);
        }
        List<AxisRoles> groups = new ArrayList<>();
        byGroup.forEach((name, members) -> groups.add(new AxisRoles(name, members)));
        return groups;
    }

    /** Mode and unit, e.g. "avgt, us/op". */
    private static String kind(Measurement m) {
        return m.mode() + ", " + m.unit().text();
    }

    /** The simple class name of a JMH benchmark ({@code MatVecBenchmark} for {@code io.quantbench.jmh.MatVecBenchmark.matvec}). */
    public static String className(Measurement m) {
        String[] parts = m.benchmark().split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] : m.benchmark();
    }

    private static String methodName(Measurement m) {
        return m.benchmark().substring(m.benchmark().lastIndexOf('.') + 1);
    }

    private String chooseSweep(String seriesAxis) {
        for (String axis : SWEEP_PREFERENCE) {
            if (varies(axis) && isNumeric(axis)) {
                return axis;
            }
        }
        return values.keySet().stream()
                .filter(a -> !a.equals(seriesAxis) && values.get(a).size() >= 3 && isNumeric(a))
                .findFirst().orElse(null);
    }

    private boolean isNumeric(String axis) {
        return values.getOrDefault(axis, List.of()).stream().allMatch(v -> v.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?"));
    }

    /** A measurement's axes within this group: its params and JDK, plus its method when the class has several. */
    public Map<String, String> axesOf(Measurement m) {
        if (!methodIsAxis) {
            return m.axes();
        }
        Map<String, String> axes = new LinkedHashMap<>();
        axes.put(METHOD_AXIS, methodName(m));
        axes.putAll(m.axes());
        return axes;
    }

    public String name() {
        return name;
    }

    public List<Measurement> members() {
        return members;
    }

    public boolean varies(String axis) {
        return values.getOrDefault(axis, List.of()).size() > 1;
    }

    /** Distinct values of an axis in order of first appearance. */
    public List<String> values(String axis) {
        return values.getOrDefault(axis, List.of());
    }

    public List<String> varyingAxes() {
        return values.keySet().stream().filter(this::varies).collect(Collectors.toList());
    }

    /** The axes with one value throughout the group, as {@code name=value}: said once instead of on every label. */
    public Map<String, String> constantAxes() {
        Map<String, String> constant = new LinkedHashMap<>();
        values.forEach((axis, v) -> {
            if (v.size() == 1) {
                constant.put(axis, v.get(0));
            }
        });
        return constant;
    }

    /** The series axis, or null when nothing that names a series varies. */
    public String series() {
        return series;
    }

    public String sweep() {
        return sweep;
    }

    public String category() {
        return category;
    }

    /** The members split into panels: one per combination of the varying axes not in {@code plotted}. */
    public List<Panel> panels(Collection<String> plotted) {
        List<String> panelAxes = varyingAxes().stream().filter(a -> !plotted.contains(a)).collect(Collectors.toList());
        Map<String, List<Measurement>> byPanel = new LinkedHashMap<>();
        for (Measurement m : members) {
            byPanel.computeIfAbsent(label(m, panelAxes), k -> new ArrayList<>()).add(m);
        }
        List<Panel> panels = new ArrayList<>();
        byPanel.forEach((label, ms) -> panels.add(new Panel(label, ms)));
        return panels;
    }

    /** The axes plotted by a chart with these roles, leaving out the ones that are null. */
    public static Set<String> plotted(String... axes) {
        Set<String> set = new LinkedHashSet<>();
        for (String a : axes) {
            if (a != null) {
                set.add(a);
            }
        }
        return set;
    }

    /** {@code name=value, ...} of the given axes for a measurement ("" for none). */
    public String label(Measurement m, Collection<String> axes) {
        Map<String, String> all = axesOf(m);
        return axes.stream().filter(all::containsKey).map(a -> a + "=" + all.get(a)).collect(Collectors.joining(", "));
    }

    /** The varying axes of a measurement except {@code except}, as a short label (see {@link #valueLabel}). */
    public String shortLabel(Measurement m, Collection<String> except) {
        return valuesLabel(m, varyingAxes().stream().filter(a -> !except.contains(a)).collect(Collectors.toList()));
    }

    /** The given axes' values of a measurement, space-separated, each as {@link #valueLabel} writes it. */
    public String valuesLabel(Measurement m, Collection<String> axes) {
        Map<String, String> all = axesOf(m);
        return axes.stream().map(a -> valueLabel(a, all.get(a))).collect(Collectors.joining(" "));
    }

    /** A value as it reads on its own: bare for the series axis and shapes ("INT8", "2560x6912"), else {@code name=value}. */
    public String valueLabel(String axis, String value) {
        return axis.equals(series) || axis.equals(SHAPE_AXIS) ? value : axis + "=" + value;
    }

    /** A panel: the measurements sharing the values of the axes not plotted. */
    public record Panel(String label, List<Measurement> members) {
    }
}
