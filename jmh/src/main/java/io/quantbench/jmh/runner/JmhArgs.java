package io.quantbench.jmh.runner;

import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.runner.options.WarmupMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.util.Optional;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The plain JMH options of a {@code run} command line, parsed by JMH itself so that every JMH option means what
 * it means in JMH.
 *
 * @param args    as typed (stored in sweep.json, so that {@code --resume} parses the same options again)
 * @param options JMH's parse
 */
public record JmhArgs(List<String> args, CommandLineOptions options) {

    /** @throws CommandLineOptionException for an option JMH does not know or a malformed value */
    public static JmhArgs parse(List<String> args) throws CommandLineOptionException {
        return new JmhArgs(List.copyOf(args), new CommandLineOptions(args.toArray(new String[0])));
    }

    /**
     * The names given with {@code -p name=values}. JMH can only be asked for a param by name, and a name no
     * benchmark has is silently ignored by JMH; the runner wants to call that a typo, so it reads the names here.
     */
    public List<String> paramNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = a.equals("-p") && i + 1 < args.size() ? args.get(i + 1)
                    : a.startsWith("-p") && !a.startsWith("-prof") && a.contains("=") ? a.substring(2) : null;
            if (value != null && value.contains("=")) {
                names.add(value.substring(0, value.indexOf('=')).trim());
            }
        }
        return names;
    }

    /**
     * The options every step inherits: all of the user's JMH options except what the runner decides per step (which
     * benchmark and params, the result file, the JVM, the profilers), so that the user's regexes do not add other
     * benchmarks to a step and JMH writes no result file of its own.
     */
    Options forSteps() {
        return new StepBase(options);
    }

    /** A view of the user's options without benchmark selection, results, JVM and profilers. */
    private static final class StepBase implements Options {
        private static final long serialVersionUID = 1L;
        private final Options user;

        StepBase(Options user) {
            this.user = user;
        }

        // Decided per step by the runner:
        @Override public List<String> getIncludes() { return List.of(); }
        @Override public List<String> getExcludes() { return List.of(); }
        @Override public Optional<ResultFormatType> getResultFormat() { return Optional.none(); }
        @Override public Optional<String> getResult() { return Optional.none(); }
        @Override public List<org.openjdk.jmh.runner.options.ProfilerConfig> getProfilers() { return List.of(); }
        @Override public Optional<String> getJvm() { return Optional.none(); }

        // As the user said:
        @Override public Optional<String> getOutput() { return user.getOutput(); }
        @Override public Optional<Boolean> shouldDoGC() { return user.shouldDoGC(); }
        @Override public Optional<VerboseMode> verbosity() { return user.verbosity(); }
        @Override public Optional<Boolean> shouldFailOnError() { return user.shouldFailOnError(); }
        @Override public Optional<Integer> getThreads() { return user.getThreads(); }
        @Override public Optional<int[]> getThreadGroups() { return user.getThreadGroups(); }
        @Override public Optional<Boolean> shouldSyncIterations() { return user.shouldSyncIterations(); }
        @Override public Optional<Integer> getWarmupIterations() { return user.getWarmupIterations(); }
        @Override public Optional<TimeValue> getWarmupTime() { return user.getWarmupTime(); }
        @Override public Optional<Integer> getWarmupBatchSize() { return user.getWarmupBatchSize(); }
        @Override public Optional<WarmupMode> getWarmupMode() { return user.getWarmupMode(); }
        @Override public List<String> getWarmupIncludes() { return user.getWarmupIncludes(); }
        @Override public Optional<Integer> getMeasurementIterations() { return user.getMeasurementIterations(); }
        @Override public Optional<TimeValue> getMeasurementTime() { return user.getMeasurementTime(); }
        @Override public Optional<Integer> getMeasurementBatchSize() { return user.getMeasurementBatchSize(); }
        @Override public Collection<Mode> getBenchModes() { return user.getBenchModes(); }
        @Override public Optional<TimeUnit> getTimeUnit() { return user.getTimeUnit(); }
        @Override public Optional<Integer> getOperationsPerInvocation() { return user.getOperationsPerInvocation(); }
        @Override public Optional<Integer> getForkCount() { return user.getForkCount(); }
        @Override public Optional<Integer> getWarmupForkCount() { return user.getWarmupForkCount(); }
        @Override public Optional<Collection<String>> getJvmArgs() { return user.getJvmArgs(); }
        @Override public Optional<Collection<String>> getJvmArgsAppend() { return user.getJvmArgsAppend(); }
        @Override public Optional<Collection<String>> getJvmArgsPrepend() { return user.getJvmArgsPrepend(); }
        @Override public Optional<Collection<String>> getParameter(String name) { return user.getParameter(name); }
        @Override public Optional<TimeValue> getTimeout() { return user.getTimeout(); }
    }
}
