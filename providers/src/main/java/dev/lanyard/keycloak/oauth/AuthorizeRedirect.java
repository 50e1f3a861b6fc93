package dev.lanyard.keycloak.oauth;

import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.models.KeycloakSession;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

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
        URI endpoint = session.getContext().getUri().getBaseUriBuilder()
                .path("realms").path(session.getContext().getRealm().getName())
                .path("protocol").path("openid-connect").path("auth").build();
        StringJoiner parameters = new StringJoiner("&");
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            String name = PROVIDER.equals(parameter.getKey()) && !query.containsKey(IDP_HINT) ? IDP_HINT : parameter.getKey();
            for (String value : parameter.getValue()) {
                parameters.add(encode(name) + "=" + encode(value));
            }
        }
        return parameters.length() == 0 ? endpoint : URI.create(endpoint + "?" + parameters);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
