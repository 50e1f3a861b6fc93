package dev.lanyard.keycloak.it.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import static dev.lanyard.keycloak.it.platform.PlatformRealm.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The device flow over the platform routes: authorize, what the code stands for, approve or deny, poll. */
@ExtendWith(LanyardExtension.class)
class PlatformDeviceIT {

    private Lanyard lanyard;
    private PlatformRealm platform;

    @BeforeEach
    void setUp(Lanyard lanyard) {
        this.lanyard = lanyard;
        this.platform = PlatformRealm.create(lanyard);
    }

    @Test
    void approvedWithASessionThePollGetsTokensForThatUser() throws InterruptedException {
        JsonNode device = authorize("tv", "openid profile");
        assertTrue(device.get("verification_uri").asText().startsWith(lanyard.baseUri().toString()), device.toString());
        assertEquals(device.get("verification_uri").asText() + "?user_code=" + device.get("user_code").asText(),
                device.get("verification_uri_complete").asText());
        assertEquals("authorization_pending", poll("tv", device).json().get("error").asText());
        Browser person = lanyard.browser();
        Reply page = person.get(URI.create(device.get("verification_uri_complete").asText()));
        while (page.status() == 302) {
            page = person.get(URI.create(page.header("Location").orElseThrow()));
        }
        assertEquals(200, page.status(), "Keycloak's device pages for people, its login first: " + page);
        assertTrue(page.contentType().startsWith("text/html"), page.toString());
        Thread.sleep(1100); // the polling interval of tv

        Reply info = lanyard.browser().get(verify(device.get("user_code").asText()));
        assertEquals(200, info.status(), info.toString());
        assertEquals("tv", info.json().get("client_id").asText());
        assertEquals("Living-room TV", info.json().get("application_name").asText());
        assertEquals("[openid, profile]", Reply.texts(info.json().get("scopes")).toString());
        Instant expiresAt = Instant.parse(info.json().get("expires_at").asText());
        assertTrue(expiresAt.isAfter(Instant.now()), expiresAt.toString());

        Reply anonymous = lanyard.browser().postJson(platform.platform("/oauth/device/verify"),
                decision(device, "approve"), "Origin", platform.origin());
        assertEquals(401, anonymous.status(), anonymous.toString());
        assertEquals("invalid_session", anonymous.json().path("error").asText(), anonymous.toString());

        Browser carol = platform.signedIn(platform.carol());
        Reply foreign = carol.postJson(platform.platform("/oauth/device/verify"), decision(device, "approve"), "Origin", "https://evil.example");
        assertEquals(403, foreign.status(), "a cross-site page cannot approve: " + foreign);

        Reply approved = carol.postJson(platform.platform("/oauth/device/verify"), decision(device, "approve"), "Origin", platform.origin());
        assertEquals(200, approved.status(), approved.toString());
        assertEquals("approved", approved.json().get("status").asText());

        Thread.sleep(1100); // the polling interval of tv
        Reply tokens = poll("tv", device);
        assertEquals(200, tokens.status(), tokens.toString());
        assertEquals(platform.carol(), Reply.claimsOf(tokens.json().get("access_token").asText()).get("email").asText());
        assertEquals(404, lanyard.browser().get(verify(device.get("user_code").asText())).status(), "the code is used up");
    }

    @Test
    void aFormDecisionToDenyEndsInAccessDenied() {
        JsonNode device = authorize("tv", null);
        Browser carol = platform.signedIn(platform.carol());
        Reply denied = carol.postForm(platform.platform("/oauth/device/verify"),
                Map.of("user_code", device.get("user_code").asText().toLowerCase().replace("-", ""), "decision", "deny"),
                "Origin", platform.origin());
        assertEquals(200, denied.status(), denied.toString());
        assertEquals("denied", denied.json().get("status").asText());
        Reply poll = poll("tv", device);
        assertEquals(400, poll.status(), poll.toString());
        assertEquals("access_denied", poll.json().get("error").asText());
    }

    @Test
    void unknownAndExpiredCodesAreRefused() throws InterruptedException {
        Browser carol = platform.signedIn(platform.carol());
        Reply unknown = lanyard.browser().get(verify("ABCD-EFGH"));
        assertEquals(404, unknown.status(), unknown.toString());
        assertEquals("invalid_user_code", unknown.json().get("error").asText());
        Reply approveUnknown = carol.postJson(platform.platform("/oauth/device/verify"),
                "{\"user_code\":\"ABCD-EFGH\",\"decision\":\"approve\"}", "Origin", platform.origin());
        assertEquals(404, approveUnknown.status(), approveUnknown.toString());

        JsonNode device = authorize("tv-short", null);
        Thread.sleep(2100);
        Reply expired = lanyard.browser().get(verify(device.get("user_code").asText()));
        assertEquals(404, expired.status(), expired.toString());
        Reply approveExpired = carol.postJson(platform.platform("/oauth/device/verify"), decision(device, "approve"), "Origin", platform.origin());
        assertEquals(404, approveExpired.status(), approveExpired.toString());
        assertEquals("expired_token", poll("tv-short", device).json().get("error").asText());
    }

