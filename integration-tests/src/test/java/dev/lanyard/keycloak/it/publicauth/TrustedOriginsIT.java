package dev.lanyard.keycloak.it.publicauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which browser origins the API trusts in the demo realm: Keycloak's own and the web origins of first-party
 * clients (attribute {@code lanyard.firstParty} = {@code true}, set by the realm admin). A web origin on any
 * other client, above all one created by anonymous dynamic client registration, gets no credentialed CORS
 * and cannot make cookie-authenticated writes.
 */
@ExtendWith(LanyardExtension.class)
class TrustedOriginsIT {

    private static final String PASSWORD = "Correct-Horse-9";

    @Test
    void anonymouslyRegisteredClientsOriginIsNotTrusted(Lanyard lanyard) {
        String origin = newLocalOrigin();
        Reply registered = lanyard.browser().postJson(lanyard.realm(Lanyard.DEMO_REALM, "/clients-registrations/openid-connect"), """
                {"client_name": "dcr-%s", "redirect_uris": ["%s/cb"], "grant_types": ["authorization_code"]}"""
                .formatted(UUID.randomUUID(), origin));
        assertEquals(201, registered.status(), registered.toString());
        JsonNode client = lanyard.admin().client(Lanyard.DEMO_REALM, registered.json().get("client_id").asText());
        assertTrue(Reply.texts(client.path("webOrigins")).contains(origin) || Reply.texts(client.path("webOrigins")).contains("+"),
                "Keycloak registers the redirect URIs' origin as the client's web origin: " + client);

        assertNotTrusted(lanyard, origin);
    }

    @Test
    void registrantCannotMakeItsClientFirstParty(Lanyard lanyard) {
        String origin = newLocalOrigin();
        Reply registered = lanyard.browser().postJson(lanyard.realm(Lanyard.DEMO_REALM, "/clients-registrations/default"), """
                {"clientId": "dcr-%s", "publicClient": true, "redirectUris": ["%s/*"], "webOrigins": ["%s"],
                 "attributes": {"lanyard.firstParty": "true"}}""".formatted(UUID.randomUUID(), origin, origin));
        assertEquals(201, registered.status(), registered.toString());
        JsonNode client = lanyard.admin().client(Lanyard.DEMO_REALM, registered.json().get("clientId").asText());
        assertEquals("true", client.path("attributes").path("lanyard.firstParty").asText(),
                "Keycloak stores whatever attributes the registrant sent: " + client);
        assertTrue(Reply.texts(client.path("webOrigins")).contains(origin), client.toString());

        assertNotTrusted(lanyard, origin);
    }

    @Test
    void adminCreatedClientWithoutTheAttributeIsNotTrusted(Lanyard lanyard) {
        String origin = newLocalOrigin();
        createClient(lanyard, origin, "");

        assertNotTrusted(lanyard, origin);
    }

    @Test
    void firstPartyClientsOriginGetsCredentialedCorsAndMaySignOut(Lanyard lanyard) {
        String origin = newLocalOrigin();
        createClient(lanyard, origin, ", \"attributes\": {\"lanyard.firstParty\": \"true\"}");

        assertTrusted(lanyard, origin);
    }

    @Test
    void disabledFirstPartyClientsOriginIsNotTrusted(Lanyard lanyard) {
        String origin = newLocalOrigin();
        String clientId = createClient(lanyard, origin, ", \"attributes\": {\"lanyard.firstParty\": \"true\"}");
        assertTrusted(lanyard, origin);

        ObjectNode client = (ObjectNode) lanyard.admin().client(Lanyard.DEMO_REALM, clientId);
        client.put("enabled", false);
        lanyard.admin().must("PUT", "/" + Lanyard.DEMO_REALM + "/clients/" + client.get("id").asText(), client.toString());
        assertFalse(lanyard.admin().client(Lanyard.DEMO_REALM, clientId).path("enabled").asBoolean(true));

        assertNotTrusted(lanyard, origin);
    }

