package dev.lanyard.keycloak.secrets;

import org.keycloak.models.KeycloakSession;

import java.util.Locale;
import java.util.OptionalLong;

/** Requests that mail someone (magic links, registrations) are limited per email address and per client IP. */
public record RequestLimits(int maxPerEmail, int maxPerIp, int windowSeconds) {

    /** Counts one request of kind {@code name}: empty if allowed, else the seconds until the caller may try again. */
    public OptionalLong acquire(KeycloakSession session, String name, String email) {
        OptionalLong wait = new RateLimit(session, name + "-email", maxPerEmail, windowSeconds)
                .acquire(email.trim().toLowerCase(Locale.ROOT));
        if (wait.isPresent()) {
            return wait;
        }
        return new RateLimit(session, name + "-ip", maxPerIp, windowSeconds)
                .acquire(session.getContext().getConnection().getRemoteHost());
    }
}
