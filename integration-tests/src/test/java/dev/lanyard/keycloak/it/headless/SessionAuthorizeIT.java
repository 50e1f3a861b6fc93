package dev.lanyard.keycloak.it.headless;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST authorize by session cookie, and the consent API of seed 003 over Keycloak's consent store. */
@ExtendWith(LanyardExtension.class)
class SessionAuthorizeIT {

    private Lanyard lanyard;
    private HeadlessRealm realm;

    @BeforeEach
    void setUp(Lanyard lanyard) {
        this.lanyard = lanyard;
        this.realm = HeadlessRealm.create(lanyard);
    }

    @Test
    void aSessionGetsACodeAsJsonOrAsARedirectForAForm() {
        String email = realm.newUser();
        Browser browser = realm.signedIn(email);
        Reply json = browser.postJson(realm.api("/oauth/authorize"), request("web", HeadlessRealm.WEB, "st-j"), "Origin", realm.origin());
        assertEquals(200, json.status(), json.toString());
        String redirect = json.json().get("redirect_to").asText();
        assertEquals("st-j", HeadlessRealm.param(redirect, "state"));
        Reply tokens = realm.redeem(HeadlessRealm.code(redirect), "web", HeadlessRealm.WEB);
        assertEquals(200, tokens.status(), tokens.toString());
        assertEquals(email, Reply.claimsOf(tokens.json().get("access_token").asText()).get("email").asText());

        Reply form = browser.postForm(realm.api("/oauth/authorize"), Map.of("client_id", "web", "redirect_uri", HeadlessRealm.WEB,
                "response_type", "code", "scope", "openid", "state", "st-f", "code_challenge", HeadlessRealm.CHALLENGE,
                "code_challenge_method", "S256"), "Origin", realm.origin());
        assertEquals(303, form.status(), form.toString());
        assertTrue(HeadlessRealm.code(form.header("Location").orElseThrow()) != null);
    }

    @Test
    void withoutASessionLoginRequiredAndAForeignPageIsRefused() {
        Reply anonymous = lanyard.browser().postJson(realm.api("/oauth/authorize"), request("web", HeadlessRealm.WEB, "st-a"));
        assertEquals(200, anonymous.status(), anonymous.toString());
        String redirect = anonymous.json().get("redirect_to").asText();
        assertEquals("login_required", HeadlessRealm.param(redirect, "error"));
        assertEquals("st-a", HeadlessRealm.param(redirect, "state"));

        Browser browser = realm.signedIn(realm.newUser());
        Reply foreign = browser.postJson(realm.api("/oauth/authorize"), request("web", HeadlessRealm.WEB, "st-x"), "Origin", "https://evil.example");
        assertEquals(403, foreign.status(), "a cross-site page cannot take a code with the cookie: " + foreign);
    }

    @Test
    void consentRequiredThenApprovedIsStoredAndAskedNoMore() {
        String email = realm.newUser();
        Browser browser = realm.signedIn(email);
        Reply first = browser.postJson(realm.api("/oauth/authorize"), request("consent-app", HeadlessRealm.CONSENT_APP, "st-c"),
                "Origin", realm.origin());
        assertEquals("consent_required", HeadlessRealm.param(first.json().get("redirect_to").asText(), "error"), first.toString());

        Reply screen = browser.get(java.net.URI.create(realm.api("/oauth/consent") + "?client_id=consent-app&scope=openid%20profile%20email"));
        assertEquals(200, screen.status(), screen.toString());
        assertEquals("consent-app", screen.json().get("client_id").asText());
        assertEquals("Consent App", screen.json().get("client_name").asText());
        Map<String, Boolean> granted = new java.util.TreeMap<>();
        for (JsonNode scope : screen.json().get("scopes")) {
            granted.put(scope.get("name").asText(), scope.get("granted").asBoolean());
            assertTrue(scope.get("consent_text").isTextual() && !scope.get("consent_text").asText().startsWith("${"), scope.toString());
        }
        assertTrue(granted.keySet().containsAll(java.util.Set.of("email", "profile")), granted.toString());
        assertFalse(granted.containsValue(true), "nothing granted yet: " + granted);
        Reply anonymous = lanyard.browser().get(java.net.URI.create(realm.api("/oauth/consent") + "?client_id=consent-app"));
        assertEquals(401, anonymous.status(), anonymous.toString());
        assertEquals("invalid_session", anonymous.json().path("error").asText(), anonymous.toString());

        Reply approved = browser.postJson(realm.api("/oauth/consent"), consent("approve", "st-ok"), "Origin", realm.origin());
        assertEquals(200, approved.status(), approved.toString());
        String redirect = approved.json().get("redirect_to").asText();
        assertEquals("st-ok", HeadlessRealm.param(redirect, "state"));
        assertEquals(200, realm.redeem(HeadlessRealm.code(redirect), "consent-app", HeadlessRealm.CONSENT_APP).status());

        String userId = lanyard.admin().userId(realm.name(), email).orElseThrow();
        JsonNode consents = lanyard.admin().getJson("/" + realm.name() + "/users/" + userId + "/consents");
        assertEquals("consent-app", consents.get(0).get("clientId").asText(), consents.toString());
        JsonNode logins = lanyard.admin().getJson("/" + realm.name() + "/events?type=LOGIN&client=consent-app&user=" + userId);
        assertEquals("consent_granted", logins.get(0).path("details").path("consent").asText(),
                "recorded as Keycloak's consent screen records an approval: " + logins);
        Reply next = browser.postJson(realm.api("/oauth/authorize"), request("consent-app", HeadlessRealm.CONSENT_APP, "st-n"),
                "Origin", realm.origin());
        assertTrue(HeadlessRealm.code(next.json().get("redirect_to").asText()) != null, "no consent asked again: " + next);
    }

