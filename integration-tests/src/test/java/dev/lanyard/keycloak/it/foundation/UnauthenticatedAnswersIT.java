package dev.lanyard.keycloak.it.foundation;

import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * One answer to a missing or bad credential per kind of route (docs/errors.md): cookie routes 401
 * {@code invalid_session}; a sent bearer token that is not good enough 401 {@code invalid_token} or 403
 * {@code insufficient_scope}, with RFC 6750's {@code WWW-Authenticate: Bearer} challenge; routes that take either,
 * without an {@code Authorization} header, 401 {@code invalid_session} with a challenge that has no error; and a
 * client that fails to authenticate gets exactly Keycloak's own token-endpoint answer.
 */
@ExtendWith(LanyardExtension.class)
class UnauthenticatedAnswersIT {

    private static final String PASSWORD = "Correct-Horse-9";
    private static final String WEB = "http://localhost:7100/cb";
    private static final String CLIENTS = """
            , "clients": [
              {"clientId": "web", "publicClient": true, "standardFlowEnabled": true, "directAccessGrantsEnabled": true,
               "redirectUris": ["http://localhost:7100/*"], "attributes": {"lanyard.firstParty": "true"}},
              {"clientId": "svc", "publicClient": false, "secret": "svc-secret", "standardFlowEnabled": false,
               "serviceAccountsEnabled": true}]""";

    private Lanyard lanyard;
    private String realm;
    private String userId;
    private String email;

    @BeforeEach
    void setUp(Lanyard lanyard) {
        this.lanyard = lanyard;
        this.realm = lanyard.newRealm("unauthenticated", CLIENTS);
        this.email = "u-" + System.nanoTime() + "@example.com";
        this.userId = lanyard.admin().createUserWithPassword(realm, email, PASSWORD);
    }

    @Test
    void cookieRoutesAnswerInvalidSessionWithoutAChallenge() {
        assertInvalidSession(lanyard.browser().get(api("/public/session")), Optional.empty(), "GET public/session");
        assertInvalidSession(lanyard.browser().send("PUT", api("/public/pin"), "application/json",
                "{\"pin\": \"4826\", \"password\": \"" + PASSWORD + "\"}", "Origin", lanyard.origin()), Optional.empty(), "PUT public/pin");
        assertInvalidSession(lanyard.browser().get(URI.create(api("/oauth/consent") + "?client_id=web")), Optional.empty(),
                "GET oauth/consent");
    }

    @Test
    void routesTakingCookieOrTokenAnswerInvalidSessionWithoutAnAuthorizationHeader() {
        Optional<String> bare = Optional.of("Bearer realm=\"" + realm + "\"");
        assertInvalidSession(lanyard.browser().get(api("/admin/clients")), bare, "GET admin/clients");
        assertInvalidSession(lanyard.browser().get(api(permissions())), bare, "GET permissions");
        assertInvalidSession(lanyard.browser().send("DELETE", api(permissions()), null, null, "Origin", lanyard.origin()), bare,
                "DELETE permissions");
    }

    @Test
    void aBadBearerTokenIsInvalidTokenWhereverItIsSent() {
        for (String authorization : new String[]{"Bearer not-a-token", "Basic " + basic("svc", "svc-secret"), "Bearer"}) {
            assertInvalidToken(lanyard.browser().get(api("/admin/clients"), "Authorization", authorization),
                    "admin/clients with " + authorization);
            assertInvalidToken(lanyard.browser().get(api(permissions()), "Authorization", authorization),
                    "GET permissions with " + authorization);
            assertInvalidToken(lanyard.browser().send("PUT", api(permissions()), "application/json", "{\"status\": \"approved\"}",
                    "Authorization", authorization), "PUT permissions with " + authorization);
            assertInvalidToken(lanyard.browser().get(authorize(), "Authorization", authorization),
                    "GET oauth/authorize with " + authorization);
        }
    }

