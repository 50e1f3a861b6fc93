package dev.lanyard.keycloak.secrets;

import dev.lanyard.keycloak.flow.ConfigValues;
import org.keycloak.models.KeycloakSession;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Requests that mail someone (magic links, registrations) are limited per email address and client IP, per email
 * address from every source under a higher cap, and per client IP. A stranger who spends an address's allowance from
 * one source does not keep the owner, asking from another, out.
 */
public record RequestLimits(int maxPerEmail, int maxPerIp, int windowSeconds) {

    /** 5 per email and IP and 20 per IP in 15 minutes: the magic link's defaults, which registration shares. */
    public static final RequestLimits DEFAULTS = new RequestLimits(5, 20, 900);

    /** The cap on one email address from all sources together, as a multiple of its allowance per source. */
    public static final int SOURCES_PER_EMAIL = 4;

    /** Setting names under a prefix: {@code prefix + MAX_PER_EMAIL} and so on. */
    public static final String MAX_PER_EMAIL = ".maxPerEmail";
    public static final String MAX_PER_IP = ".maxPerIp";
    public static final String WINDOW_SECONDS = ".windowSeconds";

    /** The limits that {@code settings} (realm attributes) set under {@code prefix}: {@code prefix.maxPerEmail}, .... */
    public static RequestLimits of(Map<String, String> settings, String prefix) {
        return new RequestLimits(
                ConfigValues.positiveInt(settings.get(prefix + MAX_PER_EMAIL), DEFAULTS.maxPerEmail),
                ConfigValues.positiveInt(settings.get(prefix + MAX_PER_IP), DEFAULTS.maxPerIp),
                ConfigValues.positiveInt(settings.get(prefix + WINDOW_SECONDS), DEFAULTS.windowSeconds));
    }

    int maxPerEmailFromAllSources() {
        return (int) Math.min(Integer.MAX_VALUE, (long) maxPerEmail * SOURCES_PER_EMAIL);
    }

    /** Counts one request of kind {@code name}: empty if allowed, else the seconds until the caller may try again. */
    public OptionalLong acquire(KeycloakSession session, String name, String email) {
        // Each realm counts for itself: its settings set the limits.
        String scope = session.getContext().getRealm().getId() + "." + name;
        String address = email.trim().toLowerCase(Locale.ROOT);
        String source = session.getContext().getConnection().getRemoteHost();
        OptionalLong wait = new RateLimit(session.singleUseObjects(), scope + "-email-ip", maxPerEmail, windowSeconds)
                .acquire(address + " " + source);
        if (wait.isEmpty()) {
            wait = new RateLimit(session.singleUseObjects(), scope + "-email", maxPerEmailFromAllSources(), windowSeconds)
                    .acquire(address);
        }
        if (wait.isEmpty()) {
            wait = new RateLimit(session.singleUseObjects(), scope + "-ip", maxPerIp, windowSeconds).acquire(source);
        }
        return wait;
    }

    /** Counts one request of kind {@code name} that names no one (e.g. a passkey challenge) against the client IP only. */
    public OptionalLong acquirePerIp(KeycloakSession session, String name) {
        String scope = session.getContext().getRealm().getId() + "." + name;
        String source = session.getContext().getConnection().getRemoteHost();
        return new RateLimit(session.singleUseObjects(), scope + "-ip", maxPerIp, windowSeconds).acquire(source);
    }
}
