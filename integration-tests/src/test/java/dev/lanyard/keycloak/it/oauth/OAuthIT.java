package dev.lanyard.keycloak.it.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seeds' OAuth routes against Keycloak's native endpoints, in a realm of this class. */
@ExtendWith(LanyardExtension.class)
class OAuthIT {

    private Lanyard lanyard;
    private OAuthRealm oauth;
    private String realm;
    private String email;

    @BeforeEach
    void setUp(Lanyard lanyard) {
        this.lanyard = lanyard;
        this.oauth = OAuthRealm.create(lanyard);
        this.realm = oauth.name();
        this.email = oauth.email();
    }

    @Test
    void authorizationCodeWithPkceJsonAndFormBodiesRefreshUserinfoRevokeIntrospect() {
        Browser browser = lanyard.browser();
        String code = oauth.signInForCode(browser, oauth.spaAuthorize("s-json"), "s-json");
        Reply json = browser.postJson(api("/oauth/token"), """
                {"grant_type": "authorization_code", "code": "%s", "client_id": "spa",
                 "redirect_uri": "%s", "code_verifier": "%s"}""".formatted(code, OAuthRealm.SPA_CALLBACK, OAuthRealm.VERIFIER));
        assertEquals(200, json.status(), json.toString());
        assertTrue(json.json().has("access_token") && json.json().has("refresh_token") && json.json().has("id_token"));

        String second = oauth.signInForCode(browser, oauth.spaAuthorize("s-form"), "s-form");
        Reply form = browser.postForm(api("/oauth/token"), Map.of("grant_type", "authorization_code", "code", second,
                "client_id", "spa", "redirect_uri", OAuthRealm.SPA_CALLBACK, "code_verifier", OAuthRealm.VERIFIER));
        assertEquals(200, form.status(), form.toString());
        assertTrue(form.json().has("refresh_token"), form.toString());

        Reply refreshed = browser.postJson(api("/oauth/token"), """
                {"grant_type": "refresh_token", "refresh_token": "%s", "client_id": "spa"}"""
                .formatted(form.json().get("refresh_token").asText()));
        assertEquals(200, refreshed.status(), refreshed.toString());
        String accessToken = refreshed.json().get("access_token").asText();

        Reply userinfo = lanyard.browser().get(api("/oauth/userinfo"), "Authorization", "Bearer " + accessToken);
        assertEquals(200, userinfo.status(), userinfo.toString());
        assertEquals(lanyard.admin().userId(realm, email).orElseThrow(), userinfo.json().get("sub").asText());
        Reply userinfoPost = lanyard.browser().postJson(api("/oauth/userinfo"), "{\"access_token\":\"" + accessToken + "\"}");
        assertEquals(200, userinfoPost.status(), userinfoPost.toString());

        Reply revoked = lanyard.browser().postJson(api("/oauth/revoke"), """
                {"token": "%s", "token_type_hint": "refresh_token", "client_id": "spa"}"""
                .formatted(refreshed.json().get("refresh_token").asText()));
        assertEquals(200, revoked.status(), revoked.toString());
        Reply afterRevoke = lanyard.browser().postJson(api("/oauth/token"), """
                {"grant_type": "refresh_token", "refresh_token": "%s", "client_id": "spa"}"""
                .formatted(refreshed.json().get("refresh_token").asText()));
        assertEquals(400, afterRevoke.status(), "a revoked refresh token is refused: " + afterRevoke);
    }

