package dev.lanyard.keycloak.platform;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.RequestParameters;
import dev.lanyard.keycloak.internals.KeycloakLogoutRedirects;
import dev.lanyard.keycloak.signin.BrowserSession;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.representations.IDToken;

import java.util.Optional;

/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0), tenant-agnostic: ends the browser's session found
 * by cookie. It goes back to {@code post_logout_redirect_uri} (with {@code state}) only when the client, named by
 * {@code client_id} or the ID token hint, registered that URI; otherwise it answers 200 {@code logged_out}.
 */
final class PlatformLogoutService {

    private final KeycloakSession session;

    PlatformLogoutService(KeycloakSession session) {
        this.session = session;
    }

    /** What the browser says of the request's origin (Fetch Metadata); clients other than browsers send nothing. */
    private boolean isCrossSite() {
        return "cross-site".equalsIgnoreCase(session.getContext().getRequestHeaders().getHeaderString("Sec-Fetch-Site"));
    }

    /** {@code tenant}: the tenant of a tenant route, whose apps alone may name a redirect there; null on the platform route. */
    Response logout(OrganizationModel tenant, String route) {
        RequestParameters query = RequestParameters.query(session);
        Optional<String> hint = query.optional("id_token_hint");
        Optional<String> redirect = query.optional("post_logout_redirect_uri");
        Optional<String> state = query.optional("state");
        Optional<String> clientId = query.optional("client_id");
        query.check();
        Optional<IDToken> idToken = hint.map(value -> KeycloakLogoutRedirects.idToken(session, value)
                .orElseThrow(() -> ApiException.invalidRequest("The id_token_hint is not a valid ID token of this realm")));
        if (idToken.isEmpty() && isCrossSite()) {
            // A page of another site (an image, a link) must not sign the browser out: an app proves itself with its ID token.
            throw ApiException.invalidRequest("A logout started by another site needs an id_token_hint");
        }
        if (clientId.isPresent() && idToken.isPresent() && !clientId.get().equals(idToken.get().getIssuedFor())) {
            throw ApiException.invalidRequest("The client_id is not the client the ID token was issued to");
        }
        Optional<ClientModel> client = clientId.or(() -> idToken.map(IDToken::getIssuedFor))
                .map(id -> session.getContext().getRealm().getClientByClientId(id))
                .filter(ClientModel::isEnabled)
                .filter(app -> tenant == null || PlatformApps.servesTenant(app, tenant));
        Optional<String> validated = redirect.flatMap(uri -> client.flatMap(app -> KeycloakLogoutRedirects.verify(session, app, uri)));
        BrowserSession.end(session, route);
        if (validated.isEmpty()) {
            return Response.ok(new StatusRepresentation("logged_out")).build();
        }
        UriBuilder target = UriBuilder.fromUri(validated.get());
        state.ifPresent(value -> target.queryParam("state", "{state}"));
        return Response.status(Response.Status.FOUND)
                .location(state.isPresent() ? target.build(state.get()) : target.build())
                .build();
    }
}
