package dev.lanyard.keycloak.oauth;

import dev.lanyard.keycloak.internals.AccessTokenMapper;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.AccessToken;

/**
 * Protocol mapper {@code lanyard-resource-audience}: puts the clients named by the request's {@code resource}
 * indicators into the access token's {@code aud}, whichever token endpoint redeems the code. Realm admins add it
 * to a client scope of the clients that use resource indicators.
 */
public final class ResourceAudienceMapper extends AccessTokenMapper {

    public static final String PROVIDER_ID = "lanyard-resource-audience";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Resource indicator audience (Lanyard)";
    }

    @Override
    public String getHelpText() {
        return "Adds to the access token's audience the clients that the request's RFC 8707 'resource' values name "
                + "(client attribute lanyard.resource.uri).";
    }

    @Override
    protected void map(AccessToken token, KeycloakSession session, AuthenticatedClientSessionModel clientSession) {
        new ResourceIndicators(session).requested(clientSession.getNotes()).forEach(token::addAudience);
    }
}