    @Test
    void revokedTokenIntrospectsInactive() {
        Reply token = lanyard.browser().postJson(api("/oauth/token"),
                "{\"grant_type\":\"client_credentials\",\"client_id\":\"app\",\"client_secret\":\"app-secret\"}");
        assertEquals(200, token.status(), token.toString());
        String accessToken = token.json().get("access_token").asText();

        Reply active = lanyard.browser().postForm(api("/oauth/introspect"), Map.of("token", accessToken),
                "Authorization", basic("app", "app-secret"));
        assertEquals(200, active.status(), active.toString());
        assertTrue(active.json().get("active").asBoolean(), active.toString());

        Reply revoked = lanyard.browser().postJson(api("/oauth/revoke"),
                "{\"token\":\"" + accessToken + "\",\"client_id\":\"app\",\"client_secret\":\"app-secret\"}");
        assertEquals(200, revoked.status(), revoked.toString());
        Reply inactive = lanyard.browser().postJson(api("/oauth/introspect"),
                "{\"token\":\"" + accessToken + "\",\"client_id\":\"app\",\"client_secret\":\"app-secret\"}");
        assertEquals(200, inactive.status(), inactive.toString());
        assertFalse(inactive.json().get("active").asBoolean(), inactive.toString());
    }

    @Test
    void passwordGrantWorksForAClientThatEnablesIt() {
        Reply token = lanyard.browser().postJson(api("/oauth/token"), """
                {"grant_type": "password", "username": "%s", "password": "%s", "client_id": "app",
                 "client_secret": "app-secret", "scope": "openid"}""".formatted(email, OAuthRealm.PASSWORD));
        assertEquals(200, token.status(), token.toString());
        Reply refused = lanyard.browser().postJson(api("/oauth/token"), """
                {"grant_type": "password", "username": "%s", "password": "%s", "client_id": "spa"}""".formatted(email, OAuthRealm.PASSWORD));
        assertEquals(native_("grant_type=password&username=" + enc(email) + "&password=" + enc(OAuthRealm.PASSWORD) + "&client_id=spa").body(),
                refused.body(), "the same refusal as Keycloak's own endpoint");
    }

    @Test
    void deviceCodeGrantIsServedAsKeycloakServesIt() {
        Reply pending = lanyard.browser().postJson(api("/oauth/token"), formToJson(devicePoll()));
        assertEquals(400, pending.status(), pending.toString());
        assertEquals("authorization_pending", pending.json().get("error").asText());
        assertEquals(native_(devicePoll()).json(), pending.json(), "a fresh device code polled natively");
    }

    @Test
    void tokenExchangeIsServedAsKeycloakServesIt() {
        Reply subject = lanyard.browser().postJson(api("/oauth/token"), """
                {"grant_type": "password", "username": "%s", "password": "%s", "client_id": "app",
                 "client_secret": "app-secret", "scope": "openid"}""".formatted(email, OAuthRealm.PASSWORD));
        Reply exchanged = lanyard.browser().postJson(api("/oauth/token"), """
                {"grant_type": "urn:ietf:params:oauth:grant-type:token-exchange", "client_id": "exchanger",
                 "client_secret": "exchanger-secret", "subject_token": "%s",
                 "subject_token_type": "urn:ietf:params:oauth:token-type:access_token"}"""
                .formatted(subject.json().get("access_token").asText()));
        Reply expected = native_("grant_type=" + enc("urn:ietf:params:oauth:grant-type:token-exchange")
                + "&client_id=exchanger&client_secret=exchanger-secret&subject_token_type="
                + enc("urn:ietf:params:oauth:token-type:access_token")
                + "&subject_token=" + subject.json().get("access_token").asText());
        assertEquals(expected.status(), exchanged.status(), exchanged + " vs native " + expected);
        assertEquals(expected.json().has("access_token"), exchanged.json().has("access_token"), exchanged.toString());
        assertEquals(expected.json().path("error"), exchanged.json().path("error"));
    }

