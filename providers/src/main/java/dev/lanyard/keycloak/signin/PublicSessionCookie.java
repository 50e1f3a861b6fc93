package dev.lanyard.keycloak.signin;

import dev.lanyard.keycloak.internals.KeycloakSessions;
import dev.lanyard.keycloak.internals.RealmAdmins;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code public-session} cookie (ARCHITECTURE §3): a {@link PublicSessionToken} signed with the realm's keys
 * that names the Keycloak user session. {@code admin-session} is accepted as an alias. {@code Path=/} so that the
 * proxied bare {@code /api/...} paths receive it; the signature (realm keys) and issuer keep other realms'
 * cookies out. {@code Secure} exactly when Keycloak's own cookies are (HTTPS, or a loopback host, which
 * browsers treat as secure).
 */
public final class PublicSessionCookie {

    public static final String NAME = "public-session";
    public static final String ADMIN_ALIAS = "admin-session";
    /** User-session note: the sign-in checked every factor the user has (no OTP or WebAuthn was left out). */
    static final String EVERY_FACTOR_NOTE = "lanyard.every-factor";

    private final KeycloakSession session;

    public PublicSessionCookie(KeycloakSession session) {
        this.session = session;
    }

    /** Sets the cookie for a user session that was just started. */
    void issue(UserModel user, UserSessionModel userSession) {
        RealmModel realm = session.getContext().getRealm();
        int maxAge = userSession.isRememberMe() && realm.getSsoSessionMaxLifespanRememberMe() > 0
                ? realm.getSsoSessionMaxLifespanRememberMe()
                : realm.getSsoSessionMaxLifespan();
        PublicSessionToken token = new PublicSessionToken().sessionId(userSession.getId());
        token.type(PublicSessionToken.TYPE);
        token.audience(PublicSessionToken.TYPE);
        token.issuer(issuer(realm));
        token.subject(user.getId());
        token.iat((long) Time.currentTime());
        token.exp((long) Time.currentTime() + maxAge);
        set(NAME, session.tokens().encode(token), maxAge);
    }

    /** The signed-in user of the request's cookie, if the cookie is valid and its user session alive. */
    public Optional<SignedInUser> read() {
        RealmModel realm = session.getContext().getRealm();
        return Stream.of(NAME, ADMIN_ALIAS)
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

    /** Expires both cookie names. */
    public void clear() {
        set(NAME, "", 0);
        set(ADMIN_ALIAS, "", 0);
    }

    private static boolean isCurrent(PublicSessionToken token, RealmModel realm) {
        return PublicSessionToken.TYPE.equals(token.getType())
                && token.hasAudience(PublicSessionToken.TYPE)
                && token.isActive()
                && token.getIssuer() != null
                && token.getIssuer().endsWith("/realms/" + realm.getName())
                && token.getSessionId() != null;
    }

    private String issuer(RealmModel realm) {
        return session.getContext().getUri().getBaseUriBuilder().path("realms").path(realm.getName()).build().toString();
    }

    private void set(String name, String value, int maxAge) {
        session.getContext().getHttpResponse().setCookieIfAbsent(new NewCookie.Builder(name)
                .value(value)
                .path("/")
                .maxAge(maxAge)
                .httpOnly(true)
                .secure(KeycloakSessions.isSecureContext(session))
                .sameSite(NewCookie.SameSite.LAX)
                .build());
    }

    /**
     * A user with a live Keycloak user session, as proven by a cookie; {@code everyFactorChecked} when its sign-in
     * checked every factor the user has and the realm's browser flow asks for.
     */
    public record SignedInUser(UserModel user, UserSessionModel userSession, boolean everyFactorChecked) {

        /** The user of a session that Lanyard's sign-in pipeline started (which notes whether it checked every factor). */
        static SignedInUser of(UserSessionModel userSession) {
            return new SignedInUser(userSession.getUser(), userSession, "true".equals(userSession.getNote(EVERY_FACTOR_NOTE)));
        }

        /**
         * Whether the session may act as the realm's admin says the user may: only when its sign-in checked
         * every factor the user has, so that a password alone never carries an OTP-protected admin's rights.
         */
        public boolean mayAdminister(KeycloakSession session) {
            return mayAdminister(session, RealmAdmins.Right.MANAGE_USERS);
        }

        /** The same for another administration right. */
        public boolean mayAdminister(KeycloakSession session, RealmAdmins.Right right) {
            return everyFactorChecked && RealmAdmins.may(session, session.getContext().getRealm(), user, right);
        }
    }
}
