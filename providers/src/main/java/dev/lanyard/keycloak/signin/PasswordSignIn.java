package dev.lanyard.keycloak.signin;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.RouteEvents;
import dev.lanyard.keycloak.internals.LoginAttempts;
import dev.lanyard.keycloak.secrets.RealmPasswordHashing;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Password sign-in without the login page, for every route that takes a password: Keycloak's credential manager
 * checks it, its brute-force detector counts every failure, and the {@link SignInPipeline} does the rest. Unknown
 * user, user without a password, wrong password, disabled and locked users answer alike (401
 * {@code invalid_credentials}), and each costs one password hash.
 */
public final class PasswordSignIn {

    private final KeycloakSession session;
    private final RealmModel realm;

    public PasswordSignIn(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /**
     * Signs in the user named by {@code email}, else {@code username}, with {@code password}; 400 when either is
     * missing. {@code continuation} comes back from {@code verify-pin} when the user has a PIN, and names the client
     * of the event.
     */
    public SignInResult signIn(String email, String username, String password, boolean rememberMe, Continuation continuation,
                               String route) {
        String identifier = email != null && !email.isBlank() ? email.trim() : username == null ? null : username.trim();
        if (identifier == null || identifier.isEmpty() || password == null || password.isEmpty()) {
            throw ApiException.invalidRequest("email (or username) and password are required");
        }
        EventBuilder event = RouteEvents.start(session, EventType.LOGIN, route)
                .client(continuation.clientId())
                .detail(Details.USERNAME, identifier)
                .detail(Details.AUTH_METHOD, "password");
        UserModel user = verify(identifier, password, event);
        return new SignInPipeline(session).signIn(
                SignInAttempt.password(user, rememberMe, continuation, event));
    }

    /**
     * The user named {@code identifier} (username or email) whose password {@code password} is, without signing in;
     * 401 {@code invalid_credentials} otherwise, recorded on {@code event} and counted by the detector.
     */
    public UserModel verify(String identifier, String password, EventBuilder event) {
        UserModel user = KeycloakModelUtils.findUserByNameOrEmail(session, realm, identifier);
        if (user == null) {
            new RealmPasswordHashing(session).spendCheckTime(password);
            event.error(Errors.USER_NOT_FOUND);
            throw SignInPipeline.invalidCredentials();
        }
        event.user(user);
        LoginAttempts attempts = new LoginAttempts(session);
        boolean locked = attempts.isLocked(user);
        if (locked || !user.credentialManager().isConfiguredFor(PasswordCredentialModel.TYPE)) {
            // Nothing to check the password against: spend the time a check takes.
            new RealmPasswordHashing(session).spendCheckTime(password);
            event.error(locked ? Errors.USER_TEMPORARILY_DISABLED : Errors.INVALID_USER_CREDENTIALS);
            throw SignInPipeline.invalidCredentials();
        }
        if (!user.credentialManager().isValid(UserCredentialModel.password(password))) {
            attempts.failed(user, PasswordCredentialModel.TYPE);
            event.error(Errors.INVALID_USER_CREDENTIALS);
            throw SignInPipeline.invalidCredentials();
        }
        return user;
    }

    /**
     * A signed-in user's password asked again before a change to their credentials (removing a PIN or a passkey):
     * 401 {@code invalid_credentials} unless it is theirs, counted by the detector; a locked user never passes.
     */
    public void confirm(UserModel user, String password, EventBuilder event) {
        LoginAttempts attempts = new LoginAttempts(session);
        if (attempts.isLocked(user)) {
            event.error(Errors.USER_TEMPORARILY_DISABLED);
            throw wrongPassword();
        }
        if (!user.credentialManager().isValid(UserCredentialModel.password(password))) {
            attempts.failed(user, PasswordCredentialModel.TYPE);
            event.error(Errors.INVALID_USER_CREDENTIALS);
            throw wrongPassword();
        }
    }

    private static ApiException wrongPassword() {
        return ApiException.of(401, "invalid_credentials", "The password is not correct");
    }
}
