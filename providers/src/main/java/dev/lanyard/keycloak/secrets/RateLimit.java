package dev.lanyard.keycloak.secrets;

import org.keycloak.common.util.Time;
import org.keycloak.jose.jws.crypto.HashUtils;
import org.keycloak.models.KeycloakSession;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * At most {@code max} events per subject in each fixed window, counted in Keycloak's single-use object store
 * so that every node of a cluster shares the count. Each event claims one of {@code max} slots of the
 * current window with an atomic {@code putIfAbsent}; when none is left, the subject waits for the next window.
 */
final class RateLimit {

    private final KeycloakSession session;
    private final String name;
    private final int max;
    private final int windowSeconds;

    RateLimit(KeycloakSession session, String name, int max, int windowSeconds) {
        this.session = session;
        this.name = name;
        this.max = max;
        this.windowSeconds = windowSeconds;
    }

    /** Counts one event for {@code subject}: empty if allowed, else the seconds until the next window. */
    OptionalLong acquire(String subject) {
        long now = Time.currentTime();
        long window = now / windowSeconds;
        // Each realm counts for itself: its settings set the limits.
        String prefix = "lanyard.rate." + session.getContext().getRealm().getId() + "." + name + "."
                + HashUtils.sha256UrlEncodedHash(subject, StandardCharsets.UTF_8) + "." + window + ".";
        for (int slot = 0; slot < max; slot++) {
            if (session.singleUseObjects().putIfAbsent(prefix + slot, windowSeconds)) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(Math.max(1, (window + 1) * windowSeconds - now));
    }
}
