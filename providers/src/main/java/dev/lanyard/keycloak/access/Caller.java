package dev.lanyard.keycloak.access;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.internals.AdminActor;
import dev.lanyard.keycloak.internals.KeycloakBearerTokens;
import dev.lanyard.keycloak.internals.RealmAdmins;
import dev.lanyard.keycloak.signin.SignedInUser;
import jakarta.ws.rs.core.HttpHeaders;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;

import java.util.Arrays;
import java.util.Optional;

/**
 * Who is calling: a bearer token of the realm (verified by Keycloak, as its admin API does) or a public
 * session cookie. {@link #identify} answers 401 when there are no valid credentials; the predicates let a
 * route say in one line who may call it, and {@link #require} turns a "no" into 403.
 */
public final class Caller {

    private final KeycloakSession session;
    private final UserModel user;
    private final AccessToken token;
    private final ClientModel client;
    private final SignedInUser signedIn;

    private Caller(KeycloakSession session, UserModel user, AccessToken token, ClientModel client,
                   SignedInUser signedIn) {
        this.session = session;
        this.user = user;
        this.token = token;
        this.client = client;
        this.signedIn = signedIn;
    }

    /**
     * The caller of this request. With an {@code Authorization} header the bearer rules apply (401 {@code invalid_token}
     * unless Keycloak accepts the token); without one, the session cookie (401 {@code invalid_session} without a valid
     * session). Cookie-authenticated writes must come from a trusted origin.
     */
    public static Caller identify(KeycloakSession session) {
        KeycloakContext context = session.getContext();
        if (hasAuthorizationHeader(session)) {
            KeycloakBearerTokens.Bearer bearer = KeycloakBearerTokens.authenticate(session)
                    .orElseThrow(() -> ApiException.invalidToken("The bearer token is not valid"));
            return new Caller(session, bearer.user(), bearer.token(), bearer.client(), null);
        }
        SignedInUser signedIn = Browser.of(session).lanyardSession()
                .orElseThrow(() -> ApiException.sessionOrTokenRequired("Sign in, or send a bearer token"));
        if (!"GET".equals(context.getHttpRequest().getHttpMethod())) {
            new OriginPolicy(session).requireTrustedOrigin();
        }
        return new Caller(session, signedIn.user(), null, null, signedIn);
    }

    /**
     * The caller as a realm admin with {@code right} (an admin session or a user's admin token): 401 without
     * credentials, 403 without the right; cookie-authenticated writes come from a trusted origin.
     */
    public static Caller requireAdmin(KeycloakSession session, RealmAdmins.Right right) {
        Caller caller = identify(session);
        return caller.require(caller.isAdmin(right));
    }

    /** Whether the request sends credentials in its {@code Authorization} header (a bearer token, or a client's). */
    public static boolean hasAuthorizationHeader(KeycloakSession session) {
        return session.getContext().getRequestHeaders().getHeaderString(HttpHeaders.AUTHORIZATION) != null;
    }

    /** A user's own token, issued to {@code app} (not a client's service account). */
    public boolean isUserTokenFor(UserModel subject, ClientModel app) {
        return token != null && isIssuedTo(app) && user.getServiceAccountClientLink() == null && user.getId().equals(subject.getId());
    }

    /** A token of {@code app} itself (its service account) that holds {@code scope}. */
    public boolean isClientTokenWithScope(ClientModel app, String scope) {
        return token != null && isIssuedTo(app) && app.getId().equals(user.getServiceAccountClientLink()) && hasScope(scope);
    }

    /** A public or admin session of a user who may manage the realm's users (signed in with every factor). */
    public boolean isAdminSession() {
        return signedIn != null && signedIn.mayAdminister(session);
    }

    /**
     * An admin session or a user's admin token with {@code right} (e.g. {@code view-clients}), judged as
     * Keycloak's admin REST API judges it.
     */
    public boolean isAdmin(RealmAdmins.Right right) {
        return signedIn != null ? signedIn.mayAdminister(session, right) : isAdminToken(right);
    }

    /** A user's own token with {@code right}, judged by the roles the token carries, not by the user's role mappings. */
    private boolean isAdminToken(RealmAdmins.Right right) {
        return token != null && user.getServiceAccountClientLink() == null
                && RealmAdmins.tokenMay(session, session.getContext().getRealm(), token, user, client, right);
    }

    /** 403 unless {@code allowed}. */
    public Caller require(boolean allowed) {
        if (!allowed) {
            throw ApiException.accessDenied("The caller may not do this");
        }
        return this;
    }

    /** The caller as the author of a change, for the admin rules and admin events of the services. */
    public AdminActor actor() {
        return new AdminActor(user, token, client);
    }

    private boolean isIssuedTo(ClientModel app) {
        return app.getClientId().equals(token.getIssuedFor());
    }

    private boolean hasScope(String scope) {
        return Optional.ofNullable(token.getScope())
                .map(scopes -> Arrays.asList(scopes.split(" ")).contains(scope))
                .orElse(false);
    }
}
