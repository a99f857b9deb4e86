package io.quantbench.analysis.report;

import io.quantbench.analysis.plot.Figure;

import java.nio.file.Path;
import java.util.List;

/**
 * What a report writer wrote: its {@code index.html} and the plots it drew for it (in report order), so
 * that other exporters (the notebook) can show the same pictures without drawing them again.
 */
public record Report(Path index, List<Figure> figures) {
}
