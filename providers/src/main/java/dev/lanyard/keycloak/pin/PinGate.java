package dev.lanyard.keycloak.pin;

import dev.lanyard.keycloak.common.LoginAttempts;
import dev.lanyard.keycloak.common.OneTimeSecrets;
import dev.lanyard.keycloak.common.PublicSignIn;
import dev.lanyard.keycloak.common.RouteEvents;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The PIN gate of API sign-ins (password, magic link, social): a user who has a PIN gets a {@code pin_token}
 * instead of a session. The token is random, single-use and short-lived, held in Keycloak's single-use
 * store, bound to the user and to where the pending sign-in continues; it is void after too many wrong PINs.
 */
public final class PinGate {

    static final String ROUTE = "public/verify-pin";

    private static final String USER_ID = "user_id";
    private static final String REMEMBER_ME = "remember_me";
    private static final String ATTEMPTS_LEFT = "attempts_left";
    private static final String CONTINUATION = "continue.";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final OneTimeSecrets tokens;

    public PinGate(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.tokens = new OneTimeSecrets(session, "pin-token");
    }

    /**
     * A {@code pin_token} when the user has a PIN; empty when the user may be signed in at once.
     * {@code continuation} is handed back on success (e.g. where to redirect).
     */
    public Optional<String> challenge(UserModel user, boolean rememberMe, Map<String, String> continuation) {
        if (!new PinService(session).hasPin(user)) {
            return Optional.empty();
        }
        PinSettings settings = PinSettings.of(realm, null);
        Map<String, String> data = new HashMap<>();
        data.put(USER_ID, user.getId());
        data.put(REMEMBER_ME, Boolean.toString(rememberMe));
        data.put(ATTEMPTS_LEFT, Integer.toString(settings.maxAttempts()));
        continuation.forEach((key, value) -> data.put(CONTINUATION + key, value));
        return Optional.of(tokens.issue(data, settings.tokenTtlSeconds()));
    }

    /** Checks a PIN against its token; the token is used up by success and void after too many failures. */
    public Verification verify(String pinToken, String pin) {
        Optional<Map<String, String>> pending = tokens.peek(pinToken);
        UserModel user = pending.map(data -> session.users().getUserById(realm, data.get(USER_ID))).orElse(null);
        if (user == null || !user.isEnabled()) {
            tokens.redeem(pinToken);
            return new Verification(Outcome.INVALID_TOKEN, null, false, Map.of());
        }
        Map<String, String> data = pending.get();
        LoginAttempts attempts = new LoginAttempts(session);
        boolean locked = attempts.isLocked(user);
        if (!locked && new PinService(session).matches(user, pin)) {
            if (tokens.redeem(pinToken).isEmpty()) {
                return new Verification(Outcome.INVALID_TOKEN, null, false, Map.of());
            }
            attempts.succeeded(user, PinService.SECOND_FACTOR);
            return new Verification(Outcome.VERIFIED, user, Boolean.parseBoolean(data.get(REMEMBER_ME)), continuation(data));
        }
        if (!locked) {
            attempts.failed(user, PinService.SECOND_FACTOR);
        }
        RouteEvents.start(session, EventType.LOGIN, ROUTE).user(user)
                .detail(Details.CREDENTIAL_TYPE, PinCredentialProvider.TYPE)
                .error(locked ? Errors.USER_TEMPORARILY_DISABLED : Errors.INVALID_USER_CREDENTIALS);
        int left = Integer.parseInt(data.getOrDefault(ATTEMPTS_LEFT, "1")) - 1;
        if (left <= 0) {
            tokens.redeem(pinToken);
        } else {
            Map<String, String> updated = new HashMap<>(data);
            updated.put(ATTEMPTS_LEFT, Integer.toString(left));
            tokens.update(pinToken, updated);
        }
        return new Verification(Outcome.WRONG_PIN, user, false, Map.of());
    }

    /** Completes a verified sign-in exactly as {@code public/login} does. */
    public void signIn(Verification verification) {
        new PublicSignIn(session).complete(verification.user(), verification.rememberMe(),
                RouteEvents.start(session, EventType.LOGIN, ROUTE)
                        .client(verification.continuation().get(VerifyPinResource.CLIENT_ID))
                        .detail(Details.CREDENTIAL_TYPE, PinCredentialProvider.TYPE));
    }

    private static Map<String, String> continuation(Map<String, String> data) {
        Map<String, String> continuation = new HashMap<>();
        data.forEach((key, value) -> {
            if (key.startsWith(CONTINUATION)) {
                continuation.put(key.substring(CONTINUATION.length()), value);
            }
        });
        return continuation;
    }

    public enum Outcome { VERIFIED, WRONG_PIN, INVALID_TOKEN }

    /** The result of a PIN check: on success, the user, remember-me and the continuation of the sign-in. */
    public record Verification(Outcome outcome, UserModel user, boolean rememberMe, Map<String, String> continuation) {
    }
}
