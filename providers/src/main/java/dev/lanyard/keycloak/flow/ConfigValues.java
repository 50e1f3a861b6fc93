package dev.lanyard.keycloak.flow;

/** Reading settings that admins type as text (realm attributes, authenticator configs). */
public final class ConfigValues {

    private ConfigValues() {
    }

    /** A positive whole number, or {@code fallback} for anything else: a typo never switches a limit off. */
    public static int positiveInt(String value, int fallback) {
        try {
            int parsed = value == null ? fallback : Integer.parseInt(value.trim());
            return parsed > 0 ? parsed : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
