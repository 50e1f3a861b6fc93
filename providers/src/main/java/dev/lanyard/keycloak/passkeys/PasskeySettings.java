package dev.lanyard.keycloak.passkeys;

import dev.lanyard.keycloak.flow.ConfigValues;
import dev.lanyard.keycloak.secrets.RequestLimits;
import org.keycloak.models.RealmModel;

import java.util.Map;

/**
 * A realm's passkey settings (realm attributes): how recent a sign-in must be to register a passkey
 * ({@code lanyard.passkeys.reauthenticationSeconds}), and the per-IP limit on sign-in challenges
 * ({@code lanyard.passkeys.maxPerIp}, {@code lanyard.passkeys.windowSeconds}). Whether the PIN is asked even after a
 * passkey with user verification is the sign-in's rule ({@code PasskeySignIn.REQUIRE_PIN}).
 */
public record PasskeySettings(int reauthenticationSeconds, RequestLimits limits) {

    public static final String PREFIX = "lanyard.passkeys";
    public static final String REAUTHENTICATION_SECONDS = PREFIX + ".reauthenticationSeconds";
    public static final int DEFAULT_REAUTHENTICATION_SECONDS = 300;

    public static PasskeySettings of(RealmModel realm) {
        Map<String, String> attributes = realm.getAttributes();
        return new PasskeySettings(
                ConfigValues.positiveInt(attributes.get(REAUTHENTICATION_SECONDS), DEFAULT_REAUTHENTICATION_SECONDS),
                RequestLimits.of(attributes, PREFIX));
    }
}