    @Test
    void errorsMatchKeycloaksOwnTokenEndpoint() {
        Map<String, String> mistakes = new LinkedHashMap<>();
        mistakes.put("bad code", "grant_type=authorization_code&code=not-a-code&client_id=spa&redirect_uri=" + enc(OAuthRealm.SPA_CALLBACK)
                + "&code_verifier=" + OAuthRealm.VERIFIER);
        mistakes.put("wrong secret", "grant_type=client_credentials&client_id=app&client_secret=wrong");
        mistakes.put("unsupported grant", "grant_type=urn:example:nothing&client_id=app&client_secret=app-secret");
        mistakes.put("missing grant", "client_id=app&client_secret=app-secret");
        for (Map.Entry<String, String> mistake : mistakes.entrySet()) {
            Reply expected = native_(mistake.getValue());
            Reply actual = lanyard.browser().send("POST", api("/oauth/token"), "application/x-www-form-urlencoded", mistake.getValue());
            assertEquals(expected.status(), actual.status(), mistake.getKey());
            assertEquals(expected.json(), actual.json(), mistake.getKey());
            Reply asJson = lanyard.browser().postJson(api("/oauth/token"), formToJson(mistake.getValue()));
            assertEquals(expected.status(), asJson.status(), mistake.getKey() + " as JSON");
            assertEquals(expected.json(), asJson.json(), mistake.getKey() + " as JSON");
        }

        Browser nativeBrowser = lanyard.browser();
        String nativeCode = oauth.signInForCode(nativeBrowser, oauth.spaAuthorize("n"), "n");
        Reply nativeBadVerifier = native_("grant_type=authorization_code&client_id=spa&code=" + nativeCode
                + "&redirect_uri=" + enc(OAuthRealm.SPA_CALLBACK) + "&code_verifier=" + OAuthRealm.VERIFIER.replace('d', 'e'));
        String ourCode = oauth.signInForCode(lanyard.browser(), oauth.spaAuthorize("o"), "o");
        Reply ourBadVerifier = lanyard.browser().postJson(api("/oauth/token"), """
                {"grant_type": "authorization_code", "code": "%s", "client_id": "spa", "redirect_uri": "%s",
                 "code_verifier": "%s"}""".formatted(ourCode, OAuthRealm.SPA_CALLBACK, OAuthRealm.VERIFIER.replace('d', 'e')));
        assertEquals(400, ourBadVerifier.status());
        assertEquals(nativeBadVerifier.json(), ourBadVerifier.json(), "bad PKCE verifier");
    }

    @Test
    void authorizeKeepsEveryParameterAndMapsTheProvider() {
        Reply reply = lanyard.browser().get(URI.create(api("/oauth/authorize") + "?client_id=spa&response_type=code"
                + "&scope=openid%20profile&state=a%26b&nonce=n1&code_challenge=" + OAuthRealm.CHALLENGE + "&code_challenge_method=S256"
                + "&prompt=login&login_hint=" + enc(email) + "&provider=google&resource=" + enc("https://api.example.com")
                + "&redirect_uri=" + enc(OAuthRealm.SPA_CALLBACK)));
        assertEquals(302, reply.status(), reply.toString());
        String location = reply.header("Location").orElseThrow();
        assertTrue(location.startsWith(lanyard.realm(realm, "/protocol/openid-connect/auth?").toString()), location);
        for (String kept : new String[]{"client_id=spa", "response_type=code", "scope=openid+profile", "state=a%26b", "nonce=n1",
                "code_challenge=" + OAuthRealm.CHALLENGE, "code_challenge_method=S256", "prompt=login", "login_hint=" + enc(email),
                "kc_idp_hint=google", "resource=" + enc("https://api.example.com"), "redirect_uri=" + enc(OAuthRealm.SPA_CALLBACK)}) {
            assertTrue(location.contains(kept), kept + " in " + location);
        }
        assertFalse(location.contains("provider="), location);
    }

    @Test
    void consentIsAskedOnceThenRemembered() {
        URI authorize = URI.create(api("/oauth/authorize") + "?client_id=consent-app&response_type=code&scope=openid%20email"
                + "&state=c1&redirect_uri=" + enc("http://localhost:6000/cb"));
        Browser first = lanyard.browser();
        Reply consent = oauth.signIn(first, authorize);
        assertEquals(200, consent.status(), consent.toString());
        Document page = Jsoup.parse(consent.body());
        Element form = page.selectFirst("form[action*=/login-actions/consent]");
        assertTrue(form != null, "the consent page: " + consent.body());
        assertTrue(page.select(".lanyard-brand").text().contains("Lanyard"), "themed by lanyard");
        assertTrue(page.text().contains("Email address"), "names the scopes");
        Reply granted = first.postForm(lanyard.baseUri().resolve(form.attr("action")),
                Map.of("code", form.select("input[name=code]").val(), "accept", "Yes"));
        assertEquals(302, granted.status(), granted.toString());
        assertTrue(granted.header("Location").orElseThrow().contains("code="), granted.toString());

        Reply again = oauth.signIn(lanyard.browser(), authorize);
        assertEquals(302, again.status(), "no consent page the second time: " + again);
        assertTrue(again.header("Location").orElseThrow().contains("code="));
    }

