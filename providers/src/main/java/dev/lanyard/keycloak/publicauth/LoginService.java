package dev.lanyard.keycloak.publicauth;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.RouteEvents;
import dev.lanyard.keycloak.internals.LoginAttempts;
import dev.lanyard.keycloak.secrets.RealmPasswordHashing;
import dev.lanyard.keycloak.signin.PublicUserRepresentation;
import dev.lanyard.keycloak.signin.SignInAttempt;
import dev.lanyard.keycloak.signin.SignInPipeline;
import dev.lanyard.keycloak.signin.SignInResult;
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
 * Password login without the login page: Keycloak's credential manager checks the password, its brute-force
 * detector counts every failure, and the sign-in pipeline does the rest. Unknown user, user without a
 * password, wrong password, disabled and locked users answer alike, and each costs one password hash.
 */
final class LoginService {

    static final String ROUTE = "public/login";

    private final KeycloakSession session;
    private final RealmModel realm;

    LoginService(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    AuthenticationRepresentation login(LoginRequest request) {
        String identifier = request.identifier();
        String password = request.password();
        if (identifier == null || identifier.isEmpty() || password == null || password.isEmpty()) {
            throw ApiException.invalidRequest("email (or username) and password are required");
        }
        EventBuilder event = RouteEvents.start(session, EventType.LOGIN, ROUTE)
                .detail(Details.USERNAME, identifier)
                .detail(Details.AUTH_METHOD, "password");

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
        SignInResult result = new SignInPipeline(session)
                .signIn(SignInAttempt.password(user, Boolean.TRUE.equals(request.rememberMe()), event));
        return result.pinToken()
                .map(AuthenticationRepresentation::pinRequired)
                .orElseGet(() -> AuthenticationRepresentation.authenticated(PublicUserRepresentation.of(result.user())));
    }
}
