package dev.lanyard.keycloak.internals;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.protocol.oidc.grants.device.clientpolicy.context.DeviceTokenResponseContext;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.context.ImplicitHybridTokenResponse;
import org.keycloak.services.clientpolicy.context.ResourceOwnerPasswordCredentialsResponseContext;
import org.keycloak.services.clientpolicy.context.TokenRefreshResponseContext;
import org.keycloak.services.clientpolicy.context.TokenResponseContext;

import java.util.Optional;

/**
 * Adapter over the client-policy events ({@code keycloak-services}) at which Keycloak has built a user's tokens
 * and not yet sent them: the code, device, password, refresh and implicit grants. A policy executor may still
 * refuse them there (the grant then answers the executor's error) or add claims. Only what every Keycloak 26.x
 * offers is used: each event's token builder, and the access token it built (its user and client found from it).
 */
public final class IssuedTokens {

    private final TokenManager.AccessTokenResponseBuilder tokens;
    private final UserModel user;
    private final ClientModel client;
    private final boolean refresh;

    private IssuedTokens(TokenManager.AccessTokenResponseBuilder tokens, UserModel user, ClientModel client, boolean refresh) {
        this.tokens = tokens;
        this.user = user;
        this.client = client;
        this.refresh = refresh;
    }

    /** The user's tokens about to leave, if {@code context} is one of those events; empty for any other. */
    public static Optional<IssuedTokens> of(KeycloakSession session, ClientPolicyContext context) {
        TokenManager.AccessTokenResponseBuilder builder;
        if (context instanceof TokenResponseContext code) {
            builder = code.getAccessTokenResponseBuilder();
        } else if (context instanceof DeviceTokenResponseContext device) {
            builder = device.getAccessTokenResponseBuilder();
        } else if (context instanceof ResourceOwnerPasswordCredentialsResponseContext password) {
            builder = password.getAccessTokenResponseBuilder();
        } else if (context instanceof TokenRefreshResponseContext refresh) {
            builder = refresh.getAccessTokenResponseBuilder();
        } else if (context instanceof ImplicitHybridTokenResponse implicit) {
            builder = implicit.getAccessTokenResponseBuilder();
        } else {
            return Optional.empty();
        }
        AccessToken access = builder == null ? null : builder.getAccessToken();
        RealmModel realm = session.getContext().getRealm();
        if (access == null || access.getIssuedFor() == null || realm == null) {
            return Optional.empty();
        }
        ClientModel client = realm.getClientByClientId(access.getIssuedFor());
        UserModel user = userOf(session, realm, access);
        if (client == null || user == null) {
            return Optional.empty();
        }
        return Optional.of(new IssuedTokens(builder, user, client, context instanceof TokenRefreshResponseContext));
    }

    /** The token's subject, or the user of its session where the token names none (Keycloak 26 may leave {@code sub} out). */
    private static UserModel userOf(KeycloakSession session, RealmModel realm, AccessToken access) {
        if (access.getSubject() != null) {
            return session.users().getUserById(realm, access.getSubject());
        }
        String sessionId = access.getSessionId();
        if (sessionId == null) {
            return null;
        }
        UserSessionModel userSession = Optional.ofNullable(session.sessions().getUserSession(realm, sessionId))
                .orElseGet(() -> session.sessions().getOfflineUserSession(realm, sessionId));
        return userSession == null ? null : userSession.getUser();
    }

    public UserModel user() {
        return user;
    }

    public ClientModel client() {
        return client;
    }

    /** Whether these tokens answer a refresh-token grant. */
    public boolean refresh() {
        return refresh;
    }

    /** Sets a claim of the access token and, where one is issued, the ID token. */
    public void setClaim(String name, Object value) {
        tokens.getAccessToken().setOtherClaims(name, value);
        IDToken id = tokens.getIdToken();
        if (id != null) {
            id.setOtherClaims(name, value);
        }
    }
}
