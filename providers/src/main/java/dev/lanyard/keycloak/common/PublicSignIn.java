package dev.lanyard.keycloak.common;

import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * The last step of every API sign-in (password, magic link, PIN, social): a real Keycloak user session with
 * Keycloak's SSO cookies, the {@code public-session} cookie, and the event that records it.
 */
public final class PublicSignIn {

    private final KeycloakSession session;

    public PublicSignIn(KeycloakSession session) {
        this.session = session;
    }

    public UserSessionModel complete(UserModel user, boolean rememberMe, EventBuilder event) {
        UserSessionModel userSession = KeycloakSessions.signIn(session, user, rememberMe);
        new PublicSessionCookie(session).issue(user, userSession);
        event.user(user).session(userSession).success();
        return userSession;
    }
}