    @Test
    void deniedConsentIsAccessDeniedAndStoresNothing() {
        String email = realm.newUser();
        Browser browser = realm.signedIn(email);
        Reply denied = browser.postJson(realm.api("/oauth/consent"), consent("deny", "st-no"), "Origin", realm.origin());
        assertEquals(200, denied.status(), denied.toString());
        String redirect = denied.json().get("redirect_to").asText();
        assertTrue(redirect.startsWith(HeadlessRealm.CONSENT_APP), redirect);
        assertEquals("access_denied", HeadlessRealm.param(redirect, "error"));
        assertEquals("st-no", HeadlessRealm.param(redirect, "state"));
        String userId = lanyard.admin().userId(realm.name(), email).orElseThrow();
        assertTrue(lanyard.admin().getJson("/" + realm.name() + "/users/" + userId + "/consents").isEmpty());
        JsonNode refusals = lanyard.admin().getJson("/" + realm.name() + "/events?type=LOGIN_ERROR&client=consent-app&user=" + userId);
        assertEquals("rejected_by_user", refusals.path(0).path("error").asText(),
                "recorded as Keycloak's consent screen records a denial: " + refusals);

        Reply foreign = browser.postJson(realm.api("/oauth/consent"), consent("approve", "st-e"), "Origin", "https://evil.example");
        assertEquals(403, foreign.status(), foreign.toString());
        assertFalse(lanyard.admin().getJson("/" + realm.name() + "/users/" + userId + "/consents").size() > 0);
    }

    @Test
    void neitherTheAppPermissionGateNorKeycloaksOwnClientsAreSkipped() {
        Browser browser = realm.signedIn(realm.newUser());
        Reply gated = browser.postJson(realm.api("/oauth/authorize"), request("gated", "http://localhost:7104/cb", "st-g"), "Origin", realm.origin());
        assertEquals(200, gated.status(), gated.toString());
        assertEquals("access_denied", HeadlessRealm.param(gated.json().get("redirect_to").asText(), "error"),
                "no code for an app whose permission is not approved: " + gated);

        Reply console = browser.postJson(realm.api("/oauth/authorize"), request("security-admin-console",
                lanyard.baseUri() + "/admin/" + realm.name() + "/console/", "st-c"), "Origin", realm.origin());
        assertEquals(400, console.status(), "no code for the admin console by API: " + console);

        Reply relogin = browser.postJson(realm.api("/oauth/authorize"), request("web", HeadlessRealm.WEB, "st-p")
                .replace("\"state\"", "\"prompt\": \"login\", \"state\""), "Origin", realm.origin());
        assertEquals("login_required", HeadlessRealm.param(relogin.json().get("redirect_to").asText(), "error"), relogin.toString());

        Reply formPost = browser.postJson(realm.api("/oauth/authorize"), request("web", HeadlessRealm.WEB, "st-f")
                .replace("\"state\"", "\"response_mode\": \"form_post\", \"state\""), "Origin", realm.origin());
        assertEquals(200, formPost.status(), "a page-shaped response mode is refused, never a 500: " + formPost);
        assertEquals("invalid_request", HeadlessRealm.param(formPost.json().get("redirect_to").asText(), "error"));
    }

    private static String request(String clientId, String redirectUri, String state) {
        return """
                {"response_type": "code", "client_id": "%s", "redirect_uri": "%s", "scope": "openid profile email", "state": "%s",
                 "code_challenge": "%s", "code_challenge_method": "S256"}""".formatted(clientId, redirectUri, state, HeadlessRealm.CHALLENGE);
    }

    private static String consent(String decision, String state) {
        return """
                {"client_id": "consent-app", "redirect_uri": "%s", "scope": "openid profile email", "state": "%s",
                 "code_challenge": "%s", "code_challenge_method": "S256", "decision": "%s"}"""
                .formatted(HeadlessRealm.CONSENT_APP, state, HeadlessRealm.CHALLENGE, decision);
    }
}
