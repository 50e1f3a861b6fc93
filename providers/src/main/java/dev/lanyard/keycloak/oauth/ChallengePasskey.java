package dev.lanyard.keycloak.oauth;

import dev.lanyard.keycloak.http.JsonBody;
import dev.lanyard.keycloak.signin.PasskeyAssertion;
import dev.lanyard.keycloak.signin.PasskeyRequestOptions;
import dev.lanyard.keycloak.signin.PasskeySignIn;
import dev.lanyard.keycloak.signin.PasskeySignIn.Asserted;
import org.keycloak.common.util.Base64Url;
import org.keycloak.common.util.SecretGenerator;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;

import java.util.Map;
import java.util.Optional;

/**
 * The authorization challenge's passkey: every answer that offers it carries {@code passkey_options} over a fresh
 * challenge kept in the sign-in, and only a passkey asserted over the latest one counts, once. Keycloak's WebAuthn
 * stack checks the assertion.
 */
final class ChallengePasskey {

    static final String METHOD = "passkey";
    private static final String CHALLENGE = "passkey_challenge";

    private final KeycloakSession session;

    ChallengePasskey(KeycloakSession session) {
        this.session = session;
    }

    /** The options to answer with where a passkey is {@code offered}; else no passkey of this sign-in counts any more. */
    Optional<PasskeyRequestOptions> offer(Map<String, String> pending, boolean offered) {
        if (!offered) {
            pending.remove(CHALLENGE);
            return Optional.empty();
        }
        String challenge = Base64Url.encode(SecretGenerator.getInstance().randomBytes(32));
        pending.put(CHALLENGE, challenge);
        return Optional.of(new PasskeySignIn(session).options(challenge));
    }

    /**
     * The passkey and its user, if {@code value} (an {@code AuthenticationResponseJSON}) asserts over this sign-in's
     * latest challenge, which it spends; a refused one is an {@link dev.lanyard.keycloak.http.ApiException}, counted
     * by the detector where its user is known.
     */
    Asserted verify(Map<String, String> pending, String value, EventBuilder event) {
        PasskeyAssertion credential = JsonBody.parse(value, PasskeyAssertion.class);
        String challenge = pending.remove(CHALLENGE);
        return new PasskeySignIn(session).verify(credential, signed -> signed.equals(challenge), event);
    }
}
