package dev.lanyard.keycloak.it.foundation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LanyardExtension.class)
class ApiRootIT {

    private static final String DEMO_SPA_ORIGIN = "http://localhost:5173";

    @Test
    void rootNamesLanyardItsVersionAndCapabilities(Lanyard lanyard) {
        for (String path : new String[]{"", "/"}) {
            Reply reply = lanyard.browser().get(lanyard.api(path));
            assertEquals(200, reply.status(), reply.toString());
            assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
            JsonNode info = reply.json();
            assertEquals("lanyard", info.get("name").asText());
            assertEquals(System.getProperty("lanyard.version"), info.get("version").asText());
            assertTrue(info.get("capabilities").isArray(), reply.toString());
        }
    }

    @Test
    void rootIsServedInEveryRealm(Lanyard lanyard) {
        Reply reply = lanyard.browser().get(lanyard.realm("master", "/api/"));
        assertEquals(200, reply.status(), reply.toString());
        assertEquals("lanyard", reply.json().get("name").asText());
        assertFalse(reply.json().get("enabled").asBoolean(), reply.toString());
    }

    @Test
    void theDemoRealmServesEveryCapability(Lanyard lanyard) {
        JsonNode info = lanyard.browser().get(lanyard.api("/")).json();
        assertTrue(info.get("enabled").asBoolean(), info.toString());
        assertEquals(List.of("public-auth", "magic-link", "pin", "passkeys", "oauth", "permissions", "social-login", "platform", "admin"),
                Reply.texts(info.get("capabilities")));
    }

    @Test
    void unknownRouteAnswersJson404(Lanyard lanyard) {
        for (String method : new String[]{"GET", "POST", "DELETE"}) {
            Reply reply = lanyard.browser().send(method, lanyard.api("/no/such/route"), null, null);
            assertJsonError(reply, 404, "not_found");
        }
    }

    /** A route called with a method it does not serve: a JSON error, whichever of 404 and 405 the path gets. */
    @Test
    void aMethodARouteDoesNotServeAnswersJson(Lanyard lanyard) {
        for (String[] call : new String[][]{{"GET", "/public/login"}, {"GET", "/admin/users/x/apps/y/permissions"},
                {"POST", "/admin/users/x/apps/y/permissions"}, {"DELETE", "/admin/clients"}, {"PUT", "/oauth/authorize"}}) {
            Reply reply = lanyard.browser().send(call[0], lanyard.api(call[1]), null, null);
            assertTrue(reply.status() == 404 || reply.status() == 405, call[0] + " " + call[1] + " → " + reply.status());
            assertJsonError(reply, reply.status(), reply.status() == 404 ? "not_found" : "method_not_allowed");
        }
    }

    @Test
    void malformedWritesToTheRootAnswerJson4xx(Lanyard lanyard) {
        assertJsonError(lanyard.browser().postJson(lanyard.api("/"), "{\"broken\": "), 405, "method_not_allowed");
        assertJsonError(lanyard.browser().send("PUT", lanyard.api("/"), "text/plain", "hello"), 405, "method_not_allowed");
        assertJsonError(lanyard.browser().send("DELETE", lanyard.api("/"), null, null), 405, "method_not_allowed");
        assertJsonError(lanyard.browser().send("POST", lanyard.api("/"), "application/json", "x".repeat(200_000)),
                405, "method_not_allowed");
    }

    @Test
    void preflightFromARegisteredWebOriginIsAllowedWithCredentials(Lanyard lanyard) {
        Reply reply = lanyard.browser().send("OPTIONS", lanyard.api("/public/login"), null, null,
                "Origin", DEMO_SPA_ORIGIN, "Access-Control-Request-Method", "POST");
        assertTrue(reply.status() == 200 || reply.status() == 204, reply.toString());
        assertEquals(DEMO_SPA_ORIGIN, reply.header("Access-Control-Allow-Origin").orElse(null));
        assertEquals("true", reply.header("Access-Control-Allow-Credentials").orElse(null));
        assertTrue(reply.header("Access-Control-Allow-Methods").orElse("").contains("POST"), reply.headers().map().toString());
    }

    @Test
    void simpleRequestFromARegisteredWebOriginGetsCorsHeaders(Lanyard lanyard) {
        Reply reply = lanyard.browser().get(lanyard.api("/"), "Origin", DEMO_SPA_ORIGIN);
        assertEquals(200, reply.status());
        assertEquals(DEMO_SPA_ORIGIN, reply.header("Access-Control-Allow-Origin").orElse(null));
    }

    @Test
    void otherOriginsGetNoCorsHeaders(Lanyard lanyard) {
        Reply preflight = lanyard.browser().send("OPTIONS", lanyard.api("/public/login"), null, null,
                "Origin", "https://evil.example", "Access-Control-Request-Method", "POST");
        assertFalse(preflight.header("Access-Control-Allow-Origin").isPresent(), preflight.headers().map().toString());
        Reply get = lanyard.browser().get(lanyard.api("/"), "Origin", "https://evil.example");
        assertEquals(200, get.status());
        assertFalse(get.header("Access-Control-Allow-Origin").isPresent(), get.headers().map().toString());
    }

    static void assertJsonError(Reply reply, int status, String error) {
        assertEquals(status, reply.status(), reply.toString());
        assertTrue(reply.contentType().startsWith("application/json"), reply.contentType() + " " + reply);
        assertEquals(error, reply.json().path("error").asText(), reply.toString());
        assertFalse(reply.json().path("error_description").asText().isBlank(), reply.toString());
    }
}
