package dev.lanyard.keycloak.publicauth;

import dev.lanyard.keycloak.common.ApiException;
import dev.lanyard.keycloak.common.KeycloakSessions;
import dev.lanyard.keycloak.common.LoginAttempts;
import dev.lanyard.keycloak.common.PublicSessionCookie;
import dev.lanyard.keycloak.common.PublicSignIn;
import dev.lanyard.keycloak.common.PublicUserRepresentation;
import dev.lanyard.keycloak.common.RealmPasswordHashing;
import dev.lanyard.keycloak.common.RouteEvents;
import dev.lanyard.keycloak.pin.PinGate;
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

import java.util.Map;
import java.util.Optional;

/**
 * Password login without the login page: Keycloak's credential manager checks the password, its brute-force
 * detector counts every failure, and success leaves a real user session with Keycloak's SSO cookies plus the
 * {@code public-session} cookie, unless the user has a PIN: then a {@code pin_token} for {@code verify-pin}.
 * Unknown user, wrong password, disabled and locked users answer alike.
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
            throw invalidCredentials();
        }
        event.user(user);
        LoginAttempts attempts = new LoginAttempts(session);
        if (attempts.isLocked(user)) {
            new RealmPasswordHashing(session).spendCheckTime(password);
            event.error(Errors.USER_TEMPORARILY_DISABLED);
            throw invalidCredentials();
        }
        if (!user.credentialManager().isValid(UserCredentialModel.password(password))) {
            attempts.failed(user, PasswordCredentialModel.TYPE);
            event.error(Errors.INVALID_USER_CREDENTIALS);
            throw invalidCredentials();
        }
        if (!user.isEnabled()) {
            event.error(Errors.USER_DISABLED);
            throw invalidCredentials();
        }
        Optional<String> pendingAction = pendingAction(user);
        if (pendingAction.isPresent()) {
            event.detail("required_action", pendingAction.get()).error("required_action_pending");
            throw ApiException.withBody(403, "action_required", new ActionRequiredRepresentation("action_required",
                    "The account has a pending action that must be completed first: " + pendingAction.get(),
                    pendingAction.get()));
        }

        boolean rememberMe = Boolean.TRUE.equals(request.rememberMe());
        Optional<String> pinToken = new PinGate(session).challenge(user, rememberMe, Map.of());
        if (pinToken.isPresent()) {
            // The detector hears of success only once the PIN is right too: failures add up across both steps.
            return AuthenticationRepresentation.pinRequired(pinToken.get());
        }
        attempts.succeeded(user, PasswordCredentialModel.TYPE);
        new PublicSignIn(session).complete(user, rememberMe, event);
        return AuthenticationRepresentation.authenticated(PublicUserRepresentation.of(user));
    }

    /** Ends the Keycloak user session of the request's cookie, if any, and clears the cookies either way. */
    void logout() {
        PublicSessionCookie cookie = new PublicSessionCookie(session);
        cookie.read().ifPresent(signedIn -> {
            KeycloakSessions.signOut(session, signedIn.userSession());
            RouteEvents.start(session, EventType.LOGOUT, "public/logout")
                    .user(signedIn.user()).session(signedIn.userSession()).success();
        });
        cookie.clear();
    }

    /** A required action on the account, or email verification where the realm asks for it. */
    private Optional<String> pendingAction(UserModel user) {
        Optional<String> required = user.getRequiredActionsStream().findFirst();
        if (required.isPresent()) {
            return required;
        }
        if (realm.isVerifyEmail() && !user.isEmailVerified()) {
            return Optional.of(UserModel.RequiredAction.VERIFY_EMAIL.name());
        }
        return Optional.empty();
    }

    private static ApiException invalidCredentials() {
        return ApiException.unauthorized("invalid_credentials", "Invalid email, username or password");
    }
}
