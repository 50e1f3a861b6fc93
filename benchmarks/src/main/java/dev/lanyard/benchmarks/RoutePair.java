package dev.lanyard.benchmarks;

import io.gatling.javaapi.core.ChainBuilder;

import java.time.Duration;
import java.util.function.Function;

/**
 * Two routes measured side by side in one server process, alternating A B A B, and what their figures must show.
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

    /** What "fast enough" means for the pair (ARCHITECTURE §1: a route adds little to the work it wraps). */
    enum Target {
        /** A wrapper: throughput at least 0.95× B's, p99 at most 1.1× B's. */
        WRAPS("A/B req/s ≥ 0.95, A/B p99 ≤ 1.1"),
        /** A slow dependency of B must not show: p50 at most 1.1× A's. */
        UNAFFECTED("B/A p50 ≤ 1.1"),
        /**
         * The enumeration guard: both cases, interleaved, take the same time, mean within 10% (the mean resolves below a
         * millisecond).
         */
        SAME_COST("A/B mean within 0.9–1.1"),
        /** One route against itself: how far apart two identical legs land on this machine (no target). */
        NOISE_FLOOR("none: the spread of identical legs");

        final String description;

        Target(String description) {
            this.description = description;
        }

        /** Whether A and B are sent in the same legs, at random, rather than A B A B. */
        boolean interleaved() {
            return this == SAME_COST;
        }

        boolean met(Figures a, Figures b) {
            return switch (this) {
                case WRAPS -> a.throughput() >= 0.95 * b.throughput() && a.p99() <= 1.1 * b.p99();
                case UNAFFECTED -> b.p50() <= 1.1 * a.p50();
                case SAME_COST -> a.mean() >= 0.9 * b.mean() && a.mean() <= 1.1 * b.mean();
                case NOISE_FLOOR -> true;
            };
        }
    }

    /** One leg's measured figures over all its rounds. */
    record Figures(long requests, long failed, double throughput, double mean, double p50, double p99) {

        double errorShare() {
            return requests == 0 ? 0 : (double) failed / requests;
        }
    }
}
