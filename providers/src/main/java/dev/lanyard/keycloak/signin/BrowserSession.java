package dev.lanyard.keycloak.signin;

import dev.lanyard.keycloak.http.RouteEvents;
import dev.lanyard.keycloak.internals.KeycloakSessions;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserSessionModel;

import java.util.Optional;

/**
 * Who is signed in in this browser: the {@code public-session} cookie, else Keycloak's own SSO cookie. Keycloak
 * sets its cookie only after its browser flow or after a Lanyard sign-in that checked every factor, so a session
 * found by it counts as fully signed in.
 */
public final class BrowserSession {

    private BrowserSession() {
    }

    public static Optional<PublicSessionCookie.SignedInUser> current(KeycloakSession session) {
        Optional<PublicSessionCookie.SignedInUser> signedIn = new PublicSessionCookie(session).read();
        if (signedIn.isPresent()) {
            return signedIn;
        }
        return KeycloakSessions.ofIdentityCookie(session)
                .filter(userSession -> userSession.getUser().isEnabled())
                .map(userSession -> new PublicSessionCookie.SignedInUser(userSession.getUser(), userSession, true));
    }

    /**
     * Signs this browser out: ends its user session everywhere (a {@code LOGOUT} event naming {@code route}) and
     * expires Lanyard's and Keycloak's cookies. Without a session only the cookies are expired.
     */
    public static void end(KeycloakSession session, String route) {
        current(session).ifPresent(signedIn -> {
            KeycloakSessions.signOut(session, signedIn.userSession());
            logoutEvent(session, route, signedIn.userSession());
        });
        new PublicSessionCookie(session).clear();
    }

    /**
     * Ends a user session that is not this browser's (an app named it), with a {@code LOGOUT} event naming
     * {@code route}; this browser's own session and cookies stay.
     */
    public static void endOther(KeycloakSession session, UserSessionModel userSession, String route) {
        KeycloakSessions.end(session, userSession);
        logoutEvent(session, route, userSession);
    }

    private static void logoutEvent(KeycloakSession session, String route, UserSessionModel userSession) {
        RouteEvents.start(session, EventType.LOGOUT, route).user(userSession.getUser()).session(userSession).success();
    }
}
