package dev.lanyard.keycloak.it.oauth;

import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.Reply;
import org.jsoup.Jsoup;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A realm for OAuth tests: a public PKCE client {@code spa}, a confidential {@code app} (secret
 * {@code app-secret}, service account, password grant, itself in its tokens' audience), a
 * consent-required {@code consent-app}, a device-flow client {@code tv}, a token-exchange client
 * {@code exchanger}, a scope hidden from the consent screen, and one user.
 */
record OAuthRealm(Lanyard lanyard, String name, String email) {

    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    static final String SPA_CALLBACK = "http://localhost:5173/cb";
    static final String PASSWORD = "Correct-Horse-9";

    private static final String SETTINGS = """
            , "loginTheme": "lanyard", "clients": [
              {"clientId": "spa", "publicClient": true, "standardFlowEnabled": true, "redirectUris": ["http://localhost:5173/*"],
               "attributes": {"pkce.code.challenge.method": "S256"}},
              {"clientId": "app", "publicClient": false, "secret": "app-secret", "standardFlowEnabled": true,
               "serviceAccountsEnabled": true, "directAccessGrantsEnabled": true, "redirectUris": ["http://localhost:3000/*"],
               "protocolMappers": [{"name": "self-audience", "protocol": "openid-connect", "protocolMapper": "oidc-audience-mapper",
                                    "config": {"included.client.audience": "app", "access.token.claim": "true",
                                               "introspection.token.claim": "true"}}]},
              {"clientId": "consent-app", "publicClient": true, "consentRequired": true, "standardFlowEnabled": true,
               "redirectUris": ["http://localhost:6000/*"]},
              {"clientId": "tv", "publicClient": true, "standardFlowEnabled": false,
               "attributes": {"oauth2.device.authorization.grant.enabled": "true"}},
              {"clientId": "exchanger", "publicClient": false, "secret": "exchanger-secret", "standardFlowEnabled": false,
               "attributes": {"standard.token.exchange.enabled": "true"}}],
              "clientScopes": [
              {"name": "internal", "protocol": "openid-connect", "attributes": {"display.on.consent.screen": "false"}},
              {"name": "profile", "protocol": "openid-connect", "attributes": {"display.on.consent.screen": "true",
                "consent.screen.text": "${profileScopeConsentText}", "include.in.token.scope": "true"}},
              {"name": "email", "protocol": "openid-connect", "description": "Your email", "attributes": {
                "display.on.consent.screen": "true", "consent.screen.text": "${emailScopeConsentText}", "include.in.token.scope": "true"}},
              {"name": "openid", "protocol": "openid-connect", "attributes": {"display.on.consent.screen": "false"}}],
              "defaultDefaultClientScopes": ["profile", "email"]""";

    static OAuthRealm create(Lanyard lanyard) {
        String realm = lanyard.newRealm("oauth", SETTINGS);
        String email = "oauth-" + UUID.randomUUID() + "@example.com";
        lanyard.admin().createUser(realm, """
                {"username": "%s", "email": "%s", "emailVerified": true, "enabled": true, "firstName": "O", "lastName": "Auth",
                 "credentials": [{"type": "password", "value": "%s", "temporary": false}]}""".formatted(email, email, PASSWORD));
        return new OAuthRealm(lanyard, realm, email);
    }

    URI api(String path) {
        return lanyard.realm(name, "/api" + path);
    }

    URI spaAuthorize(String state) {
        return URI.create(api("/oauth/authorize") + "?client_id=spa&response_type=code&scope=openid&state=" + state
                + "&code_challenge=" + CHALLENGE + "&code_challenge_method=S256&redirect_uri="
                + URLEncoder.encode(SPA_CALLBACK, StandardCharsets.UTF_8));
    }

    /** Follows authorize through the login page (if the browser has no SSO session yet) to the code. */
    String signInForCode(Browser browser, URI authorize, String state) {
        Reply done = signIn(browser, authorize);
        assertEquals(302, done.status(), done.toString());
        String location = done.header("Location").orElseThrow();
        assertTrue(location.contains("state=" + state), location);
        return location.replaceAll(".*[?&]code=([^&]+).*", "$1");
    }

    /** Authorize, then the login form if one is shown: the answer after it (a redirect, or the next page). */
    Reply signIn(Browser browser, URI authorize) {
        Reply reply = browser.get(authorize);
        if (reply.status() == 302 && reply.header("Location").orElseThrow().contains("/protocol/openid-connect/auth")) {
            reply = browser.get(URI.create(reply.header("Location").orElseThrow()));
        }
        if (reply.status() != 200) {
            return reply;
        }
        String action = Jsoup.parse(reply.body()).select("form#kc-form-login").attr("action");
        reply = browser.postForm(URI.create(action), Map.of("username", email, "password", PASSWORD));
        while (reply.status() == 302 && reply.header("Location").orElseThrow().contains("/login-actions/")) {
            reply = browser.get(URI.create(reply.header("Location").orElseThrow()));
        }
        return reply;
    }
}
