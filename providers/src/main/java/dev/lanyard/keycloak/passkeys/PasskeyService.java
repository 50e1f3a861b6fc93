package dev.lanyard.keycloak.passkeys;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.RouteEvents;
import dev.lanyard.keycloak.internals.KeycloakPasskeys;
import dev.lanyard.keycloak.internals.KeycloakPasskeys.Attestation;
import dev.lanyard.keycloak.internals.KeycloakPasskeys.PasskeyRefused;
import dev.lanyard.keycloak.internals.LoginAttempts;
import dev.lanyard.keycloak.secrets.OneTimeSecrets;
import dev.lanyard.keycloak.signin.Continuation;
import dev.lanyard.keycloak.signin.PasskeyAssertion;
import dev.lanyard.keycloak.signin.PasskeyRequestOptions;
import dev.lanyard.keycloak.signin.PasskeySignIn;
import dev.lanyard.keycloak.signin.PasskeySignIn.Asserted;
import dev.lanyard.keycloak.signin.PasswordSignIn;
import dev.lanyard.keycloak.signin.PublicUserRepresentation;
import dev.lanyard.keycloak.signin.SignInPipeline;
import dev.lanyard.keycloak.signin.SignInResult;
import dev.lanyard.keycloak.signin.SignedInUser;
import org.keycloak.common.util.Base64Url;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.WebAuthnPolicy;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Passkeys by API (ARCHITECTURE §17): Keycloak's own {@code webauthn-passwordless} credentials, registered and asserted
 * through {@link KeycloakPasskeys} under the realm's WebAuthn Passwordless Policy. Challenges are single use, live
 * five minutes in Keycloak's single-use store, and are kept apart by purpose: a registration challenge is bound to the
 * user session that asked for it, a sign-in challenge to nothing (discoverable credentials name their user).
 */
final class PasskeyService {

    static final String ROUTE = "public/passkeys";
    static final String LOGIN_ROUTE = "public/passkeys/login";

    private static final long CHALLENGE_SECONDS = 300;
    private static final String USER_ID = "user_id";
    private static final String USER_SESSION = "user_session";
    private static final String DEFAULT_LABEL = "Passkey";
    private static final int MAX_LABEL_LENGTH = 255;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final KeycloakPasskeys passkeys;
    private final PasskeySettings settings;

    PasskeyService(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.passkeys = new KeycloakPasskeys(session);
        this.settings = PasskeySettings.of(realm);
    }

    /** Creation options for a new passkey of a user whose sign-in is recent; 401 {@code reauthentication_required} otherwise. */
    CreationOptionsRepresentation registrationOptions(SignedInUser signedIn) {
        if (Time.currentTime() - signedIn.userSession().getStarted() > settings.reauthenticationSeconds()) {
            throw ApiException.of(401, "reauthentication_required",
                    "Sign in again: adding a passkey needs a sign-in of the last " + settings.reauthenticationSeconds() + " seconds");
        }
        UserModel user = signedIn.user();
        String challenge = registrationChallenges().issue(
                Map.of(USER_ID, user.getId(), USER_SESSION, signedIn.userSession().getId()), CHALLENGE_SECONDS);
        WebAuthnPolicy policy = passkeys.policy();
        String displayName = Optional.ofNullable(PublicUserRepresentation.displayName(user)).orElse(user.getUsername());
        return new CreationOptionsRepresentation(
                new CreationOptionsRepresentation.RelyingParty(passkeys.rpId(), policy.getRpEntityName()),
                // Keycloak's own pages use the user id's UTF-8 bytes as the user handle, and read it back so.
                new CreationOptionsRepresentation.User(Base64Url.encode(user.getId().getBytes(StandardCharsets.UTF_8)),
                        user.getUsername(), displayName),
                challenge,
                passkeys.algorithms().stream()
                        .map(alg -> new CreationOptionsRepresentation.CredentialParameters("public-key", alg)).toList(),
                KeycloakPasskeys.timeoutMillis(policy.getCreateTimeout()),
                passkeys.passkeysOf(user).stream()
                        .map(passkey -> CredentialDescriptor.publicKey(Base64Url.encode(KeycloakPasskeys.credentialIdOf(passkey))))
                        .toList(),
                new CreationOptionsRepresentation.AuthenticatorSelection(KeycloakPasskeys.specified(policy.getAuthenticatorAttachment()),
                        "required", true, KeycloakPasskeys.specified(policy.getUserVerificationRequirement())),
                Optional.ofNullable(KeycloakPasskeys.specified(policy.getAttestationConveyancePreference())).orElse("none"));
    }

    /** Stores the passkey that answers one of this session's registration challenges; 400 {@code invalid_passkey} otherwise. */
    PasskeyRepresentation register(SignedInUser signedIn, PasskeyRegistrationRequest request) {
        PasskeyRegistrationRequest.Credential credential = request.credential();
        if (credential == null || credential.response() == null || credential.response().clientDataJSON() == null
                || credential.response().attestationObject() == null) {
            throw ApiException.invalidRequest("credential with response.clientDataJSON and response.attestationObject is required");
        }
        String label = label(request.label());
        UserModel user = signedIn.user();
        EventBuilder event = RouteEvents.start(session, EventType.UPDATE_CREDENTIAL, ROUTE).user(user)
                .session(signedIn.userSession()).detail(Details.CREDENTIAL_TYPE, KeycloakPasskeys.CREDENTIAL_TYPE);
        byte[] clientDataJson = PasskeySignIn.base64Url(credential.response().clientDataJSON(), "response.clientDataJSON");
        byte[] attestationObject = PasskeySignIn.base64Url(credential.response().attestationObject(), "response.attestationObject");
        String challenge = PasskeySignIn.challengeOf(clientDataJson).orElseThrow(() -> invalidPasskey(event, "no challenge in clientDataJSON"));
        Map<String, String> issued = registrationChallenges().redeem(challenge)
                .orElseThrow(() -> invalidPasskey(event, "unknown, used or expired challenge"));
        if (!user.getId().equals(issued.get(USER_ID)) || !signedIn.userSession().getId().equals(issued.get(USER_SESSION))) {
            throw invalidPasskey(event, "challenge of another session");
        }
        try {
            CredentialModel stored = passkeys.register(user, new Attestation(clientDataJson, attestationObject,
                    new HashSet<>(Optional.ofNullable(credential.response().transports()).orElse(List.of()))),
                    Base64Url.decode(challenge), label);
            event.detail("credential_id", stored.getId()).detail("credential_label", label).success();
            return PasskeyRepresentation.of(stored);
        } catch (PasskeyRefused refused) {
            throw invalidPasskey(event, refused.getMessage());
        }
    }

