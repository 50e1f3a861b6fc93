package dev.lanyard.keycloak.access;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.clients.FirstPartyClients;
import dev.lanyard.keycloak.internals.KeycloakBearerTokens;
import dev.lanyard.keycloak.signin.SignedInUser;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.AccessToken;

/**
 * A user's bearer token as the caller, acting for one client: an active user access token of a live session (not a
 * service account's), issued to a first-party client or to that client, verified by Keycloak; a DPoP-bound token
 * only with its DPoP proof. 401 {@code invalid_token} otherwise.
 */
public record UserBearer(SignedInUser signedIn, AccessToken token) {

    public static UserBearer forClient(KeycloakSession session, String clientId) {
        KeycloakBearerTokens.Bearer bearer = KeycloakBearerTokens.authenticate(session)
                .filter(found -> found.userSession() != null && found.user().getServiceAccountClientLink() == null)
                .filter(found -> found.client() != null
                        && (FirstPartyClients.isFirstParty(found.client()) || found.client().getClientId().equals(clientId)))
                .orElseThrow(() -> ApiException.invalidToken(
                        "The bearer token is not a user token of a live session issued to this client or a first-party client"));
        if (bearer.lacksProofOfPossession()) {
            throw ApiException.invalidToken("The token is DPoP-bound: send it with the DPoP scheme and a DPoP proof");
        }
        return new UserBearer(new SignedInUser(bearer.user(), bearer.userSession(), true), bearer.token());
    }
}
