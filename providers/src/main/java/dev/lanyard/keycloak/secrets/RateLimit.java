package dev.lanyard.keycloak.secrets;

import org.keycloak.common.util.Time;
import org.keycloak.jose.jws.crypto.HashUtils;
import org.keycloak.models.SingleUseObjectProvider;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * At most {@code max} events per subject in each fixed window, counted in Keycloak's single-use object store
 * so that every node of a cluster shares the count. Each event claims one of {@code max} slots of the
 * current window with an atomic {@code putIfAbsent}; when none is left, the subject waits for the next window.
 *
 * <p>A slot is only claimed once the one below it is (a claim starts at the first free slot and moves up when it
 * loses a race), and no slot of the current window expires, so the claimed slots are always {@code 0..k-1}. The first
 * free one is found with a few {@code contains} reads (exponential, then binary search): the cost of an event grows
 * with the log of the count, not with the count, so a high limit (many users behind one address) stays cheap.
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

    /** Counts one event for {@code subject}: empty if allowed, else the seconds until the next window. */
    OptionalLong acquire(String subject) {
        long now = Time.currentTime();
        long window = now / windowSeconds;
        String prefix = "lanyard.rate." + scope + "." + HashUtils.sha256UrlEncodedHash(subject, StandardCharsets.UTF_8)
                + "." + window + ".";
        for (long slot = firstFree(prefix); slot < max; slot++) {
            if (store.putIfAbsent(prefix + slot, windowSeconds)) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(Math.max(1, (window + 1) * windowSeconds - now));
    }

    /** The lowest slot that was free when looked at; {@code max} when every slot is taken. */
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
