package dev.lanyard.keycloak.signin;

import dev.lanyard.keycloak.internals.KeycloakSessions;
import jakarta.ws.rs.core.NewCookie;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * The {@code public-session} cookie (ARCHITECTURE §3), as written: a {@link PublicSessionToken} signed with the
 * realm's keys that names the Keycloak user session; the {@code access} layer reads it, and {@code admin-session}
 * as its alias. {@code Path=/} so that the proxied bare {@code /api/...} paths receive it; the signature (realm
 * keys) and issuer keep other realms' cookies out. {@code Secure} exactly when Keycloak's own cookies are (HTTPS, or a loopback host, which
 * browsers treat as secure).
 */
public final class PublicSessionCookie {

    public static final String NAME = "public-session";
    public static final String ADMIN_ALIAS = "admin-session";

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

    /** Expires both cookie names. */
    public void clear() {
        set(NAME, "", 0);
        set(ADMIN_ALIAS, "", 0);
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
}
