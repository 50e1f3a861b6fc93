package dev.lanyard.keycloak.secrets;

import org.keycloak.common.util.Time;
import org.keycloak.jose.jws.crypto.HashUtils;
import org.keycloak.models.SingleUseObjectProvider;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * About {@code max} events per subject per span of {@code windowSeconds}, counted in Keycloak's single-use
 * object store so that every node of a cluster shares the count. Events are counted in fixed windows, and the
 * previous window's count weighs on the current one in proportion to how much of it the sliding span still covers
 * (a sliding-window counter): a burst at the end of one window and another at the start of the next do not pass
 * twice the limit. The weighting assumes the previous window's events were spread evenly, so the count is an
 * approximation of the true sliding count.
 *
 * <p>Each event claims one slot of the current window with an atomic {@code putIfAbsent}. A slot is only claimed
 * once the one below it is (a claim starts at the first free slot and moves up when it loses a race), and no slot
 * expires before the end of the next window, so a window's claimed slots are always {@code 0..k-1}. The first free
 * one is found with a few {@code contains} reads (exponential, then binary search): the cost of an event grows with
 * the log of the count, not with the count, so a high limit (many users behind one address) stays cheap.
 */
final class RateLimit {

    private final SingleUseObjectProvider store;
    private final String scope;
    private final int max;
    private final int windowSeconds;

    /** {@code scope} names what is counted (realm and kind); it is part of every key. */
    RateLimit(SingleUseObjectProvider store, String scope, int max, int windowSeconds) {
        this.store = store;
        this.scope = scope;
        this.max = max;
        this.windowSeconds = windowSeconds;
    }

    /** Counts one event for {@code subject}: empty if allowed, else the seconds until one would be. */
    OptionalLong acquire(String subject) {
        long now = Time.currentTime();
        long window = now / windowSeconds;
        long start = window * windowSeconds;
        String subjectKey = "lanyard.rate." + scope + "." + HashUtils.sha256UrlEncodedHash(subject, StandardCharsets.UTF_8) + ".";
        String current = subjectKey + window + ".";
        long claimed = firstFree(current);
        // A full window is refused without reading the previous one.
        long previous = claimed < max ? firstFree(subjectKey + (window - 1) + ".") : 0;
        long budget = max - carriedOver(previous, now - start);
        // Slots live to the end of the next window, where they still count as its previous one.
        long lifespan = start + 2L * windowSeconds - now;
        for (long slot = claimed; slot < budget; slot++) {
            if (store.putIfAbsent(current + slot, lifespan)) {
                return OptionalLong.empty();
            }
        }
        long count = Math.max(claimed, budget);
        long allowedAt = count >= max
                ? start + windowSeconds + secondsUntilAllowed(count, 0)
                : start + secondsUntilAllowed(previous, count);
        return OptionalLong.of(Math.max(1, allowedAt - now));
    }

    /** The part of the previous window's {@code count} that the span ending {@code elapsed} seconds in still covers. */
    private long carriedOver(long count, long elapsed) {
        return ceilDiv(count * (windowSeconds - elapsed), windowSeconds);
    }

    /** How far into a window whose predecessor counted {@code previous} an event is allowed after {@code taken}. */
    private long secondsUntilAllowed(long previous, long taken) {
        if (previous == 0) {
            return 0;
        }
        // Allowed once carriedOver(previous, e) <= max - taken - 1.
        return windowSeconds - (max - taken - 1) * windowSeconds / previous;
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }

    /** The lowest slot under {@code prefix} that was free when looked at; {@code max} when every slot is taken. */
    private long firstFree(String prefix) {
        long claimed = 0;
        long free;
        for (long bound = 1; ; bound *= 2) {
            long probe = Math.min(bound, max) - 1;
            if (!store.contains(prefix + probe)) {
                free = probe;
                break;
            }
            claimed = probe + 1;
            if (claimed == max) {
                return max;
            }
        }
        while (claimed < free) {
            long middle = (claimed + free) >>> 1;
            if (store.contains(prefix + middle)) {
                claimed = middle + 1;
            } else {
                free = middle;
            }
        }
        return free;
    }
}
