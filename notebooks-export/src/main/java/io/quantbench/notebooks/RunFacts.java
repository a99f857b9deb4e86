package io.quantbench.notebooks;

import io.quantbench.analysis.input.Run;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What tells runs apart in a table of several: the device, its CPU, and when the run started.
 *
 * @param device  the host named in env.json, else the {@code <host>} of a {@code <host>-<UTC time>} folder name, else ""
 * @param cpu     the CPU model from env.json, or ""
 * @param started the UTC time of a {@code <host>-<UTC time>} folder name (the runner names results folders
 *                so, e.g. {@code raspberrypi-20261123T101500Z}), or null when the name carries none
 */
record RunFacts(String device, String cpu, Instant started) {

    /** {@code <host>-<yyyyMMdd>T<HHmm[ss]>Z}: ISO-8601's basic format, as the runner writes it. */
    private static final Pattern STAMPED = Pattern.compile("(.+)-(\\d{8}T\\d{4}(?:\\d{2})?Z)");
    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmm[ss]'Z'")
            .withResolverStyle(ResolverStyle.STRICT);

    static RunFacts of(Run run) {
        String host = run.environment().first("host", "hostname");
        String cpu = run.environment().first("cpu.model", "cpu");
        Matcher m = STAMPED.matcher(run.name());
        if (!m.matches()) {
            return new RunFacts(host, cpu, null);
        }
        Instant started;
        try {
            started = LocalDateTime.parse(m.group(2), BASIC).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            started = null;                               // digits in the right places, but no date (month 13, 30 February)
        }
        return new RunFacts(host.isEmpty() ? m.group(1) : host, cpu, started);
    }
}
