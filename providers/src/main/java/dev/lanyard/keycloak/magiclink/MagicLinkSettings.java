package dev.lanyard.keycloak.magiclink;

import dev.lanyard.keycloak.flow.ConfigValues;
import dev.lanyard.keycloak.secrets.RequestLimits;

import java.util.Map;

/**
 * Link lifetime and rate limits. The API route reads them from realm attributes, the browser-flow
 * authenticator from its config in the admin console; both use the same keys and defaults.
 */
public record MagicLinkSettings(int ttlSeconds, int maxPerEmail, int maxPerIp, int windowSeconds) {

    public static final String TTL_SECONDS = "lanyard.magicLink.ttlSeconds";
    public static final String MAX_PER_EMAIL = "lanyard.magicLink.maxPerEmail";
    public static final String MAX_PER_IP = "lanyard.magicLink.maxPerIp";
    public static final String WINDOW_SECONDS = "lanyard.magicLink.windowSeconds";

    public static final MagicLinkSettings DEFAULTS = new MagicLinkSettings(600, RequestLimits.DEFAULTS.maxPerEmail(),
            RequestLimits.DEFAULTS.maxPerIp(), RequestLimits.DEFAULTS.windowSeconds());

    static MagicLinkSettings of(Map<String, String> config) {
        if (config == null) {
            return DEFAULTS;
        }
        return new MagicLinkSettings(
                ConfigValues.positiveInt(config.get(TTL_SECONDS), DEFAULTS.ttlSeconds),
                ConfigValues.positiveInt(config.get(MAX_PER_EMAIL), DEFAULTS.maxPerEmail),
                ConfigValues.positiveInt(config.get(MAX_PER_IP), DEFAULTS.maxPerIp),
                ConfigValues.positiveInt(config.get(WINDOW_SECONDS), DEFAULTS.windowSeconds));
    }

    RequestLimits limits() {
        return new RequestLimits(maxPerEmail, maxPerIp, windowSeconds);
    }
}
