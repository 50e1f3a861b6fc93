package dev.lanyard.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every measured request's response time and outcome, by request name: the figures of the table come from here,
 * over all rounds of a leg, while Gatling's own report shows the same requests over time.
 */
final class LegRecorder {

    private record Recording(ConcurrentLinkedQueue<Integer> millis, AtomicLong failed) {
    }

    private final Map<String, Recording> recordings = new ConcurrentHashMap<>();

    void record(String requestName, int responseMillis, boolean failed) {
        Recording recording = recordings.computeIfAbsent(requestName, name -> new Recording(new ConcurrentLinkedQueue<>(), new AtomicLong()));
        recording.millis().add(responseMillis);
        if (failed) {
            recording.failed().incrementAndGet();
        }
    }

    /** The leg's figures; {@code measured} is the time its rounds ran in all. */
    RoutePair.Figures figures(String requestName, Duration measured) {
        Recording recording = recordings.get(requestName);
        if (recording == null) {
            return new RoutePair.Figures(0, 0, 0, 0, 0, 0);
        }
        int[] sorted = recording.millis().stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(sorted);
        return new RoutePair.Figures(sorted.length, recording.failed().get(), sorted.length * 1000.0 / measured.toMillis(),
                Arrays.stream(sorted).average().orElse(0), percentile(sorted, 0.50), percentile(sorted, 0.99));
    }

    long failedRequests() {
        return recordings.values().stream().mapToLong(recording -> recording.failed().get()).sum();
    }

    private static double percentile(int[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
    }
}
