package dev.lanyard.keycloak.it.headless;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.Reply;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A realm for headless authorization: the first-party app {@code web} (public, direct access grants, the
 * {@code resources} scope with the {@code lanyard-resource-audience} mapper), {@code web-short} (the same, with
 * one-second access tokens), {@code web-dpop} (the same, with DPoP-bound access tokens), a consent-required {@code consent-app}, a third-party {@code other}, {@code no-password}
 * (direct access grants off), a service-account client {@code svc}, and the resources {@code orders-api} and
 * {@code billing-api}. Lanyard's scope {@code lanyard-authorize} is an optional scope of the user-facing apps.
 * Failure factor 3.
 */
record HeadlessRealm(Lanyard lanyard, String name) {

    static final String PASSWORD = "Correct-Horse-9";
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    static final String WEB = "http://localhost:7100/cb";
    static final String CONSENT_APP = "http://localhost:7101/cb";
    static final String OTHER = "http://localhost:7102/cb";
    static final String ORDERS = "https://api.example/orders";
    static final String BILLING = "https://api.example/billing";
    /** Lanyard's client scope that a token needs for bearer authorize. */
    static final String AUTHORIZE_SCOPE = "lanyard-authorize";

    private static final String SETTINGS = """
            , "failureFactor": 3, "clients": [
              {"clientId": "web", "publicClient": true, "standardFlowEnabled": true, "directAccessGrantsEnabled": true,
               "redirectUris": ["http://localhost:7100/*"], "attributes": {"lanyard.firstParty": "true"}},
              {"clientId": "web-short", "publicClient": true, "standardFlowEnabled": true, "directAccessGrantsEnabled": true,
               "redirectUris": ["http://localhost:7100/*"], "attributes": {"lanyard.firstParty": "true", "access.token.lifespan": "1"}},
              {"clientId": "web-dpop", "publicClient": true, "standardFlowEnabled": true, "directAccessGrantsEnabled": true,
               "redirectUris": ["http://localhost:7100/*"], "attributes": {"lanyard.firstParty": "true", "dpop.bound.access.tokens": "true"}},
              {"clientId": "consent-app", "name": "Consent App", "publicClient": true, "consentRequired": true, "standardFlowEnabled": true,
               "directAccessGrantsEnabled": true, "redirectUris": ["http://localhost:7101/*"]},
              {"clientId": "other", "publicClient": true, "standardFlowEnabled": true, "directAccessGrantsEnabled": true,
               "redirectUris": ["http://localhost:7102/*"]},
              {"clientId": "no-password", "publicClient": true, "standardFlowEnabled": true, "directAccessGrantsEnabled": false,
               "redirectUris": ["http://localhost:7103/*"]},
              {"clientId": "gated", "publicClient": true, "standardFlowEnabled": true, "redirectUris": ["http://localhost:7104/*"],
               "attributes": {"lanyard.permission.required": "true"}},
              {"clientId": "svc", "publicClient": false, "secret": "svc-secret", "standardFlowEnabled": false, "serviceAccountsEnabled": true,
               "attributes": {"lanyard.firstParty": "true"}},
              {"clientId": "orders-api", "bearerOnly": true, "attributes": {"lanyard.resource.uri": "https://api.example/orders"}},
              {"clientId": "billing-api", "bearerOnly": true, "attributes": {"lanyard.resource.uri": "https://api.example/billing"}}]""";

    /**
     * The realm, then the {@code resources} client scope with Lanyard's mapper, a default scope of the apps, and
     * Lanyard's own {@code lanyard-authorize} (which Lanyard adds to the realm), an optional scope of the apps.
     */
    static HeadlessRealm create(Lanyard lanyard) {
        String realm = lanyard.newRealm("headless", SETTINGS);
        Reply scope = lanyard.admin().must("POST", "/" + realm + "/client-scopes", """
                {"name": "resources", "protocol": "openid-connect",
                 "attributes": {"display.on.consent.screen": "false", "include.in.token.scope": "false"},
                 "protocolMappers": [{"name": "resource audience", "protocol": "openid-connect",
                                      "protocolMapper": "lanyard-resource-audience", "config": {}}]}""");
        String location = scope.header("Location").orElseThrow();
        String scopeId = location.substring(location.lastIndexOf('/') + 1);
        String authorizeId = clientScopeId(lanyard, realm, AUTHORIZE_SCOPE);
        for (String app : new String[]{"web", "web-short", "web-dpop", "consent-app", "other", "no-password"}) {
            String id = lanyard.admin().client(realm, app).get("id").asText();
            lanyard.admin().must("PUT", "/" + realm + "/clients/" + id + "/default-client-scopes/" + scopeId, null);
            lanyard.admin().must("PUT", "/" + realm + "/clients/" + id + "/optional-client-scopes/" + authorizeId, null);
        }
        return new HeadlessRealm(lanyard, realm);
    }

    /** The id of the realm's client scope {@code name}. */
    static String clientScopeId(Lanyard lanyard, String realm, String name) {
        for (JsonNode scope : lanyard.admin().getJson("/" + realm + "/client-scopes")) {
            if (name.equals(scope.get("name").asText())) {
                return scope.get("id").asText();
            }
        }
        throw new IllegalStateException("No client scope " + name + " in realm " + realm);
    }

    /** A new user with the password {@link #PASSWORD}; its email. */
    String newUser() {
        String email = "h-" + UUID.randomUUID() + "@example.com";
        lanyard.admin().createUserWithPassword(name, email, PASSWORD);
        return email;
    }

    URI api(String path) {
        return lanyard.realm(name, "/api" + path);
    }

    String origin() {
        return lanyard.origin();
    }

    /**
     * Tokens of {@code clientId} from Keycloak's password grant (a live user session), asked with {@code openid} and
     * {@code lanyard-authorize}: the access token may ask for codes by bearer authorize.
     */
    JsonNode passwordGrant(String clientId, String email) {
        return passwordGrant(clientId, email, "openid " + AUTHORIZE_SCOPE);
    }

    /** Tokens of {@code clientId} from Keycloak's password grant with the given {@code scope} (and any extra headers). */
    JsonNode passwordGrant(String clientId, String email, String scope, String... headers) {
        Reply reply = lanyard.browser().postForm(lanyard.realm(name, "/protocol/openid-connect/token"), Map.of(
                "grant_type", "password", "client_id", clientId, "username", email, "password", PASSWORD, "scope", scope), headers);
        assertEquals(200, reply.status(), reply.toString());
        return reply.json();
    }

    /** A browser signed in through {@code public/login}. */
    Browser signedIn(String email) {
        Browser browser = lanyard.browser();
        Reply login = browser.postJson(api("/public/login"), "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(200, login.status(), login.toString());
        return browser;
    }

    /** Redeems a code of {@code web} at Lanyard's token endpoint (PKCE S256 verifier). */
    Reply redeem(String code, String clientId, String redirectUri) {
        return lanyard.browser().postForm(api("/oauth/token"), Map.of("grant_type", "authorization_code", "code", code,
                "client_id", clientId, "redirect_uri", redirectUri, "code_verifier", VERIFIER));
    }

    static String code(String redirect) {
        return param(redirect, "code");
    }

    static String param(String redirect, String name) {
        String value = redirect.replaceAll(".*[?&]" + name + "=([^&#]*).*", "$1");
        return value.equals(redirect) ? null : java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

}
