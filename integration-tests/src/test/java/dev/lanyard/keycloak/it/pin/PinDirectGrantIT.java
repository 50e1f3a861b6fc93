package dev.lanyard.keycloak.it.pin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.keycloak.it.support.AdminApi;
import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PIN in password grants: with "Lanyard PIN (direct grant)" in the realm's direct-grant flow, a user who has a
 * PIN gets tokens from Keycloak's token endpoint and Lanyard's {@code oauth/token} only with the {@code pin}
 * parameter, and wrong PINs count in the brute-force detector.
 */
@ExtendWith(LanyardExtension.class)
class PinDirectGrantIT {

    private static final String ORIGIN = "http://localhost:5173";
    private static final String PASSWORD = "Correct-Horse-9";
    private static final String PIN = "4826";
    private static final String WRONG_PIN = "9371";
    private static final String FLOW = "pin direct grant";
    /** A public client with direct access grants, first-party so that a test user may set a PIN through the API. */
    private static final String SPA_CLIENT = """
            , "clients": [{"clientId": "spa", "publicClient": true, "standardFlowEnabled": true, "directAccessGrantsEnabled": true,
                           "redirectUris": ["http://localhost:5173/*"], "webOrigins": ["http://localhost:5173"],
                           "attributes": {"lanyard.firstParty": "true"}}]""";

    @Test
    void passwordGrantWithoutThePinIsRefusedAtBothTokenEndpoints(Lanyard lanyard) {
        String realm = realmWithPinInDirectGrants(lanyard, "pin-grant-missing", "");
        String email = userWithPin(lanyard, realm);
        Map<String, String> grant = passwordGrant(email, PASSWORD, null);

        Reply nativeEndpoint = lanyard.browser().postForm(nativeToken(lanyard, realm), grant);
        assertInvalidGrant(nativeEndpoint);
        assertInvalidGrant(lanyard.browser().postForm(apiToken(lanyard, realm), grant));
        assertInvalidGrant(lanyard.browser().postJson(apiToken(lanyard, realm), json(grant)));

        Reply wrongPassword = lanyard.browser().postForm(nativeToken(lanyard, realm), passwordGrant(email, "Wrong-Horse-9", null));
        assertEquals(wrongPassword.body(), nativeEndpoint.body(), "a missing PIN tells nothing a wrong password does not");
    }

    @Test
    void passwordGrantWithTheRightPinGetsTokensAndAWrongPinDoesNot(Lanyard lanyard) {
        String realm = realmWithPinInDirectGrants(lanyard, "pin-grant-right", "");
        String email = userWithPin(lanyard, realm);

        assertInvalidGrant(lanyard.browser().postForm(nativeToken(lanyard, realm), passwordGrant(email, PASSWORD, WRONG_PIN)));
        assertInvalidGrant(lanyard.browser().postForm(apiToken(lanyard, realm), passwordGrant(email, PASSWORD, WRONG_PIN)));
        assertInvalidGrant(lanyard.browser().postForm(nativeToken(lanyard, realm), passwordGrant(email, "Wrong-Horse-9", PIN)));

        assertTokens(lanyard.browser().postForm(nativeToken(lanyard, realm), passwordGrant(email, PASSWORD, PIN)));
        assertTokens(lanyard.browser().postForm(apiToken(lanyard, realm), passwordGrant(email, PASSWORD, PIN)));
        assertTokens(lanyard.browser().postJson(apiToken(lanyard, realm), json(passwordGrant(email, PASSWORD, PIN))));
    }

    @Test
    void wrongPinIsCountedByBruteForceDetector(Lanyard lanyard) {
        String realm = realmWithPinInDirectGrants(lanyard, "pin-grant-lock", ", \"failureFactor\": 3");
        String email = userWithPin(lanyard, realm);
        String userId = lanyard.admin().userId(realm, email).orElseThrow();

        for (int i = 0; i < 3; i++) {
            assertInvalidGrant(lanyard.browser().postForm(nativeToken(lanyard, realm), passwordGrant(email, PASSWORD, WRONG_PIN)));
            lanyard.admin().awaitFailures(realm, userId, i + 1);
        }
        lanyard.admin().awaitLocked(realm, userId);
        assertInvalidGrant(lanyard.browser().postForm(nativeToken(lanyard, realm), passwordGrant(email, PASSWORD, PIN)));
        assertInvalidGrant(lanyard.browser().postForm(apiToken(lanyard, realm), passwordGrant(email, PASSWORD, PIN)));
    }

    @Test
    void userWithoutAPinGetsTokensWithoutAPin(Lanyard lanyard) {
        String realm = realmWithPinInDirectGrants(lanyard, "pin-grant-none", "");
        String email = newUser(lanyard, realm);

        assertTokens(lanyard.browser().postForm(nativeToken(lanyard, realm), passwordGrant(email, PASSWORD, null)));
        assertTokens(lanyard.browser().postForm(apiToken(lanyard, realm), passwordGrant(email, PASSWORD, null)));
        assertTokens(lanyard.browser().postForm(apiToken(lanyard, realm), passwordGrant(email, PASSWORD, "1111")));
    }

