package dev.lanyard.keycloak.signin;

import dev.lanyard.keycloak.http.RouteEvents;
import dev.lanyard.keycloak.internals.KeycloakSessions;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserSessionModel;

import java.util.Optional;

/** How sessions end: every one with a {@code LOGOUT} event naming the route that ended it. */
public final class SignOut {

    private SignOut() {
    }

    /**
     * Signs this browser out: ends its user session everywhere and expires Lanyard's and Keycloak's cookies. Without a
     * session only the cookies are expired.
     */
    public static void browser(KeycloakSession session, Optional<SignedInUser> signedIn, String route) {
        signedIn.ifPresent(user -> {
            KeycloakSessions.signOut(session, user.userSession());
            logoutEvent(session, route, user.userSession());
        });
        new PublicSessionCookie(session).clear();
    }

    /** Ends a user session that is not this browser's (an app named it); this browser's own session and cookies stay. */
    public static void other(KeycloakSession session, UserSessionModel userSession, String route) {
        KeycloakSessions.end(session, userSession);
        logoutEvent(session, route, userSession);
    }

    private static void logoutEvent(KeycloakSession session, String route, UserSessionModel userSession) {
        RouteEvents.start(session, EventType.LOGOUT, route).user(userSession.getUser()).session(userSession).success();
    }
}
