package dev.lanyard.keycloak.it.foundation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.List;

import static dev.lanyard.keycloak.it.foundation.ApiRootIT.assertJsonError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Installing the jars changes nothing in a realm until its admin turns Lanyard on; master stays closed. */
@ExtendWith(LanyardExtension.class)
class OptInIT {

    private static final String WEB_ORIGIN = "http://localhost:5173";
    private static final String CLIENT = """
            , "clients": [{"clientId": "web", "publicClient": true, "standardFlowEnabled": true, "directAccessGrantsEnabled": true,
                           "redirectUris": ["http://localhost:5173/*"], "webOrigins": ["http://localhost:5173"],
                           "attributes": {"lanyard.firstParty": "true"}}]""";

    /** One route of each capability, with a body that would otherwise be served (or refused on its merits). */
    private static final List<String[]> ROUTES = List.of(
            new String[]{"POST", "/public/register", "{\"email\":\"new@example.com\",\"password\":\"long-enough-1\",\"name\":\"New\"}"},
            new String[]{"POST", "/public/login", "{\"email\":\"someone@example.com\",\"password\":\"long-enough-1\"}"},
            new String[]{"GET", "/public/session", null},
            new String[]{"GET", "/public/branding.css", null},
            new String[]{"POST", "/public/request-magic-link", "{\"email\":\"someone@example.com\",\"redirect_uri\":\"http://localhost:5173/cb\"}"},
            new String[]{"GET", "/public/magic-link?token=abc", null},
            new String[]{"POST", "/public/verify-pin", "{\"pin_token\":\"x\",\"pin\":\"1234\"}"},
            new String[]{"GET", "/auth/google/login?redirect_uri=http://localhost:5173/cb", null},
            new String[]{"GET", "/oauth/scopes", null},
            new String[]{"POST", "/oauth/token", "{\"grant_type\":\"password\",\"client_id\":\"web\",\"username\":\"a\",\"password\":\"b\"}"},
            new String[]{"GET", "/users/someone/apps/web/permissions", null},
            new String[]{"GET", "/admin/clients", null},
            new String[]{"GET", "/v1/platform/oauth/.well-known/openid-configuration", null},
            new String[]{"GET", "/v1/auth/tenants/acme/oauth/authorize", null},
            new String[]{"GET", "/sso/validate", null},
            new String[]{"GET", "/openapi.json", null});

    @Test
    void aRealmWhoseAdminDidNotTurnLanyardOnServesOnlyTheRoot(Lanyard lanyard) {
        String realm = lanyard.newRealm("off", CLIENT, false);

        Reply root = lanyard.browser().get(lanyard.realm(realm, "/api/"));
        assertEquals(200, root.status(), root.toString());
        JsonNode info = root.json();
        assertEquals("lanyard", info.get("name").asText());
        assertFalse(info.get("enabled").asBoolean(), info.toString());
        assertTrue(info.get("capabilities").isArray() && info.get("capabilities").isEmpty(), info.toString());

        for (String[] route : ROUTES) {
            assertNotServed(lanyard, realm, route);
        }
        Reply preflight = lanyard.browser().send("OPTIONS", lanyard.realm(realm, "/api/public/login"), null, null,
                "Origin", WEB_ORIGIN, "Access-Control-Request-Method", "POST");
        assertEquals(404, preflight.status(), preflight.toString());
        assertFalse(preflight.header("Access-Control-Allow-Origin").isPresent(), preflight.headers().map().toString());
        assertTrue(lanyard.admin().userId(realm, "new@example.com").isEmpty(), "register wrote a user in a realm that is off");
        assertFalse(lanyard.admin().getJson("/" + realm + "/client-policies/policies").toString().contains("lanyard"),
                "nothing of Lanyard's is added to a realm that is off");
    }

    @Test
    void anAnonymousCallerCannotRegisterInTheMasterRealm(Lanyard lanyard) {
        Reply register = lanyard.browser().postJson(lanyard.realm("master", "/api/public/register"),
                "{\"email\":\"intruder@example.com\",\"password\":\"long-enough-1\",\"name\":\"Intruder\"}");
        assertJsonError(register, 404, "not_found");
        assertTrue(lanyard.admin().userId("master", "intruder@example.com").isEmpty());
        assertJsonError(lanyard.browser().postJson(lanyard.realm("master", "/api/public/login"),
                "{\"username\":\"admin\",\"password\":\"wrong\"}"), 404, "not_found");
    }