    @Test
    void demoRealmAsksForThePinOnThePasswordGrant(Lanyard lanyard) {
        String realm = Lanyard.DEMO_REALM;
        // A client of this test only: the demo realm's own clients leave direct access grants off.
        String clientId = "pin-grant-" + UUID.randomUUID().toString().substring(0, 8);
        lanyard.admin().must("POST", "/" + realm + "/clients", """
                {"clientId": "%s", "publicClient": true, "standardFlowEnabled": false, "directAccessGrantsEnabled": true}"""
                .formatted(clientId));
        String email = userWithPin(lanyard, realm);
        Map<String, String> withoutPin = passwordGrant(email, PASSWORD, null);
        withoutPin.put("client_id", clientId);
        Map<String, String> withPin = passwordGrant(email, PASSWORD, PIN);
        withPin.put("client_id", clientId);

        // Each refusal is followed by a success: the demo realm locks a user briefly after two quick failures.
        assertInvalidGrant(lanyard.browser().postForm(nativeToken(lanyard, realm), withoutPin));
        assertTokens(lanyard.browser().postForm(nativeToken(lanyard, realm), withPin));
        assertInvalidGrant(lanyard.browser().postForm(apiToken(lanyard, realm), withoutPin));
        assertTokens(lanyard.browser().postForm(apiToken(lanyard, realm), withPin));
    }

    /** A new realm whose direct-grant flow is Keycloak's, with the PIN step after the password (as docs/routes.md says). */
    private static String realmWithPinInDirectGrants(Lanyard lanyard, String prefix, String extraFields) {
        String realm = lanyard.newRealm(prefix, extraFields + SPA_CLIENT);
        useDirectGrantFlowWithPin(lanyard.admin(), realm);
        return realm;
    }

    /** As a realm admin does it in the console: duplicate "direct grant", add the PIN step, bind the copy. */
    private static void useDirectGrantFlowWithPin(AdminApi admin, String realm) {
        String flows = "/" + realm + "/authentication/flows";
        String flow = flows + "/" + FLOW.replace(" ", "%20");
        admin.must("POST", flows + "/direct%20grant/copy", "{\"newName\": \"" + FLOW + "\"}");
        admin.must("POST", flow + "/executions/execution", "{\"provider\": \"lanyard-pin-direct-grant\"}");
        for (JsonNode execution : admin.getJson(flow + "/executions")) {
            if ("lanyard-pin-direct-grant".equals(execution.path("providerId").asText())) {
                ((ObjectNode) execution).put("requirement", "REQUIRED");
                admin.must("PUT", flow + "/executions", execution.toString());
            }
        }
        admin.must("PUT", "/" + realm, "{\"directGrantFlow\": \"" + FLOW + "\"}");
    }

    private static Map<String, String> passwordGrant(String email, String password, String pin) {
        Map<String, String> form = new HashMap<>(Map.of("grant_type", "password", "client_id", "spa", "username", email,
                "password", password, "scope", "openid"));
        if (pin != null) {
            form.put("pin", pin);
        }
        return form;
    }

    private static String json(Map<String, String> form) {
        return Reply.JSON.valueToTree(form).toString();
    }

    private static URI nativeToken(Lanyard lanyard, String realm) {
        return lanyard.realm(realm, "/protocol/openid-connect/token");
    }

    private static URI apiToken(Lanyard lanyard, String realm) {
        return lanyard.realm(realm, "/api/oauth/token");
    }

    /** Keycloak's answer to wrong direct-grant credentials: 400 since 26.7, 401 before; invalid_grant either way. */
    private static void assertInvalidGrant(Reply reply) {
        assertTrue(reply.status() == 400 || reply.status() == 401, reply.toString());
        assertEquals("invalid_grant", reply.json().get("error").asText(), reply.toString());
        assertTrue(reply.json().path("access_token").isMissingNode(), reply.toString());
    }

    private static void assertTokens(Reply reply) {
        assertEquals(200, reply.status(), reply.toString());
        assertTrue(reply.json().hasNonNull("access_token"), reply.toString());
    }

    private static String userWithPin(Lanyard lanyard, String realm) {
        String email = newUser(lanyard, realm);
        Browser browser = lanyard.browser();
        Reply login = browser.postJson(lanyard.realm(realm, "/api/public/login"),
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(200, login.status(), login.toString());
        Reply set = browser.send("PUT", lanyard.realm(realm, "/api/public/pin"), "application/json",
                "{\"pin\":\"" + PIN + "\",\"password\":\"" + PASSWORD + "\"}", "Origin", ORIGIN);
        assertEquals(204, set.status(), set.toString());
        return email;
    }

    private static String newUser(Lanyard lanyard, String realm) {
        String email = "pin-grant-" + UUID.randomUUID() + "@example.com";
        lanyard.admin().createUserWithPassword(realm, email, PASSWORD);
        return email;
    }
}
