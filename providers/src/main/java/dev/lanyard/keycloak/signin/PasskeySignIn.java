package dev.lanyard.keycloak.signin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.internals.KeycloakPasskeys;
import dev.lanyard.keycloak.internals.KeycloakPasskeys.Assertion;
import dev.lanyard.keycloak.internals.KeycloakPasskeys.Outcome;
import dev.lanyard.keycloak.internals.KeycloakPasskeys.PasskeyRefused;
import dev.lanyard.keycloak.internals.LoginAttempts;
import org.keycloak.common.util.Base64Url;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.WebAuthnPolicy;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Passkey sign-in without the login page, for every route that takes a passkey (as {@link PasswordSignIn} is for
 * passwords): Keycloak's WebAuthn stack checks the assertion under the realm's passwordless policy, and a refused
 * assertion of a user's own passkey counts in the brute-force detector. Every refusal is one 401
 * {@code invalid_credentials}.
 */
public final class PasskeySignIn {

    /** Realm attribute: the PIN is asked even after a passkey asserted with user verification. */
    public static final String REQUIRE_PIN = "lanyard.passkeys.requirePin";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final KeycloakPasskeys passkeys;

    public PasskeySignIn(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.passkeys = new KeycloakPasskeys(session);
    }

    /** A passkey that checked out, and whether the authenticator verified its user (PIN or biometrics). */
    public record Asserted(UserModel user, boolean userVerified) {
    }

    /** Request options over {@code challenge}, under the realm's passwordless policy. */
    public PasskeyRequestOptions options(String challenge) {
        WebAuthnPolicy policy = passkeys.policy();
        return new PasskeyRequestOptions(challenge, passkeys.rpId(), KeycloakPasskeys.timeoutMillis(policy.getCreateTimeout()),
                KeycloakPasskeys.specified(policy.getUserVerificationRequirement()));
    }

    /**
     * The owner of a passkey asserted over a challenge that {@code liveChallenge} accepts (and spends), checked by
     * Keycloak's WebAuthn stack; 400 for a malformed credential, else every refusal is 401 {@code invalid_credentials}
     * recorded on {@code event}.
     */
    public Asserted verify(PasskeyAssertion credential, Predicate<String> liveChallenge, EventBuilder event) {
        PasskeyAssertion.Response response = credential == null ? null : credential.response();
        if (response == null || credential.rawId() == null && credential.id() == null || response.clientDataJSON() == null
                || response.authenticatorData() == null || response.signature() == null) {
            throw ApiException.invalidRequest(
                    "credential with rawId and response.clientDataJSON, response.authenticatorData and response.signature is required");
        }
        Assertion assertion = new Assertion(
                base64Url(credential.rawId() != null ? credential.rawId() : credential.id(), "credential.rawId"),
                response.userHandle() == null ? null : base64Url(response.userHandle(), "response.userHandle"),
                base64Url(response.authenticatorData(), "response.authenticatorData"),
                base64Url(response.clientDataJSON(), "response.clientDataJSON"),
                base64Url(response.signature(), "response.signature"));
        String challenge = challengeOf(assertion.clientDataJson()).orElse(null);
        if (challenge == null || !liveChallenge.test(challenge)) {
            event.error(Errors.EXPIRED_CODE);
            throw SignInPipeline.invalidCredentials();
        }
        // A discoverable passkey names its user: Keycloak's pages put the user id's UTF-8 bytes in the user handle.
        UserModel user = assertion.userHandle() == null ? null
                : session.users().getUserById(realm, new String(assertion.userHandle(), StandardCharsets.UTF_8));
        if (user == null) {
            event.error(Errors.USER_NOT_FOUND);
            throw SignInPipeline.invalidCredentials();
        }
        event.user(user).detail("credential_id", Base64Url.encode(assertion.credentialId()));
        Outcome outcome;
        try {
            outcome = passkeys.verify(user, assertion, Base64Url.decode(challenge));
        } catch (PasskeyRefused refused) {
            throw refused(user, event.detail("lanyard_passkey_error", refused.getMessage()));
        }
        return switch (outcome) {
            case UNKNOWN_CREDENTIAL -> {
                // Not the user's passkey: nothing of theirs was guessed at, so the detector is not told.
                event.error(Errors.INVALID_USER_CREDENTIALS);
                throw SignInPipeline.invalidCredentials();
            }
            case COUNTER_WENT_BACK -> throw refused(user, event.detail("lanyard_passkey_error", "signature counter went back"));
            default -> new Asserted(user, outcome == Outcome.VERIFIED_WITH_USER_VERIFICATION);
        };
    }

    /**
     * What the pipeline hears of a passkey: one asserted with user verification stands for the second step too,
     * unless the realm wants the PIN even then ({@link #REQUIRE_PIN}).
     */
    public SignInAttempt attempt(Asserted asserted, boolean rememberMe, Continuation continuation, EventBuilder event) {
        boolean pinStillDue = "true".equalsIgnoreCase(realm.getAttribute(REQUIRE_PIN));
        return SignInAttempt.passkey(asserted.user(), asserted.userVerified(), pinStillDue, rememberMe, continuation,
                event.detail("user_verification", Boolean.toString(asserted.userVerified())));
    }

    private ApiException refused(UserModel user, EventBuilder event) {
        // The detector drops categories other than password, OTP and recovery codes (Keycloak 26.7); a passkey stands
        // in for the password, so its failures count as the password's.
        new LoginAttempts(session).failed(user, PasswordCredentialModel.TYPE);
        event.error(Errors.INVALID_USER_CREDENTIALS);
        return SignInPipeline.invalidCredentials();
    }

    /** The challenge the browser signed, as clientDataJSON names it (webauthn4j then checks it byte for byte). */
    public static Optional<String> challengeOf(byte[] clientDataJson) {
        try {
            JsonNode challenge = JsonSerialization.readValue(clientDataJson, JsonNode.class).get("challenge");
            return challenge != null && challenge.isTextual() && !challenge.textValue().isBlank()
                    ? Optional.of(challenge.textValue()) : Optional.empty();
        } catch (IOException | RuntimeException notJson) {
            return Optional.empty();
        }
    }

    /** Java's decoder: Keycloak 26.4's Base64Url throws no IllegalArgumentException for a bad character. */
    public static byte[] base64Url(String value, String field) {
        try {
            return Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException notBase64Url) {
            throw ApiException.invalidRequest(field + " is not base64url");
        }
    }
}
