package io.quantbench.engine.model;

import io.quantbench.engine.kernel.KernelPool;

import java.util.Arrays;

/**
 * The generation loop: prefill the prompt in one batched forward call, then decode one token at a time, each
 * chosen by the {@link Sampler} from the previous step's scores, until a stop token, the token limit, or the end
 * of the state's capacity. Prefill and decode are timed apart, in wall-clock time and in the process's CPU time
 * (every thread: the kernel pool, the JIT, the GC), which gives study C's figures: tokens per second and tokens
 * per second per 100 % CPU.
 */
public final class Generator {

    /** Why generation stopped. */
    public enum Stop {
        /** The token limit was reached. */
        MAX_TOKENS,
        /** The model chose a stop token (EOS, end of turn); it is not part of the output. */
        STOP_TOKEN,
        /** The state's capacity (the KV cache) is full. */
        CONTEXT_FULL
    }

    /** Receives each generated token as soon as it is chosen. */
    @FunctionalInterface
    public interface Listener {
        void token(int id);
    }

    /**
     * What one generation did and how long it took. Decode figures count the forward calls after the prefill (the
     * first generated token comes from the prefill's scores), and time the forward pass and sampling only, not the
     * listener (printing).
     */
    public record Result(int promptTokens, int[] generated, Stop stop, long prefillNanos, long prefillCpuNanos,
                         int decodeSteps, long decodeNanos, long decodeCpuNanos) {

        public double prefillTokensPerSecond() {
            return promptTokens / (prefillNanos / 1e9);
        }

        /** NaN when there was no decode step. */
        public double decodeTokensPerSecond() {
            return decodeSteps == 0 ? Double.NaN : decodeSteps / (decodeNanos / 1e9);
        }

        /** CPU time over wall time while decoding, in percent (200 % = two cores busy). */
        public double decodeCpuPercent() {
            return decodeSteps == 0 || decodeCpuNanos < 0 ? Double.NaN : 100.0 * decodeCpuNanos / decodeNanos;
        }

        /** Decode tokens per second per 100 % CPU (per busy core): study C's CPU-efficiency figure. */
        public double decodeTokensPerSecondPerCpu() {
            return decodeTokensPerSecond() / (decodeCpuPercent() / 100.0);
        }
    }

    private Generator() {
    }

    /**
     * Generates up to {@code maxTokens} tokens after {@code prompt} (at least one token, usually starting with BOS),
     * from the state's current position.
     *
     * @param stopTokens tokens that end the generation (EOS, end of turn)
     */
    public static Result generate(Transformer model, RunState state, KernelPool pool, int[] prompt, int maxTokens,
                                  Sampler sampler, int[] stopTokens, Listener listener) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("the prompt needs at least one token (BOS for an empty prompt)");
        }
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("max tokens must be positive, got " + maxTokens);
        }
        long cpu0 = ProcessStats.cpuNanos();
        long t0 = System.nanoTime();
        float[] logits = model.forward(state, prompt, 0, prompt.length, pool);
        int next = sampler.sample(logits);
        long prefillNanos = System.nanoTime() - t0;
        long prefillCpu = ProcessStats.cpuNanos() - cpu0;

        int[] generated = new int[maxTokens];
        int count = 0;
        int steps = 0;
        long decodeNanos = 0;
        long decodeCpu = 0;
        Stop stop;
        while (true) {
            if (contains(stopTokens, next)) {
                stop = Stop.STOP_TOKEN;
                break;
            }
            generated[count++] = next;
            listener.token(next);
            if (count == maxTokens) {
                stop = Stop.MAX_TOKENS;
                break;
            }
            if (state.position() >= state.capacity()) {
                stop = Stop.CONTEXT_FULL;
                break;
            }
            long cpu = ProcessStats.cpuNanos();
            long t = System.nanoTime();
            model.forward(state, generated, count - 1, 1, pool);
            next = sampler.sample(state.logits());
            decodeNanos += System.nanoTime() - t;
            decodeCpu += ProcessStats.cpuNanos() - cpu;
            steps++;
        }
        return new Result(prompt.length, Arrays.copyOf(generated, count), stop, prefillNanos,
                cpu0 < 0 ? -1 : prefillCpu, steps, decodeNanos, cpu0 < 0 ? -1 : decodeCpu);
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }
}
