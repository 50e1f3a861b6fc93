package dev.lanyard.keycloak.pin;

import dev.lanyard.keycloak.http.RouteEvents;
import dev.lanyard.keycloak.internals.LoginAttempts;
import dev.lanyard.keycloak.secrets.OneTimeSecrets;
import dev.lanyard.keycloak.signin.Continuation;
import dev.lanyard.keycloak.signin.SecondStep;
import dev.lanyard.keycloak.signin.SignInAttempt;
import dev.lanyard.keycloak.signin.SignInMethod;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The PIN gate, the sign-in pipeline's {@link SecondStep}: a user who has a PIN gets a {@code pin_token} instead of a
 * session. The token is random, single-use and short-lived, held in Keycloak's single-use store, bound to the user
 * and to where the pending sign-in continues (its {@link Continuation}, as JSON). Each PIN check first claims one of
 * the token's attempt slots with an atomic {@code putIfAbsent}, so however requests interleave (on any node) no
 * more PINs are checked against one token than the limit; the token itself is never rewritten, so it keeps its
 * original expiry.
 */
final class PinGate implements SecondStep {

    /** The credential type of a PIN. */
    public static final String CREDENTIAL_TYPE = "pin";
    /** The brute-force detector's category for second-factor failures ("otp", as wrong one-time codes). */
    public static final String SECOND_FACTOR = OTPCredentialModel.TYPE;
    public static final String ROUTE = "public/verify-pin";

    private static final String USER_ID = "user_id";
    private static final String REMEMBER_ME = "remember_me";
    private static final String METHOD = "method";
    private static final String CONTINUATION = "continuation";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final OneTimeSecrets tokens;

    public PinGate(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.tokens = new OneTimeSecrets(session, "pin-token");
    }

    @Override
    public String credentialType() {
        return CREDENTIAL_TYPE;
    }

    @Override
    public boolean isSetUpFor(UserModel user) {
        return user.credentialManager().isConfiguredFor(CREDENTIAL_TYPE);
    }

    public boolean matches(UserModel user, String pin) {
        return pin != null && user.credentialManager().isValid(new UserCredentialModel(null, CREDENTIAL_TYPE, pin));
    }

    /** A {@code pin_token} for the pending sign-in; {@code continuation} is handed back once the PIN is right. */
    @Override
    public String challenge(UserModel user, SignInMethod method, boolean rememberMe, Continuation continuation) {
        PinSettings settings = PinSettings.of(realm, null);
        Map<String, String> data = new HashMap<>();
        data.put(USER_ID, user.getId());
        data.put(METHOD, method.name());
        data.put(REMEMBER_ME, Boolean.toString(rememberMe));
        data.put(CONTINUATION, continuation.toJson());
        return tokens.issue(data, settings.tokenTtlSeconds());
    }

    @Override
    public Optional<SignInAttempt> resume(String challenge, String answer, EventBuilder event) {
        Verification verification = verify(challenge, answer);
        return verification.outcome() == Outcome.VERIFIED ? Optional.of(verification.signInAttempt(event)) : Optional.empty();
    }

    @Override
    public Response page(String pinToken) {
        return PinPage.show(session, pinToken, null);
    }

    /** Checks a PIN against its token; the token is used up by success and void once its attempts are spent. */
    public Verification verify(String pinToken, String pin) {
        Optional<Map<String, String>> pending = tokens.peek(pinToken);
        long secondsLeft = pending.map(OneTimeSecrets::secondsLeft).orElse(0L);
        UserModel user = pending.map(data -> session.users().getUserById(realm, data.get(USER_ID))).orElse(null);
        if (user == null || secondsLeft <= 0) {
            tokens.redeem(pinToken);
            return Verification.invalidToken();
        }
        int maxAttempts = PinSettings.of(realm, null).maxAttempts();
        Optional<OneTimeSecrets.Attempt> attempt = tokens.claimAttempt(pinToken, "attempt", maxAttempts, secondsLeft);
        if (attempt.isEmpty()) {
            return Verification.invalidToken();
        }
        LoginAttempts attempts = new LoginAttempts(session);
        boolean locked = attempts.isLocked(user);
        if (!locked && matches(user, pin)) {
            Optional<Map<String, String>> data = tokens.redeem(pinToken);
            return data.map(found -> new Verification(Outcome.VERIFIED, user, SignInMethod.valueOf(found.get(METHOD)),
                    Boolean.parseBoolean(found.get(REMEMBER_ME)), Continuation.fromJson(found.get(CONTINUATION))))
                    .orElseGet(Verification::invalidToken);
        }
        if (!locked) {
            attempts.failed(user, SECOND_FACTOR);
        }
        boolean lastAttempt = attempt.get().last();
        if (lastAttempt) {
            tokens.redeem(pinToken);
        }
        RouteEvents.start(session, EventType.LOGIN, ROUTE).user(user)
                .detail(Details.CREDENTIAL_TYPE, CREDENTIAL_TYPE)
                .detail("lanyard_pin_token", lastAttempt ? "voided" : "kept")
                .error(locked ? Errors.USER_TEMPORARILY_DISABLED : Errors.INVALID_USER_CREDENTIALS);
        return new Verification(Outcome.WRONG_PIN, user, null, false, Continuation.API_ANSWER);
    }

    public enum Outcome { VERIFIED, WRONG_PIN, INVALID_TOKEN }

    /** The result of a PIN check: on success, the user, the first step's method, remember-me and the continuation. */
    public record Verification(Outcome outcome, UserModel user, SignInMethod method, boolean rememberMe,
                               Continuation continuation) {

        static Verification invalidToken() {
            return new Verification(Outcome.INVALID_TOKEN, null, null, false, Continuation.API_ANSWER);
        }

        /** The sign-in the {@code pin_token} held back, now that its PIN was right. */
        SignInAttempt signInAttempt(EventBuilder event) {
            return new SignInAttempt(user, method, SECOND_FACTOR, true, rememberMe, continuation, event);
        }
    }
}