    @Test
    void keycloaksOwnOriginIsTrusted(Lanyard lanyard) {
        String own = lanyard.baseUri().getScheme() + "://" + lanyard.baseUri().getAuthority();

        assertTrusted(lanyard, own);

        Browser browser = signedIn(lanyard);
        Reply logout = browser.send("POST", lanyard.api("/public/logout"), null, null,
                "Referer", own + "/realms/" + Lanyard.DEMO_REALM + "/account/");
        assertEquals(204, logout.status(), "a Referer on Keycloak's own origin will do where a browser sent no Origin: " + logout);
    }

    @Test
    void aCookieWriteWithoutOriginSaysTheHeaderIsNeeded(Lanyard lanyard) {
        Browser browser = signedIn(lanyard);
        Reply logout = browser.send("POST", lanyard.api("/public/logout"), null, null);
        assertEquals(403, logout.status(), logout.toString());
        assertTrue(logout.json().get("error_description").asText().contains("Origin header"), logout.toString());
        assertEquals(200, browser.get(lanyard.api("/public/session")).status(), "the session survives the refused logout");
    }

    /**
     * The token routes wrap Keycloak's own endpoints, which add CORS headers for any client's registered web origins:
     * Lanyard asks them without the Origin of a page it does not trust, so such a page gets none.
     */
    @Test
    void wrappedTokenEndpointsSendNoCorsToAnOriginThatIsNotFirstParty(Lanyard lanyard) {
        for (boolean firstParty : new boolean[]{false, true}) {
            String origin = newLocalOrigin();
            String clientId = "token-origin-" + UUID.randomUUID();
            lanyard.admin().must("POST", "/" + Lanyard.DEMO_REALM + "/clients", """
                    {"clientId": "%s", "publicClient": true, "standardFlowEnabled": true, "directAccessGrantsEnabled": true,
                     "redirectUris": ["%s/*"], "webOrigins": ["%s"], "attributes": {"lanyard.firstParty": "%s"}}"""
                    .formatted(clientId, origin, origin, firstParty));
            String email = "token-origin-" + UUID.randomUUID() + "@example.com";
            createUser(lanyard, email);
            for (String route : List.of("/oauth/token", "/v1/platform/oauth/token")) {
                for (String password : List.of(PASSWORD, "Wrong-Password-1")) {
                    Reply reply = lanyard.browser().postForm(lanyard.api(route), Map.of("grant_type", "password",
                            "client_id", clientId, "username", email, "password", password), "Origin", origin);
                    if (password.equals(PASSWORD)) {
                        assertEquals(200, reply.status(), route + ": " + reply);
                    } else {
                        // Keycloak answers a wrong password 401 before 26.7, 400 since; invalid_grant either way.
                        assertEquals("invalid_grant", reply.json().path("error").asText(), route + ": " + reply);
                    }
                    assertEquals(firstParty ? Optional.of(origin) : Optional.empty(), reply.header("Access-Control-Allow-Origin"),
                            route + " first-party=" + firstParty + ": " + reply.headers().map());
                }
            }
        }
    }

    /** No CORS for the origin, no sign-in from it, and a cookie-authenticated write from it is refused. */
    private static void assertNotTrusted(Lanyard lanyard, String origin) {
        Reply preflight = lanyard.browser().send("OPTIONS", lanyard.api("/public/logout"), null, null,
                "Origin", origin, "Access-Control-Request-Method", "POST");
        assertFalse(preflight.header("Access-Control-Allow-Origin").isPresent(), "preflight: " + preflight.headers().map());
        assertFalse(preflight.header("Access-Control-Allow-Credentials").isPresent(), "preflight: " + preflight.headers().map());

        Browser browser = signedIn(lanyard);
        Reply session = browser.get(lanyard.api("/public/session"), "Origin", origin);
        assertEquals(200, session.status(), session.toString());
        assertFalse(session.header("Access-Control-Allow-Origin").isPresent(),
                "a credentialed read from the origin must not be readable by it: " + session.headers().map());

        Reply logout = browser.send("POST", lanyard.api("/public/logout"), null, null, "Origin", origin);
        assertEquals(403, logout.status(), logout.toString());
        assertFalse(logout.header("Access-Control-Allow-Origin").isPresent(), logout.headers().map().toString());
        assertEquals(200, browser.get(lanyard.api("/public/session")).status(), "the session survives the refused logout");

        String email = "origin-" + UUID.randomUUID() + "@example.com";
        createUser(lanyard, email);
        Reply login = lanyard.browser().postJson(lanyard.api("/public/login"), credentials(email), "Origin", origin);
        assertEquals(403, login.status(), "no sign-in from an untrusted origin: " + login);
    }

