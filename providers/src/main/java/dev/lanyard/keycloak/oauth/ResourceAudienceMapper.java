package dev.lanyard.keycloak.oauth;

import dev.lanyard.keycloak.internals.AccessTokenMapper;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.http.HttpRequest;
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
                + "(client attribute lanyard.resource.uri), for that request's tokens and their refreshes only.";
    }

    @Override
    protected void map(AccessToken token, KeycloakSession session, AuthenticatedClientSessionModel clientSession) {
        new ResourceIndicators(session).forToken(clientSession, tokenRequest(session)).forEach(token::addAudience);
    }

    @Override
    protected void answered(String refreshToken, KeycloakSession session, AuthenticatedClientSessionModel clientSession) {
        new ResourceIndicators(session).carry(clientSession, refreshToken);
    }

    /** The token request's form; none where tokens come from elsewhere than a token request. */
    private static MultivaluedMap<String, String> tokenRequest(KeycloakSession session) {
        HttpRequest request = session.getContext().getHttpRequest();
        return "POST".equals(request.getHttpMethod()) ? request.getDecodedFormParameters() : new MultivaluedHashMap<>();
    }
}
