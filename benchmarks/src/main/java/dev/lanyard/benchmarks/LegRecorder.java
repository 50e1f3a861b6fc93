package dev.lanyard.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Every measured request's response time and outcome, and the server CPU time of each leg, by request name and
 * round: the figures of the table come from here, per round (for the ratios and their intervals) and over all
 * rounds, while Gatling's own report shows the same requests over time.
 */
final class LegRecorder {

    private record Recording(ConcurrentLinkedQueue<Integer> millis, AtomicLong failed, AtomicLong serverCpuNanos) {
    }

    private record Key(String requestName, int round) {
    }

    private final Map<Key, Recording> recordings = new ConcurrentHashMap<>();

    void record(String requestName, int round, int responseMillis, boolean failed) {
        Recording recording = recording(requestName, round);
        recording.millis().add(responseMillis);
        if (failed) {
            recording.failed().incrementAndGet();
        }
    }

    /** The server CPU time a leg of {@code requestName} alone used in {@code round}. */
    void recordServerCpu(String requestName, int round, Duration cpu) {
        recording(requestName, round).serverCpuNanos().addAndGet(cpu.toNanos());
    }

    /** The figures of rounds {@code 1..rounds} together; {@code measured} is the time they ran in all. */
    RoutePair.Figures overRounds(String requestName, int rounds, Duration measured) {
        return figures(requestName, IntStream.rangeClosed(1, rounds), measured);
    }

    /** The figures of one round; {@code measured} is the time its legs ran. */
    RoutePair.Figures ofRound(String requestName, int round, Duration measured) {
        return figures(requestName, IntStream.of(round), measured);
    }

    private Recording recording(String requestName, int round) {
        return recordings.computeIfAbsent(new Key(requestName, round),
                key -> new Recording(new ConcurrentLinkedQueue<>(), new AtomicLong(), new AtomicLong()));
    }

    long failedRequests() {
        return recordings.values().stream().mapToLong(recording -> recording.failed().get()).sum();
    }

    private RoutePair.Figures figures(String requestName, IntStream rounds, Duration measured) {
        Recording[] parts = rounds.mapToObj(round -> recordings.get(new Key(requestName, round)))
                .filter(recording -> recording != null).toArray(Recording[]::new);
        int[] sorted = Arrays.stream(parts).flatMap(part -> part.millis().stream()).mapToInt(Integer::intValue).toArray();
        Arrays.sort(sorted);
        long failed = Arrays.stream(parts).mapToLong(part -> part.failed().get()).sum();
        long cpuNanos = Arrays.stream(parts).mapToLong(part -> part.serverCpuNanos().get()).sum();
        return new RoutePair.Figures(sorted.length, failed, sorted.length * 1000.0 / measured.toMillis(),
                Arrays.stream(sorted).average().orElse(0), percentile(sorted, 0.50), percentile(sorted, 0.99),
                sorted.length == 0 || cpuNanos == 0 ? 0 : sorted.length * 1e9 / cpuNanos);
    }

    private static double percentile(int[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
    }
}