    /** Credentialed CORS for the origin, and its cookie-authenticated logout ends the session. */
    private static void assertTrusted(Lanyard lanyard, String origin) {
        Reply preflight = lanyard.browser().send("OPTIONS", lanyard.api("/public/logout"), null, null,
                "Origin", origin, "Access-Control-Request-Method", "POST");
        assertTrue(preflight.status() == 200 || preflight.status() == 204, preflight.toString());
        assertEquals(origin, preflight.header("Access-Control-Allow-Origin").orElse(null), preflight.headers().map().toString());
        assertEquals("true", preflight.header("Access-Control-Allow-Credentials").orElse(null), preflight.headers().map().toString());

        String email = "origin-" + UUID.randomUUID() + "@example.com";
        createUser(lanyard, email);
        Browser browser = lanyard.browser();
        Reply login = browser.postJson(lanyard.api("/public/login"), credentials(email), "Origin", origin);
        assertEquals(200, login.status(), login.toString());
        assertEquals(origin, login.header("Access-Control-Allow-Origin").orElse(null), login.headers().map().toString());

        Reply session = browser.get(lanyard.api("/public/session"), "Origin", origin);
        assertEquals(200, session.status(), session.toString());
        assertEquals(origin, session.header("Access-Control-Allow-Origin").orElse(null), session.headers().map().toString());
        assertEquals("true", session.header("Access-Control-Allow-Credentials").orElse(null), session.headers().map().toString());

        Reply logout = browser.send("POST", lanyard.api("/public/logout"), null, null, "Origin", origin);
        assertEquals(204, logout.status(), logout.toString());
        assertEquals(401, browser.get(lanyard.api("/public/session")).status(), "the logout ended the session");
    }

    /** A browser with a public session of a new user, signed in without an Origin header (not cross-origin). */
    private static Browser signedIn(Lanyard lanyard) {
        String email = "origin-" + UUID.randomUUID() + "@example.com";
        createUser(lanyard, email);
        Browser browser = lanyard.browser();
        Reply login = browser.postJson(lanyard.api("/public/login"), credentials(email));
        assertEquals(200, login.status(), login.toString());
        assertTrue(browser.cookie("public-session").isPresent());
        return browser;
    }

    private static void createUser(Lanyard lanyard, String email) {
        lanyard.admin().createUser(Lanyard.DEMO_REALM, """
                {"username": "%s", "email": "%s", "emailVerified": true, "enabled": true, "firstName": "O", "lastName": "Rigin",
                 "credentials": [{"type": "password", "value": "%s", "temporary": false}]}""".formatted(email, email, PASSWORD));
    }

    private static String credentials(String email) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
    }

    /**
     * A public client made through the admin API with {@code origin} as its web origin; {@code extra}: comma-led JSON
     * members. Returns its clientId.
     */
    private static String createClient(Lanyard lanyard, String origin, String extra) {
        String clientId = "origin-" + UUID.randomUUID();
        lanyard.admin().must("POST", "/" + Lanyard.DEMO_REALM + "/clients", """
                {"clientId": "%s", "publicClient": true, "standardFlowEnabled": true,
                 "redirectUris": ["%s/*"], "webOrigins": ["%s"]%s}""".formatted(clientId, origin, origin, extra));
        return clientId;
    }

    /** An origin on localhost that no other client of the demo realm registers. */
    private static String newLocalOrigin() {
        return "http://localhost:" + ThreadLocalRandom.current().nextInt(20_000, 30_000);
    }

}
