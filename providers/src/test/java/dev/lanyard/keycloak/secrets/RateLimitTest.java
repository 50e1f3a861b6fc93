package dev.lanyard.keycloak.secrets;

import org.junit.jupiter.api.Test;
import org.keycloak.common.util.Time;
import org.keycloak.models.SingleUseObjectProvider;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitTest {

    /** A window no test run crosses. */
    private static final int WINDOW = 1_000_000_000;

    @Test
    void allowsExactlyMaxEventsPerSubjectThenNamesTheWait() {
        CountingStore store = new CountingStore();
        RateLimit limit = new RateLimit(store, "realm.magic-link-email", 5, WINDOW);
        for (int i = 0; i < 5; i++) {
            assertTrue(limit.acquire("a@example.com").isEmpty(), "event " + (i + 1) + " of 5");
        }
        OptionalLong wait = limit.acquire("a@example.com");
        assertTrue(wait.isPresent(), "the sixth is refused");
        assertTrue(wait.getAsLong() >= 1 && wait.getAsLong() <= WINDOW, "wait until the next window: " + wait);
        assertTrue(limit.acquire("b@example.com").isEmpty(), "another subject counts apart");
        assertTrue(new RateLimit(store, "realm.register-email", 5, WINDOW).acquire("a@example.com").isEmpty(),
                "another scope counts apart");
    }

    /** A burst at the end of one window and another at the start of the next: the limit holds across the edge. */
    @Test
    void aWindowsEdgeDoesNotLetTwiceTheLimitThrough() {
        int window = 900;
        RateLimit limit = new RateLimit(new CountingStore(), "realm.magic-link-email-ip", 5, window);
        int edge = (Time.currentTime() / window + 1) * window;
        try {
            at(edge - 1);
            for (int i = 0; i < 5; i++) {
                assertTrue(limit.acquire("a@example.com").isEmpty(), "event " + (i + 1) + " of 5");
            }
            assertTrue(limit.acquire("a@example.com").isPresent(), "the sixth is refused");

            at(edge + 1);
            OptionalLong wait = limit.acquire("a@example.com");
            assertTrue(wait.isPresent(), "just past the edge the five still count");
            // Four fifths of the last window still count until a fifth of this one has passed.
            assertEquals(window / 5 - 1, wait.getAsLong(), "the wait names when one more is allowed");

            at(edge + window / 5);
            assertTrue(limit.acquire("a@example.com").isEmpty(), "one more once a fifth of the span has slid by");
            assertTrue(limit.acquire("a@example.com").isPresent(), "and only one");

            at(edge + 2 * window);
            for (int i = 0; i < 5; i++) {
                assertTrue(limit.acquire("a@example.com").isEmpty(), "a quiet window later, five again: " + (i + 1));
            }
        } finally {
            Time.setOffset(0);
        }
    }

    private static void at(int time) {
        Time.setOffset(0);
        Time.setOffset(time - Time.currentTime());
    }

    @Test
    void anEventCostsTheLogOfTheCountInStoreOperationsNotTheCount() {
        CountingStore store = new CountingStore();
        RateLimit limit = new RateLimit(store, "realm.magic-link-ip", 1_000_000, WINDOW);
        for (int i = 0; i < 10_000; i++) {
            assertTrue(limit.acquire("127.0.0.1").isEmpty());
        }
        store.operations.set(0);
        assertTrue(limit.acquire("127.0.0.1").isEmpty());
        // 10,000 slots taken: 15 probes up, 14 halvings, 1 read of the empty previous window, 1 claim. Counting slot
        // by slot took 10,001.
        assertTrue(store.operations.get() <= 32, "store operations for event 10,001: " + store.operations.get());

        RateLimit full = new RateLimit(store, "realm.magic-link-ip", 10_001, WINDOW);
        store.operations.set(0);
        assertTrue(full.acquire("127.0.0.1").isPresent());
        assertTrue(store.operations.get() <= 16, "a refusal is as cheap: " + store.operations.get());
    }

    @Test
    void concurrentEventsNeverPassTheLimit() throws Exception {
        RateLimit limit = new RateLimit(new CountingStore(), "realm.register-ip", 300, WINDOW);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            Future<?>[] runs = IntStream.range(0, 8).mapToObj(t -> threads.submit(() -> IntStream.range(0, 100)
                    .filter(i -> limit.acquire("10.0.0.1").isEmpty()).count())).toArray(Future[]::new);
            long allowed = 0;
            for (Future<?> run : runs) {
                allowed += (Long) run.get();
            }
            assertEquals(300, allowed, "800 concurrent events, limit 300");
        } finally {
            threads.shutdown();
        }
    }

    /** Keycloak's single-use store as one node sees it (atomic putIfAbsent), counting every operation. */
    private static final class CountingStore implements SingleUseObjectProvider {

        private final Map<String, Map<String, String>> entries = new ConcurrentHashMap<>();
        private final AtomicInteger operations = new AtomicInteger();

        @Override
        public void put(String key, long lifespanSeconds, Map<String, String> notes) {
            operations.incrementAndGet();
            entries.put(key, notes);
        }

        @Override
        public Map<String, String> get(String key) {
            operations.incrementAndGet();
            return entries.get(key);
        }

        @Override
        public Map<String, String> remove(String key) {
            operations.incrementAndGet();
            return entries.remove(key);
        }

        @Override
        public boolean replace(String key, Map<String, String> notes) {
            operations.incrementAndGet();
            return entries.replace(key, notes) != null;
        }

        @Override
        public boolean putIfAbsent(String key, long lifespanInSeconds) {
            operations.incrementAndGet();
            return entries.putIfAbsent(key, Map.of()) == null;
        }

        @Override
        public boolean contains(String key) {
            operations.incrementAndGet();
            return entries.containsKey(key);
        }

        @Override
        public void close() {
        }
    }
}