    @Test
    void scopeListIsPublicAndShowsOnlyConsentScopes() {
        Reply reply = lanyard.browser().get(api("/oauth/scopes"));
        assertEquals(200, reply.status(), reply.toString());
        Map<String, JsonNode> scopes = new LinkedHashMap<>();
        reply.json().get("scopes").forEach(scope -> scopes.put(scope.get("name").asText(), scope));
        assertTrue(scopes.containsKey("profile") && scopes.containsKey("email"), scopes.keySet().toString());
        assertFalse(scopes.containsKey("internal"), "hidden from the consent screen, hidden here");
        assertEquals("Email address", scopes.get("email").get("consent_text").asText());
        assertEquals("Your email", scopes.get("email").get("description").asText());
        assertEquals("User profile", scopes.get("profile").get("consent_text").asText());

        JsonNode demo = lanyard.browser().get(lanyard.api("/oauth/scopes")).json();
        assertTrue(demo.toString().contains("\"name\":\"manage_permissions\""), demo.toString());
    }

    @Test
    void badInputAnswersJson4xx() {
        Browser browser = lanyard.browser();
        for (String route : new String[]{"/oauth/token", "/oauth/revoke", "/oauth/introspect"}) {
            assertError(browser.send("POST", api(route), "text/plain", "grant_type=x"), 415);
            assertError(browser.postJson(api(route), "{\"grant_type\":"), 400);
            assertError(browser.postJson(api(route), "{\"grant_type\":{\"a\":\"b\"}}"), 400);
            assertError(browser.postJson(api(route), "{\"grant_type\":[[\"a\"]]}"), 400);
            assertError(browser.postJson(api(route), "[]"), 400);
            assertError(browser.postJson(api(route), "{\"x\":\"" + "y".repeat(70_000) + "\"}"), 413);
        }
        Reply noToken = browser.get(api("/oauth/userinfo"));
        assertTrue(noToken.status() == 401 || noToken.status() == 400, noToken.toString());
    }

    /** The token request that polls a new device authorization of {@code tv}. */
    private String devicePoll() {
        Reply device = lanyard.browser().postForm(lanyard.realm(realm, "/protocol/openid-connect/auth/device"),
                Map.of("client_id", "tv", "scope", "openid"));
        assertEquals(200, device.status(), device.toString());
        return "grant_type=" + enc("urn:ietf:params:oauth:grant-type:device_code") + "&client_id=tv&device_code="
                + device.json().get("device_code").asText();
    }

    private Reply native_(String form) {
        return lanyard.browser().send("POST", lanyard.realm(realm, "/protocol/openid-connect/token"),
                "application/x-www-form-urlencoded", form);
    }

    private URI api(String path) {
        return oauth.api(path);
    }

    private static String formToJson(String form) {
        StringBuilder json = new StringBuilder("{");
        for (String pair : form.split("&")) {
            String[] parts = pair.split("=", 2);
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(parts[0]).append("\":\"")
                    .append(java.net.URLDecoder.decode(parts[1], StandardCharsets.UTF_8)).append('"');
        }
        return json.append('}').toString();
    }

    private static void assertError(Reply reply, int status) {
        assertEquals(status, reply.status(), reply.toString());
        assertTrue(reply.contentType().startsWith("application/json"), reply.toString());
        assertNotEquals("", reply.json().path("error").asText(), reply.toString());
    }

    static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
