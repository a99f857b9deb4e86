package io.quantbench.analysis.input;

import java.nio.file.Path;
import java.util.List;

/**
 * One benchmark run: what {@code results/<run>/} holds, or a single JMH JSON file.
 *
 * @param name         the folder's name ({@code <host>-<UTC time>}), or the file's name without {@code .json}
 * @param source       the folder or file it was read from
 * @param resultFiles  the JMH JSON files read
 * @param measurements their entries, in file order
 * @param environment  env.json, or {@link Environment#absent()}
 * @param flameGraphs  async-profiler HTML flame graphs found for this run
 */
public record Run(String name, Path source, List<Path> resultFiles, List<Measurement> measurements,
                  Environment environment, List<Path> flameGraphs) {

    public Run withName(String newName) {
        return new Run(newName, source, resultFiles, measurements, environment, flameGraphs);
    }
}