    @Test
    void parallelApprovalsOfOneCodeSucceedOnceAndAGatedAppNeedsAnApprovedPermission() throws Exception {
        JsonNode device = authorize("tv", null);
        Browser carol = platform.signedIn(platform.carol());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                answers.add(pool.submit(() -> carol.postJson(platform.platform("/oauth/device/verify"), decision(device, "approve"),
                        "Origin", platform.origin()).status()));
            }
            java.util.Map<Integer, Integer> counts = new java.util.TreeMap<>();
            for (java.util.concurrent.Future<Integer> answer : answers) {
                counts.merge(answer.get(), 1, Integer::sum);
            }
            assertEquals(java.util.Map.of(200, 1, 404, 39), counts, "one approval, the rest find the code used");
        } finally {
            pool.shutdownNow();
        }

        JsonNode gated = authorize("tv-gated", null);
        Reply refused = carol.postJson(platform.platform("/oauth/device/verify"), decision(gated, "approve"), "Origin", platform.origin());
        assertEquals(403, refused.status(), "the app permission gate holds for devices too: " + refused);
        Thread.sleep(1100);
        assertEquals("authorization_pending", poll("tv-gated", gated).json().get("error").asText());
    }

    @Test
    void malformedRequestsAnswer422AndOAuthFailuresStayOAuth() {
        Reply noClient = lanyard.browser().postForm(platform.platform("/oauth/device/authorize"), Map.of("scope", "openid"));
        assertEquals(422, noClient.status(), noClient.toString());
        assertEquals("[body, client_id]", Reply.texts(noClient.json().get("detail").get(0).get("loc")).toString());

        Reply noCode = lanyard.browser().get(platform.platform("/oauth/device/verify"));
        assertEquals(422, noCode.status(), noCode.toString());
        assertEquals("[query, user_code]", Reply.texts(noCode.json().get("detail").get(0).get("loc")).toString());

        Browser carol = platform.signedIn(platform.carol());
        Reply badDecision = carol.postJson(platform.platform("/oauth/device/verify"),
                "{\"user_code\": 12345678, \"decision\": \"maybe\"}", "Origin", platform.origin());
        assertEquals(422, badDecision.status(), badDecision.toString());
        assertEquals(2, badDecision.json().get("detail").size(), badDecision.toString());

        Reply unknownClient = lanyard.browser().postForm(platform.platform("/oauth/device/authorize"), Map.of("client_id", "nope"));
        assertEquals(401, unknownClient.status(), "as Keycloak's device endpoint answers: " + unknownClient);
        assertTrue(unknownClient.json().has("error"), unknownClient.toString());
        Reply notDevice = lanyard.browser().postForm(platform.platform("/oauth/device/authorize"), Map.of("client_id", "global-spa"));
        assertEquals("unauthorized_client", notDevice.json().path("error").asText(), notDevice.toString());
    }

    @Test
    void aConfidentialDeviceClientAuthenticatesWithBasic() {
        Reply device = lanyard.browser().postForm(platform.platform("/oauth/device/authorize"), Map.of("scope", "openid"),
                "Authorization", PlatformRealm.basic("global-app", PlatformRealm.SECRET));
        assertEquals(200, device.status(), device.toString());
        Reply wrong = lanyard.browser().postForm(platform.platform("/oauth/device/authorize"), Map.of("scope", "openid"),
                "Authorization", PlatformRealm.basic("global-app", "wrong"));
        assertEquals(401, wrong.status(), wrong.toString());
    }

    private JsonNode authorize(String clientId, String scope) {
        Map<String, String> form = scope == null ? Map.of("client_id", clientId) : Map.of("client_id", clientId, "scope", scope);
        Reply reply = lanyard.browser().postForm(platform.platform("/oauth/device/authorize"), form);
        assertEquals(200, reply.status(), reply.toString());
        return reply.json();
    }

    private Reply poll(String clientId, JsonNode device) {
        return lanyard.browser().postForm(platform.platform("/oauth/token"), Map.of(
                "grant_type", "urn:ietf:params:oauth:grant-type:device_code", "client_id", clientId,
                "device_code", device.get("device_code").asText()));
    }

    private URI verify(String userCode) {
        return URI.create(platform.platform("/oauth/device/verify") + "?user_code=" + enc(userCode));
    }

    private static String decision(JsonNode device, String decision) {
        return "{\"user_code\":\"" + device.get("user_code").asText() + "\",\"decision\":\"" + decision + "\"}";
    }
}
