package dev.lanyard.keycloak.signin;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.OriginPolicy;
import dev.lanyard.keycloak.internals.KeycloakAdminEvents;
import dev.lanyard.keycloak.internals.KeycloakBearerTokens;
import dev.lanyard.keycloak.internals.RealmAdmins;
import jakarta.ws.rs.core.HttpHeaders;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;

import java.util.Arrays;
import java.util.List;
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
    private final PublicSessionCookie.SignedInUser signedIn;

    private Caller(KeycloakSession session, UserModel user, AccessToken token, ClientModel client,
                   PublicSessionCookie.SignedInUser signedIn) {
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
        if (context.getRequestHeaders().getHeaderString(HttpHeaders.AUTHORIZATION) != null) {
            KeycloakBearerTokens.Bearer bearer = KeycloakBearerTokens.authenticate(session)
                    .orElseThrow(() -> ApiException.invalidToken("The bearer token is not valid"));
            return new Caller(session, bearer.user(), bearer.token(), bearer.client(), null);
        }
        PublicSessionCookie.SignedInUser signedIn = new PublicSessionCookie(session).read()
                .orElseThrow(() -> ApiException.sessionOrTokenRequired("Sign in, or send a bearer token"));
        if (!"GET".equals(context.getHttpRequest().getHttpMethod())) {
            new OriginPolicy(session).requireTrustedOrigin();
        }
        return new Caller(session, signedIn.user(), null, null, signedIn);
    }

    /** The user of a login flow to {@code app}, acting for themself (e.g. asking for access on a login page). */
    public static Caller inLogin(KeycloakSession session, UserModel user, ClientModel app) {
        return new Caller(session, user, null, app, null);
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

    /**
     * Whether the caller may give or take away {@code role}, as Keycloak's admin API decides for role mappings
     * (an admin of users may not hand out roles beyond their own, such as {@code realm-admin}).
     */
    public boolean mayMapRole(RoleModel role) {
        return token != null
                ? RealmAdmins.tokenMayMapRole(session, session.getContext().getRealm(), token, user, client, role)
                : RealmAdmins.mayMapRole(session, session.getContext().getRealm(), user, role);
    }

    /** 403 unless {@code allowed}. */
    public Caller require(boolean allowed) {
        if (!allowed) {
            throw ApiException.accessDenied("The caller may not do this");
        }
        return this;
    }

    /** Records a change this caller made as a Keycloak admin event. */
    public void recordAdminEvent(OperationType operation, List<String> path, Object representation) {
        recordAdminEvent(ResourceType.CUSTOM, operation, path, representation);
    }

    /** Records a change of a Keycloak resource ({@code CLIENT}, {@code USER}, ...) this caller made. */
    public void recordAdminEvent(ResourceType type, OperationType operation, List<String> path, Object representation) {
        KeycloakAdminEvents.record(session, user, token, client, type, operation, path, representation);
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