    @Test
    void aGoodTokenWithoutTheRoutesScopeIsInsufficientScope() {
        Reply tokens = lanyard.browser().postForm(lanyard.realm(realm, "/protocol/openid-connect/token"), Map.of(
                "grant_type", "password", "client_id", "web", "username", email, "password", PASSWORD, "scope", "openid"));
        assertEquals(200, tokens.status(), tokens.toString());
        Reply reply = lanyard.browser().get(authorize(), "Authorization", "Bearer " + tokens.json().get("access_token").asText());
        assertEquals(403, reply.status(), reply.toString());
        assertEquals("insufficient_scope", reply.json().path("error").asText(), reply.toString());
        assertEquals(Optional.of("Bearer realm=\"" + realm + "\", error=\"insufficient_scope\", scope=\"lanyard-authorize\""),
                reply.header("WWW-Authenticate"));
    }

    @Test
    void aClientThatFailsToAuthenticateGetsKeycloaksOwnAnswer() {
        Map<String, String> wrongSecret = Map.of("grant_type", "client_credentials", "client_id", "svc", "client_secret", "wrong");
        Map<String, String> unknownClient = Map.of("grant_type", "client_credentials", "client_id", "nobody", "client_secret", "wrong");
        Map<String, String> introspection = Map.of("token", "not-a-token", "client_id", "svc", "client_secret", "wrong");
        assertSameAnswer(keycloaks("/token", wrongSecret), lanyard.browser().postForm(api("/oauth/token"), wrongSecret), "a wrong secret");
        assertSameAnswer(keycloaks("/token", unknownClient), lanyard.browser().postForm(api("/oauth/token"), unknownClient), "an unknown client");
        assertSameAnswer(keycloaks("/token/introspect", introspection), lanyard.browser().postForm(api("/oauth/introspect"), introspection),
                "introspection with a wrong secret");
        assertSameAnswer(keycloaks("/revoke", introspection), lanyard.browser().postForm(api("/oauth/revoke"), introspection),
                "revocation with a wrong secret");
    }

    private static void assertInvalidSession(Reply reply, Optional<String> challenge, String what) {
        assertEquals(401, reply.status(), what + ": " + reply);
        assertEquals("invalid_session", reply.json().path("error").asText(), what + ": " + reply);
        assertEquals(challenge, reply.header("WWW-Authenticate"), what + ": " + reply.headers());
    }

    private void assertInvalidToken(Reply reply, String what) {
        assertEquals(401, reply.status(), what + ": " + reply);
        assertEquals("invalid_token", reply.json().path("error").asText(), what + ": " + reply);
        assertEquals(Optional.of("Bearer realm=\"" + realm + "\", error=\"invalid_token\""), reply.header("WWW-Authenticate"),
                what + ": " + reply.headers());
    }

    /** Status and {@code error} as Keycloak's own endpoint answers them (a 401, whichever code Keycloak gives it). */
    private static void assertSameAnswer(Reply keycloak, Reply lanyard, String what) {
        assertEquals(401, keycloak.status(), "Keycloak refuses " + what + ": " + keycloak);
        assertEquals(keycloak.status(), lanyard.status(), what + ": " + lanyard);
        assertEquals(keycloak.json().path("error").asText(), lanyard.json().path("error").asText(), what + ": " + lanyard);
        assertNotEquals("unauthorized", lanyard.json().path("error").asText(), what);
    }

    private Reply keycloaks(String endpoint, Map<String, String> form) {
        return lanyard.browser().postForm(lanyard.realm(realm, "/protocol/openid-connect" + endpoint), form);
    }

    private String permissions() {
        return "/users/" + userId + "/apps/web/permissions";
    }

    private URI authorize() {
        return URI.create(api("/oauth/authorize") + "?response_type=code&client_id=web&scope=openid&redirect_uri="
                + URLEncoder.encode(WEB, StandardCharsets.UTF_8));
    }

    private URI api(String path) {
        return lanyard.realm(realm, "/api" + path);
    }

    private static String basic(String clientId, String secret) {
        return Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
