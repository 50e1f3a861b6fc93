package dev.lanyard.keycloak.pin;

import dev.lanyard.keycloak.flow.ConfigValues;
import org.keycloak.models.RealmModel;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * PIN policy and the PIN gate's limits. Realm attributes set them for the API and the "Set up PIN" action;
 * a PIN authenticator's config (admin console) overrides them for its flow.
 */
public record PinSettings(int minLength, int maxLength, int tokenTtlSeconds, int maxAttempts) {

    public static final String MIN_LENGTH = "lanyard.pin.minLength";
    public static final String MAX_LENGTH = "lanyard.pin.maxLength";
    public static final String TOKEN_TTL_SECONDS = "lanyard.pin.tokenTtlSeconds";
    public static final String MAX_ATTEMPTS = "lanyard.pin.maxAttempts";

    public static final PinSettings DEFAULTS = new PinSettings(4, 8, 300, 3);

    public static PinSettings of(RealmModel realm, Map<String, String> authenticatorConfig) {
        Map<String, String> merged = new HashMap<>(realm.getAttributes());
        if (authenticatorConfig != null) {
            merged.putAll(authenticatorConfig);
        }
        return of(merged);
    }

    static PinSettings of(Map<String, String> config) {
        int min = ConfigValues.positiveInt(config.get(MIN_LENGTH), DEFAULTS.minLength);
        int max = ConfigValues.positiveInt(config.get(MAX_LENGTH), DEFAULTS.maxLength);
        return new PinSettings(min, Math.max(min, max),
                ConfigValues.positiveInt(config.get(TOKEN_TTL_SECONDS), DEFAULTS.tokenTtlSeconds),
                ConfigValues.positiveInt(config.get(MAX_ATTEMPTS), DEFAULTS.maxAttempts));
    }

    /** What is wrong with a new PIN, as a theme message key with its parameters; empty when it is acceptable. */
    public Optional<PinProblem> problem(String pin) {
        if (pin == null || pin.length() < minLength || pin.length() > maxLength || !pin.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of(new PinProblem("lanyardPinFormat", minLength, maxLength));
        }
        if (isTrivial(pin)) {
            return Optional.of(new PinProblem("lanyardPinTrivial"));
        }
        return Optional.empty();
    }

    /** One repeated digit (0000), or digits that each step up or each step down by one (1234, 9876). */
    static boolean isTrivial(String pin) {
        boolean same = true;
        boolean ascending = true;
        boolean descending = true;
        for (int i = 1; i < pin.length(); i++) {
            int step = pin.charAt(i) - pin.charAt(i - 1);
            same &= step == 0;
            ascending &= step == 1;
            descending &= step == -1;
        }
        return same || ascending || descending;
    }

    public record PinProblem(String messageKey, Object... parameters) {
    }
}
