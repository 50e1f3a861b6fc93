package dev.lanyard.keycloak.internals;

import org.keycloak.models.ClientModel;
import org.keycloak.models.UserModel;
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
 * refuse them there (the grant then answers the executor's error) or add claims.
 */
public final class IssuedTokens {

    private final TokenManager.AccessTokenResponseBuilder tokens;

    private IssuedTokens(TokenManager.AccessTokenResponseBuilder tokens) {
        this.tokens = tokens;
    }

    /** The user's tokens about to leave, if {@code context} is one of those events; empty for any other. */
    public static Optional<IssuedTokens> of(ClientPolicyContext context) {
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
        return Optional.ofNullable(builder).filter(b -> b.getClientSessionCtx() != null).map(IssuedTokens::new);
    }

    public UserModel user() {
        return tokens.getClientSessionCtx().getClientSession().getUserSession().getUser();
    }

    public ClientModel client() {
        return tokens.getClientSessionCtx().getClientSession().getClient();
    }

    /** Sets a claim of the access token and, where one is issued, the ID token. */
    public void setClaim(String name, Object value) {
        AccessToken access = tokens.getAccessToken();
        if (access != null) {
            access.setOtherClaims(name, value);
        }
        IDToken id = tokens.getIdToken();
        if (id != null) {
            id.setOtherClaims(name, value);
        }
    }
}
