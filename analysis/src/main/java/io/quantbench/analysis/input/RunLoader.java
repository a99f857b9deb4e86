package io.quantbench.analysis.input;

import io.quantbench.analysis.AnalysisException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds and reads what one input path holds.
 *
 * <ul>
 *   <li>A results folder ({@code results/<run>/}): its JMH files are {@code jmh.json} and any
 *       {@code jmh-*.json} (a sweep may write one per benchmark), read in name order; {@code env.json}
 *       when present; flame graphs under {@code <folder>/profiles/} and {@code profiles/<run>/} of the
 *       project the folder sits in.</li>
 *   <li>A JMH JSON file of any name. If it is a results folder's {@code jmh.json}, the folder's name
 *       and env.json go with it.</li>
 * </ul>
 */
public final class RunLoader {

    private static final int FLAME_GRAPH_DEPTH = 4;

    private RunLoader() {
    }

    public static Run load(Path input) {
        if (!Files.exists(input)) {
            throw new AnalysisException(input + ": no such file or folder");
        }
        return Files.isDirectory(input) ? loadFolder(input) : loadFile(input);
    }

    private static Run loadFolder(Path folder) {
        List<Path> files = resultFiles(folder);
        if (files.isEmpty()) {
            throw new AnalysisException(folder + ": no JMH results here (expected jmh.json or jmh-*.json)"
                    + subfolderHint(folder));
        }
        return read(folder.toAbsolutePath().normalize().getFileName().toString(), folder, files, folder);
    }

    private static Run loadFile(Path file) {
        Path folder = file.toAbsolutePath().normalize().getParent();
        String fileName = file.getFileName().toString();
        if (isResultFileName(fileName) && folder != null && folder.getFileName() != null) {
            return read(folder.getFileName().toString(), file, List.of(file), folder);
        }
        String name = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - ".json".length()) : fileName;
        return new Run(name, file, List.of(file), JmhResultReader.read(file), Environment.absent(), List.of());
    }

    private static Run read(String name, Path source, List<Path> files, Path folder) {
        List<Measurement> measurements = new ArrayList<>();
        for (Path f : files) {
            measurements.addAll(JmhResultReader.read(f));
        }
        Path env = folder.resolve(Environment.FILE_NAME);
        Environment environment = Files.isRegularFile(env) ? Environment.read(env) : Environment.absent();
        return new Run(name, source, List.copyOf(files), List.copyOf(measurements), environment, flameGraphs(folder, name));
    }

    private static boolean isResultFileName(String name) {
        return name.equals("jmh.json") || (name.startsWith("jmh-") && name.endsWith(".json"));
    }

    private static List<Path> resultFiles(Path folder) {
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(p -> Files.isRegularFile(p) && isResultFileName(p.getFileName().toString()))
                    .sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new AnalysisException(folder + ": cannot list the folder: " + e.getMessage(), e);
        }
    }

    /** When the user passed {@code results/} instead of {@code results/<run>/}: name the runs inside. */
    private static String subfolderHint(Path folder) {
        try (Stream<Path> children = Files.list(folder)) {
            List<String> runs = children.filter(p -> Files.isDirectory(p) && !resultFiles(p).isEmpty())
                    .map(p -> p.getFileName().toString()).sorted().limit(5).collect(Collectors.toList());
            return runs.isEmpty() ? "" : "; these subfolders hold runs, pass them instead: " + String.join(", ", runs);
        } catch (IOException e) {
            return "";
        }
    }

    /** HTML flame graphs in {@code <folder>/profiles/} and, for {@code results/<run>/}, in {@code profiles/<run>/} beside {@code results/}. */
    private static List<Path> flameGraphs(Path folder, String runName) {
        List<Path> roots = new ArrayList<>();
        roots.add(folder.resolve("profiles"));
        Path parent = folder.toAbsolutePath().normalize().getParent();
        if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("results")
                && parent.getParent() != null) {
            roots.add(parent.getParent().resolve("profiles").resolve(runName));
        }
        List<Path> graphs = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root, FLAME_GRAPH_DEPTH)) {
                files.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".html"))
                        .sorted().forEach(graphs::add);
            } catch (IOException e) {
                throw new AnalysisException(root + ": cannot list flame graphs: " + e.getMessage(), e);
            }
        }
        return List.copyOf(graphs);
    }
}
