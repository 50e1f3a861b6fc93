package dev.lanyard.keycloak.access;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.FormBody;
import dev.lanyard.keycloak.internals.KeycloakSessions;
import dev.lanyard.keycloak.signin.PublicSessionCookie;
import dev.lanyard.keycloak.signin.PublicSessionToken;
import dev.lanyard.keycloak.signin.SignedInUser;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * A browser as the caller: who is signed in by its cookies, and whether the page that sent the request may act with
 * them ({@link OriginPolicy}). Lanyard's {@code public-session} cookie counts, and Keycloak's own SSO cookie, which
 * Keycloak sets only after its browser flow or after a Lanyard sign-in that checked every factor, so a session found
 * by it counts as fully signed in. Reads: 401 {@code invalid_session} without a session; writes also 403 from a page
 * of an untrusted origin.
 */
public final class Browser {

    private final KeycloakSession session;

    private Browser(KeycloakSession session) {
        this.session = session;
    }

    public static Browser of(KeycloakSession session) {
        return new Browser(session);
    }

    /** Who is signed in in this browser, by either cookie; empty when nobody is. */
    public Optional<SignedInUser> signedIn() {
        Optional<SignedInUser> signedIn = lanyardSession();
        if (signedIn.isPresent()) {
            return signedIn;
        }
        return KeycloakSessions.ofIdentityCookie(session)
                .filter(userSession -> userSession.getUser().isEnabled())
                .map(userSession -> new SignedInUser(userSession.getUser(), userSession, true));
    }

    /** The signed-in user, for a read; 401 {@code invalid_session} otherwise. */
    public SignedInUser requireSignedIn(String description) {
        return signedIn().orElseThrow(() -> ApiException.invalidSession(description));
    }

    /** The signed-in user, for a change made with the cookie: 401 without a session, then 403 from an untrusted page. */
    public SignedInUser requireSignedInWrite(String description) {
        SignedInUser signedIn = requireSignedIn(description);
        origins().requireTrustedOrigin();
        return signedIn;
    }

    /** The session of Lanyard's own cookie ({@code public-session}, or its alias), if valid and its user session alive. */
    public Optional<SignedInUser> lanyardSession() {
        RealmModel realm = session.getContext().getRealm();
        return Stream.of(PublicSessionCookie.NAME, PublicSessionCookie.ADMIN_ALIAS)
                .map(name -> session.getContext().getRequestHeaders().getCookies().get(name))
                .filter(cookie -> cookie != null && !cookie.getValue().isBlank())
                .map(Cookie::getValue)
                .findFirst()
                .flatMap(value -> Optional.ofNullable(session.tokens().decode(value, PublicSessionToken.class)))
                .filter(token -> isCurrent(token, realm))
                .flatMap(token -> Optional.ofNullable(session.sessions().getUserSession(realm, token.getSessionId()))
                        .filter(userSession -> KeycloakSessions.isAlive(realm, userSession))
                        .filter(userSession -> userSession.getUser().getId().equals(token.getSubject()))
                        .filter(userSession -> userSession.getUser().isEnabled())
                        .map(SignedInUser::of));
    }

    /** The value of another cookie Lanyard set in this browser (e.g. a sign-in's binding), if sent. */
    public Optional<String> cookie(String name) {
        return Optional.ofNullable(session.getContext().getRequestHeaders().getCookies().get(name)).map(Cookie::getValue);
    }

    /**
     * The form a page posted to act for this browser (sign it in, send it a mail): refused with 403 when a page of an
     * untrusted origin posted it (login CSRF), then read as {@link FormBody#read} reads it.
     */
    public MultivaluedMap<String, String> formFromOwnPage() {
        origins().rejectForeignOrigin();
        return FormBody.read(session);
    }

    /** Where the request comes from, for the rules that do not depend on a session. */
    public OriginPolicy origins() {
        return new OriginPolicy(session);
    }

    private static boolean isCurrent(PublicSessionToken token, RealmModel realm) {
        return PublicSessionToken.TYPE.equals(token.getType())
                && token.hasAudience(PublicSessionToken.TYPE)
                && token.isActive()
                && token.getIssuer() != null
                && token.getIssuer().endsWith("/realms/" + realm.getName())
                && token.getSessionId() != null;
    }
}
