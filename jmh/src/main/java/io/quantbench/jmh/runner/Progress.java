package io.quantbench.jmh.runner;

import io.quantbench.jmh.runner.SweepPlan.Step;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Says what the sweep is doing: which step runs, how many are done, how long it has run and when it will end.
 *
 * <p>The estimate: a step should take its iterations ({@link Settings#iterationSeconds()}) plus, per fork, the
 * time to start a JVM and set the benchmark up ({@value #FORK_OVERHEAD_SECONDS} s at first). Once steps have
 * finished, the remaining plan is scaled by how long the finished steps really took against their plan, which
 * corrects the start-up guess for this machine, these shapes and this JDK.
 */
final class Progress {

    /** First guess of what a fork costs beyond its iterations: JVM start, weights set up, threads started. */
    static final double FORK_OVERHEAD_SECONDS = 1.5;

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final Clock clock;
    private final int total;
    private final Instant started;
    private int done;
    private double plannedLeft;
    private double plannedDone;
    private double actualDone;
    private Instant stepStarted;

    /**
     * @param all     every step of the sweep
     * @param pending the steps this session will run (the rest finished in an earlier session)
     */
    Progress(PrintStream out, Clock clock, List<Step> all, List<Step> pending) {
        this.out = out;
        this.clock = clock;
        this.total = all.size();
        this.done = all.size() - pending.size();
        this.started = clock.instant();
        pending.forEach(s -> plannedLeft += planned(s));
    }

    /** The plan's own estimate of a step, in seconds. */
    static double planned(Step step) {
        return step.settings().iterationSeconds() + step.settings().forks() * FORK_OVERHEAD_SECONDS;
    }

    /** The estimate of the whole session before anything has run. */
    String plannedTotal() {
        return duration(plannedLeft);
    }

    void begin(Step step) {
        stepStarted = clock.instant();
        out.printf(Locale.ROOT, "%n=== quantbench [%d/%d, %d%% done] %s%n=== elapsed %s, ETA %s%n", done + 1, total,
                Math.round(100.0 * done / total), step.label(), duration(elapsedSeconds()), eta());
        out.flush();
    }

    /** Records a finished (or failed) step and says how long it took. */
    void end(Step step, boolean ok) {
        double took = (clock.instant().toEpochMilli() - stepStarted.toEpochMilli()) / 1000.0;
        double plan = planned(step);
        plannedLeft -= plan;
        plannedDone += plan;
        actualDone += took;
        done++;
        out.printf(Locale.ROOT, "=== quantbench [%d/%d] %s %s in %s (planned %s)%n", done, total, ok ? "finished" : "FAILED",
                step.shortName(), duration(took), duration(plan));
        out.flush();
    }

    /** {@code 8m40s (at 07:31 UTC)}: the remaining plan, scaled by how the finished steps kept to theirs. */
    String eta() {
        double scale = plannedDone > 0 ? actualDone / plannedDone : 1;
        double seconds = Math.max(0, plannedLeft * scale);
        return duration(seconds) + " (at " + CLOCK.format(clock.instant().plusSeconds((long) seconds)) + " UTC)";
    }

    double elapsedSeconds() {
        return (clock.instant().toEpochMilli() - started.toEpochMilli()) / 1000.0;
    }

    /** {@code 45s}, {@code 8m40s}, {@code 2h05m}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }
}