    @Test
    void masterStaysClosedEvenWithTheSwitchOnUnlessTheServerAllowsIt(Lanyard lanyard) {
        lanyard.admin().must("PUT", "/master", "{\"attributes\": {\"lanyard.enabled\": \"true\"}}");
        try {
            JsonNode info = lanyard.browser().get(lanyard.realm("master", "/api/")).json();
            assertFalse(info.get("enabled").asBoolean(), info.toString());
            assertJsonError(lanyard.browser().postJson(lanyard.realm("master", "/api/public/register"),
                    "{\"email\":\"intruder2@example.com\",\"password\":\"long-enough-1\",\"name\":\"Intruder\"}"), 404, "not_found");
            assertTrue(lanyard.admin().userId("master", "intruder2@example.com").isEmpty());
        } finally {
            lanyard.admin().must("PUT", "/master", "{\"attributes\": {\"lanyard.enabled\": \"false\"}}");
        }
    }

    @Test
    void aCapabilityTurnedOffIsNotServedAndNotListed(Lanyard lanyard) {
        String realm = lanyard.newRealm("cap-off", CLIENT + """
                , "attributes": {"lanyard.magic-link.enabled": "false", "lanyard.admin.enabled": "false"}""");

        JsonNode info = lanyard.browser().get(lanyard.realm(realm, "/api/")).json();
        assertTrue(info.get("enabled").asBoolean(), info.toString());
        assertEquals(List.of("public-auth", "pin", "passkeys", "oauth", "permissions", "social-login", "platform"),
                Reply.texts(info.get("capabilities")));
        for (String route : List.of("/public/request-magic-link", "/public/magic-link?token=abc", "/admin/clients")) {
            Reply reply = lanyard.browser().send("GET", lanyard.realm(realm, "/api" + route), null, null);
            assertJsonError(reply, 404, "not_found");
        }
        // The capabilities still on answer as always.
        Reply login = lanyard.browser().postJson(lanyard.realm(realm, "/api/public/login"),
                "{\"email\":\"someone@example.com\",\"password\":\"long-enough-1\"}");
        assertJsonError(login, 401, "invalid_credentials");
    }

    @Test
    void theConsoleTurnsLanyardOnAndRefusesMaster(Lanyard lanyard) {
        String realm = lanyard.newRealm("console-on", CLIENT, false);
        String realmId = lanyard.admin().getJson("/" + realm).get("id").asText();
        lanyard.admin().must("POST", "/" + realm + "/components", """
                {"name": "Lanyard", "providerId": "Lanyard", "providerType": "org.keycloak.services.ui.extend.UiTabProvider",
                 "parentId": "%s", "config": {"enabled": ["true"], "capabilityPlatform": ["false"]}}""".formatted(realmId));
        JsonNode info = lanyard.browser().get(lanyard.realm(realm, "/api/")).json();
        assertTrue(info.get("enabled").asBoolean(), info.toString());
        assertFalse(Reply.texts(info.get("capabilities")).contains("platform"), info.toString());
        assertTrue(Reply.texts(info.get("capabilities")).contains("public-auth"), info.toString());
        JsonNode policies = lanyard.admin().getJson("/" + realm + "/client-policies/policies").get("policies");
        assertTrue(policies.toString().contains("\"name\":\"lanyard\""), "Lanyard's client policy comes with it: " + policies);

        String masterId = lanyard.admin().getJson("/master").get("id").asText();
        Reply refused = lanyard.admin().send("POST", "/master/components", """
                {"name": "Lanyard", "providerId": "Lanyard", "providerType": "org.keycloak.services.ui.extend.UiTabProvider",
                 "parentId": "%s", "config": {"enabled": ["true"]}}""".formatted(masterId));
        assertEquals(400, refused.status(), refused.toString());
        assertFalse(lanyard.browser().get(lanyard.realm("master", "/api/")).json().get("enabled").asBoolean());
    }

    private static void assertNotServed(Lanyard lanyard, String realm, String[] route) {
        URI uri = lanyard.realm(realm, "/api" + route[1]);
        Reply reply = lanyard.browser().send(route[0], uri, route[2] == null ? null : "application/json", route[2],
                "Origin", WEB_ORIGIN);
        assertEquals(404, reply.status(), route[0] + " " + route[1] + ": " + reply);
        assertEquals("not_found", reply.json().path("error").asText(), route[0] + " " + route[1] + ": " + reply);
        assertFalse(reply.header("Access-Control-Allow-Origin").isPresent(), route[1] + ": " + reply.headers().map());
        assertFalse(reply.header("Set-Cookie").isPresent(), route[1] + ": " + reply.headers().map());
    }
}
