package dev.lanyard.keycloak.secrets;

import dev.lanyard.keycloak.flow.ConfigValues;
import org.keycloak.models.KeycloakSession;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/** Requests that mail someone (magic links, registrations) are limited per email address and per client IP. */
public record RequestLimits(int maxPerEmail, int maxPerIp, int windowSeconds) {

    /** 5 per email and 20 per IP in 15 minutes: the magic link's defaults, which registration shares. */
    public static final RequestLimits DEFAULTS = new RequestLimits(5, 20, 900);

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

    /** Counts one request of kind {@code name}: empty if allowed, else the seconds until the caller may try again. */
    public OptionalLong acquire(KeycloakSession session, String name, String email) {
        // Each realm counts for itself: its settings set the limits.
        String scope = session.getContext().getRealm().getId() + "." + name;
        OptionalLong wait = new RateLimit(session.singleUseObjects(), scope + "-email", maxPerEmail, windowSeconds)
                .acquire(email.trim().toLowerCase(Locale.ROOT));
        if (wait.isPresent()) {
            return wait;
        }
        return new RateLimit(session.singleUseObjects(), scope + "-ip", maxPerIp, windowSeconds)
                .acquire(session.getContext().getConnection().getRemoteHost());
    }
}
