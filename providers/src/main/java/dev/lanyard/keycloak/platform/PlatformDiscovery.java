package dev.lanyard.keycloak.platform;

import dev.lanyard.keycloak.http.ApiUrls;
import org.keycloak.OAuth2Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The platform's OpenID Connect discovery document: the realm is the issuer (its tokens say so), and every
 * endpoint is a platform route.
 */
final class PlatformDiscovery {

    private PlatformDiscovery() {
    }

    static Map<String, Object> document(KeycloakSession session) {
        RealmModel realm = session.getContext().getRealm();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", session.getContext().getUri().getBaseUriBuilder().path("realms").path(realm.getName()).build().toString());
        document.put("authorization_endpoint", url(session, "oauth/authorize"));
        document.put("token_endpoint", url(session, "oauth/token"));
        document.put("userinfo_endpoint", url(session, "oauth/userinfo"));
        document.put("jwks_uri", url(session, ".well-known/jwks.json"));
        document.put("authorization_challenge_endpoint", ApiUrls.of(session, "oauth").path("authorize-challenge").build().toString());
        document.put("device_authorization_endpoint", url(session, "oauth/device/authorize"));
        document.put("end_session_endpoint", url(session, "oauth/logout"));
        document.put("grant_types_supported", List.of(OAuth2Constants.AUTHORIZATION_CODE, OAuth2Constants.CLIENT_CREDENTIALS,
                OAuth2Constants.REFRESH_TOKEN, OAuth2Constants.DEVICE_CODE_GRANT_TYPE, OAuth2Constants.TOKEN_EXCHANGE_GRANT_TYPE));
        document.put("response_types_supported", List.of(OAuth2Constants.CODE));
        document.put("code_challenge_methods_supported", List.of(OAuth2Constants.PKCE_METHOD_S256, OAuth2Constants.PKCE_METHOD_PLAIN));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported",
                List.of(Optional.ofNullable(realm.getDefaultSignatureAlgorithm()).orElse("RS256")));
        document.put("scopes_supported", List.of("openid", "organization"));
        return document;
    }

    private static String url(KeycloakSession session, String path) {
        return ApiUrls.of(session, PlatformResource.ROUTE).path(path).build().toString();
    }
}