    /** The user's passkeys, oldest first. */
    PasskeyListRepresentation list(UserModel user) {
        return new PasskeyListRepresentation(passkeys.passkeysOf(user).stream()
                .sorted(Comparator.comparing(passkey -> Optional.ofNullable(passkey.getCreatedDate()).orElse(0L)))
                .map(PasskeyRepresentation::of).toList());
    }

    /**
     * Removes one of the user's passkeys once they prove it is them again (as {@code DELETE public/pin}): the account
     * password, or a fresh assertion of one of their passkeys over a sign-in challenge. A wrong one is 401
     * {@code invalid_credentials}, counted by the detector.
     */
    void remove(UserModel user, String id, PasskeyDeletionRequest proof) {
        EventBuilder event = RouteEvents.start(session, EventType.REMOVE_CREDENTIAL, ROUTE).user(user)
                .detail(Details.CREDENTIAL_TYPE, KeycloakPasskeys.CREDENTIAL_TYPE).detail("credential_id", id);
        if (proof.credential() != null) {
            confirmByPasskey(user, proof.credential(), event);
        } else {
            new PasswordSignIn(session).confirm(user, proof.password(), event);
        }
        // The assertion named the passkey it used; the event names the one removed.
        event.detail("credential_id", id);
        if (!passkeys.remove(user, id)) {
            event.error(Errors.CREDENTIAL_NOT_FOUND);
            throw ApiException.notFound("No such passkey");
        }
        event.success();
    }

    private void confirmByPasskey(UserModel user, PasskeyAssertion credential, EventBuilder event) {
        if (new LoginAttempts(session).isLocked(user)) {
            event.error(Errors.USER_TEMPORARILY_DISABLED);
            throw SignInPipeline.invalidCredentials();
        }
        if (!new PasskeySignIn(session).verify(credential, this::redeemSignInChallenge, event).user().getId().equals(user.getId())) {
            // Someone else's passkey proves nothing about this user.
            event.user(user).error(Errors.INVALID_USER_CREDENTIALS);
            throw SignInPipeline.invalidCredentials();
        }
        event.user(user);
    }

    /** Request options with a fresh single-use challenge; 429 once the client IP has asked too often. */
    PasskeyRequestOptions authenticationOptions() {
        OptionalLong wait = settings.limits().acquirePerIp(session, "passkey-challenge");
        if (wait.isPresent()) {
            throw ApiException.tooManyRequests(wait.getAsLong());
        }
        return new PasskeySignIn(session).options(signInChallenges().issue(Map.of(), CHALLENGE_SECONDS));
    }

    /**
     * Signs in the owner of the asserted passkey through the {@link SignInPipeline}. Every refusal is one 401
     * {@code invalid_credentials}; the brute-force detector counts it against the user when the credential is theirs.
     */
    PasskeyLoginRepresentation login(PasskeyLoginRequest request) {
        EventBuilder event = RouteEvents.start(session, EventType.LOGIN, LOGIN_ROUTE)
                .detail(Details.AUTH_METHOD, "passkey").detail(Details.CREDENTIAL_TYPE, KeycloakPasskeys.CREDENTIAL_TYPE);
        PasskeySignIn passkeySignIn = new PasskeySignIn(session);
        Asserted asserted = passkeySignIn.verify(request.credential(), this::redeemSignInChallenge, event);
        SignInResult result = new SignInPipeline(session).signIn(passkeySignIn.attempt(asserted,
                Boolean.TRUE.equals(request.rememberMe()), Continuation.API_ANSWER, event));
        return result.pinToken()
                .map(PasskeyLoginRepresentation::pinRequired)
                .orElseGet(() -> PasskeyLoginRepresentation.authenticated(PublicUserRepresentation.of(result.user())));
    }

    private boolean redeemSignInChallenge(String challenge) {
        return signInChallenges().redeem(challenge).isPresent();
    }

    private ApiException invalidPasskey(EventBuilder event, String reason) {
        event.detail("lanyard_passkey_error", reason).error(Errors.INVALID_REGISTRATION);
        return ApiException.of(400, "invalid_passkey", "The passkey could not be registered: " + reason);
    }

    private static String label(String requested) {
        String label = requested == null || requested.isBlank() ? DEFAULT_LABEL : requested.trim();
        if (label.length() > MAX_LABEL_LENGTH) {
            throw ApiException.invalidRequest("label is longer than " + MAX_LABEL_LENGTH + " characters");
        }
        return label;
    }

    private OneTimeSecrets registrationChallenges() {
        return new OneTimeSecrets(session, "passkey-registration");
    }

    private OneTimeSecrets signInChallenges() {
        return new OneTimeSecrets(session, "passkey-sign-in");
    }

}
