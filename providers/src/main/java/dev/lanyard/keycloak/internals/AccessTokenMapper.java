package dev.lanyard.keycloak.internals;

import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenResponseMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.AccessTokenResponse;

import java.util.List;

/**
 * Base of Lanyard's OpenID Connect protocol mappers ({@code keycloak-services} types stay here): a mapper that
 * changes the access token only, with no settings of its own, and may look at the token response it ends in.
 */
public abstract class AccessTokenMapper extends AbstractOIDCProtocolMapper implements OIDCAccessTokenMapper,
        OIDCAccessTokenResponseMapper {

    @Override
    public final String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public final List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public final AccessToken transformAccessToken(AccessToken token, ProtocolMapperModel model, KeycloakSession session,
                                                  UserSessionModel userSession, ClientSessionContext context) {
        map(token, session, context.getClientSession());
        return token;
    }

    @Override
    public final AccessTokenResponse transformAccessTokenResponse(AccessTokenResponse response, ProtocolMapperModel model,
                                                                  KeycloakSession session, UserSessionModel userSession,
                                                                  ClientSessionContext context) {
        answered(response.getRefreshToken(), session, context.getClientSession());
        return response;
    }

    /** Adds to the access token being issued for {@code clientSession}. */
    protected abstract void map(AccessToken token, KeycloakSession session, AuthenticatedClientSessionModel clientSession);

    /** After the token response is made, with its refresh token (null when none); nothing by default. */
    protected void answered(String refreshToken, KeycloakSession session, AuthenticatedClientSessionModel clientSession) {
    }
}
