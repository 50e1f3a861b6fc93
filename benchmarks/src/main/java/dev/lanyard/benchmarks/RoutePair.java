package dev.lanyard.benchmarks;

import io.gatling.javaapi.core.ChainBuilder;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Two routes measured side by side in one server process, in rounds of A B B A and B A A B, and what their figures
 * must show.
 *
 * @param a the Lanyard route (or the case under test)
 * @param b what it is compared with: the native route it wraps, or the case that must cost the same
 */
record RoutePair(String id, Leg a, Leg b, Target target) {

    /**
     * One side: a label, the Gatling steps of one virtual user (whose request carries the given name), and how long
     * the SMTP server waits before it greets the server's mail connections during this leg.
     */
    record Leg(String label, Function<String, ChainBuilder> steps, Duration smtpGreeting) {

        Leg(String label, Function<String, ChainBuilder> steps) {
            this(label, steps, Duration.ZERO);
        }
    }

    /**
     * What "fast enough" means for the pair (ARCHITECTURE §1: a route adds little to the work it wraps), judged on the
     * per-round ratios' intervals: met where the whole interval meets the bound, missed where none of it does.
     * Throughput is judged per second of the server's CPU time, the capacity of a server that the load saturates: on
     * a shared machine the wall clock also counts what the neighbours took.
     */
    enum Target {
        /** A wrapper: throughput at least 0.95× B's, p99 at most 1.1× B's. */
        WRAPS("A/B req per CPU-s ≥ 0.95, A/B p99 ≤ 1.1"),
        /** A slow dependency of B must not show: B's p50 at most 1.1× A's. */
        UNAFFECTED("A/B p50 ≥ 0.91 (B/A ≤ 1.1)"),
        /**
         * The enumeration guard: both cases, interleaved, take the same time, mean within 10% (the mean resolves below a
         * millisecond).
         */
        SAME_COST("A/B mean within 0.9–1.1"),
        /** One route against itself: the table resolves a few percent only where identical legs land this close. */
        NOISE_FLOOR("A/B req per CPU-s within 0.97–1.03 (identical legs)");

        final String description;

        Target(String description) {
            this.description = description;
        }

        /** Whether A and B are sent in the same legs, at random, rather than in legs of their own. */
        boolean interleaved() {
            return this == SAME_COST;
        }

        RatioEstimate.Verdict judge(Comparison ratios) {
            return switch (this) {
                case WRAPS -> ratios.perServerCpuSecond().atLeast(0.95).and(ratios.p99().atMost(1.1));
                case UNAFFECTED -> ratios.p50().atLeast(1 / 1.1);
                case SAME_COST -> ratios.mean().within(0.9, 1.1);
                case NOISE_FLOOR -> ratios.perServerCpuSecond().within(0.97, 1.03);
            };
        }
    }

    /**
     * One side's measured figures, over one round or all; {@code perServerCpuSecond} is its requests per second of
     * the server's CPU time (0 where its legs were shared with the other side).
     */
    record Figures(long requests, long failed, double throughput, double mean, double p50, double p99, double perServerCpuSecond) {

        double errorShare() {
            return requests == 0 ? 0 : (double) failed / requests;
        }
    }

    /** A against B, each figure's ratio estimated over the rounds ({@link RatioEstimate}). */
    record Comparison(RatioEstimate throughput, RatioEstimate perServerCpuSecond, RatioEstimate mean, RatioEstimate p50,
                      RatioEstimate p99) {

        /** {@code rounds[i]} holds round i's figures of A and of B. */
        static Comparison of(List<Figures[]> rounds) {
            return new Comparison(estimate(rounds, Figures::throughput), estimate(rounds, Figures::perServerCpuSecond),
                    estimate(rounds, Figures::mean), estimate(rounds, Figures::p50), estimate(rounds, Figures::p99));
        }

        private static RatioEstimate estimate(List<Figures[]> rounds, ToDoubleFunction<Figures> figure) {
            return RatioEstimate.of(rounds.stream()
                    .filter(round -> figure.applyAsDouble(round[0]) > 0 && figure.applyAsDouble(round[1]) > 0)
                    .mapToDouble(round -> figure.applyAsDouble(round[0]) / figure.applyAsDouble(round[1]))
                    .toArray());
        }
    }
}
