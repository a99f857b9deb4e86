package io.quantbench.jmh.reproduce;

import io.quantbench.jmh.Main;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code generate} command in a JVM of its own, for study C's process figures: CPU use while decoding and peak
 * resident memory belong to a process, so each model gets fresh ones (in this JVM the other model, the JIT and the
 * report would count too). The figures are read from the command's report lines.
 *
 * @param tokensPerSecond decode tokens per second
 * @param cpuPercent      CPU time over wall time while decoding (200 % = two cores busy)
 * @param tokensPerCpu    decode tokens per second per 100 % CPU
 * @param peakBytes       peak resident set
 * @param memoryShare     peak resident set over the machine's RAM
 */
record GenerateRun(double tokensPerSecond, double cpuPercent, double tokensPerCpu, double peakBytes, double memoryShare) {

    private static final Pattern DECODE = Pattern.compile("^decode\\s+\\d+ steps in [\\d.]+ s, ([\\d.]+) tok/s");
    private static final Pattern CPU = Pattern.compile("^CPU\\s+(\\d+) % while decoding, ([\\d.]+) tok/s per 100 % CPU");
    private static final Pattern MEMORY = Pattern.compile("^peak memory\\s+([\\d.]+) GB resident, ([\\d.]+) % of");

    /**
     * Runs {@code generate --model <model> --format <format>} with {@code heap}, greedy, {@code tokens} tokens after
     * {@code prompt}.
     *
     * @throws IllegalStateException if the process fails or its report lacks a figure
     */
    static GenerateRun of(String model, String format, String heap, int tokens, int threads, String prompt) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(SpeedModels.jvmOptions(heap));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "generate", "--model", model, "--format", format, "--max-tokens", String.valueOf(tokens),
                "--threads", String.valueOf(threads), "--prompt", prompt));
        List<String> lines = new ArrayList<>();
        int exit;
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            }
            exit = process.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("could not start generate for " + model + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating with " + model, e);
        }
        String output = String.join("\n", lines);
        if (exit != 0) {
            throw new IllegalStateException("generate --model " + model + " --format " + format + " failed (exit " + exit
                    + "):\n" + output);
        }
        Matcher decode = find(DECODE, lines, output);
        Matcher cpu = find(CPU, lines, output);
        Matcher memory = find(MEMORY, lines, output);
        return new GenerateRun(Double.parseDouble(decode.group(1)), Double.parseDouble(cpu.group(1)),
                Double.parseDouble(cpu.group(2)), 1e9 * Double.parseDouble(memory.group(1)),
                Double.parseDouble(memory.group(2)) / 100);
    }

    private static Matcher find(Pattern pattern, List<String> lines, String output) {
        for (String line : lines) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return m;
            }
        }
        throw new IllegalStateException("the generate report has no line matching " + pattern.pattern() + ":\n" + output);
    }
}
