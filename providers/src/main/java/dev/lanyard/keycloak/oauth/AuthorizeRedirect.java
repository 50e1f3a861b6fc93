package dev.lanyard.keycloak.oauth;

import dev.lanyard.keycloak.internals.NativeOidcEndpoints;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.models.KeycloakSession;

import java.net.URI;

/**
 * Where {@code {api}/oauth/authorize} sends the browser: the realm's native authorization endpoint with the
 * same parameters (state, nonce, PKCE, scope, prompt, login_hint, resource, ...); the seed's
 * {@code provider=google} becomes Keycloak's {@code kc_idp_hint}.
 */
final class AuthorizeRedirect {

    static final String PROVIDER = "provider";
    static final String IDP_HINT = "kc_idp_hint";

    private final KeycloakSession session;

    AuthorizeRedirect(KeycloakSession session) {
        this.session = session;
    }

    URI target(MultivaluedMap<String, String> query) {
        MultivaluedMap<String, String> parameters = new MultivaluedHashMap<>();
        query.forEach((name, values) -> parameters.addAll(
                PROVIDER.equals(name) && !query.containsKey(IDP_HINT) ? IDP_HINT : name, values));
        return NativeOidcEndpoints.authorizeUri(session, parameters);
    }
}
