package dev.lanyard.keycloak.it.publicauth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Register, cookie login, session and logout in the demo realm ("verify email" off). */
@ExtendWith(LanyardExtension.class)
class PublicAuthIT {

    static final String ORIGIN = "http://localhost:5173";
    static final String PASSWORD = "Correct-Horse-9";

    /** remember_me asks for long-lived cookies; only a realm whose "Remember me" switch is on grants them. */
    @Test
    void rememberMeHonoursTheRealmsSwitch(Lanyard lanyard) {
        for (boolean realmOffers : new boolean[]{false, true}) {
            String realm = lanyard.newRealm("remember", ", \"rememberMe\": " + realmOffers);
            String email = uniqueEmail();
            String userId = lanyard.admin().createUserWithPassword(realm, email, PASSWORD);
            Reply login = lanyard.browser().postJson(lanyard.realm(realm, "/api/public/login"),
                    "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"remember_me\":true}");
            assertEquals(200, login.status(), login.toString());
            JsonNode sessions = lanyard.admin().getJson("/" + realm + "/users/" + userId + "/sessions");
            assertEquals(1, sessions.size(), sessions.toString());
            assertEquals(realmOffers, sessions.get(0).get("rememberMe").asBoolean(), "realm rememberMe=" + realmOffers + ": " + sessions);
        }
    }

    @Test
    void registerLoginSessionLogoutRoundTrip(Lanyard lanyard) {
        String email = uniqueEmail();
        Browser registering = lanyard.browser();
        Reply registered = registering.postJson(lanyard.api("/public/register"),
                registration(email, PASSWORD, "Ada Lovelace"));
        assertEquals(201, registered.status(), registered.toString());
        assertEquals("created", registered.json().get("status").asText());
        JsonNode user = registered.json().get("user");
        assertEquals(email, user.get("email").asText());
        assertEquals("Ada", user.get("given_name").asText());
        assertEquals("Lovelace", user.get("family_name").asText());
        assertEquals("Ada Lovelace", user.get("name").asText());
        String userId = user.get("id").asText();
        assertEquals(200, registering.get(lanyard.api("/public/session")).status(), "registration signed the user in");
        assertEquals(1, userSessions(lanyard, userId).size());

        Browser browser = lanyard.browser();
        Reply login = browser.postJson(lanyard.api("/public/login"), credentials(email, PASSWORD), "Origin", ORIGIN);
        assertEquals(200, login.status(), login.toString());
        assertEquals("authenticated", login.json().get("status").asText());
        assertEquals(userId, login.json().get("user").get("id").asText());
        assertFalse(login.body().contains("token"), "no tokens in the body: " + login.body());
        String cookie = login.setCookie("public-session").orElseThrow();
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Lax"), cookie);
        assertTrue(cookie.contains("Path=/;") || cookie.endsWith("Path=/"), cookie);
        assertTrue(login.setCookie("KEYCLOAK_IDENTITY").isPresent(), "Keycloak's SSO cookie is set");

        Reply session = browser.get(lanyard.api("/public/session"));
        assertEquals(200, session.status(), session.toString());
        assertEquals(email, session.json().get("user").get("email").asText());
        assertEquals(2, userSessions(lanyard, userId).size(), "the login's session shows in Keycloak's admin API");

        Reply logout = browser.send("POST", lanyard.api("/public/logout"), null, null, "Origin", ORIGIN);
        assertEquals(204, logout.status(), logout.toString());
        assertEquals(401, browser.get(lanyard.api("/public/session")).status());
        assertEquals(1, userSessions(lanyard, userId).size(), "the login's session is gone from Keycloak");
        assertEquals(200, registering.get(lanyard.api("/public/session")).status(), "the other session lives on");
        for (String type : new String[]{"REGISTER", "LOGIN", "LOGOUT"}) {
            JsonNode events = lanyard.admin().getJson("/" + Lanyard.DEMO_REALM + "/events?type=" + type + "&user=" + userId);
            assertFalse(events.isEmpty(), "a " + type + " event");
            assertTrue(events.get(0).get("details").get("lanyard_route").asText().startsWith("public/"), events.toString());
        }
    }

    @Test
    void loginIsRememberedBySingleSignOnForNativeAuthorize(Lanyard lanyard) {
        String email = newUser(lanyard);
        Browser browser = lanyard.browser();
        assertEquals(200, browser.postJson(lanyard.api("/public/login"), credentials(email, PASSWORD)).status());

        Reply authorize = browser.get(lanyard.realm(Lanyard.DEMO_REALM, "/protocol/openid-connect/auth"
                + "?client_id=lanyard-demo-app&response_type=code&scope=openid&state=s1"
                + "&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcallback"));
        assertEquals(302, authorize.status(), authorize.toString());
        String location = authorize.header("Location").orElseThrow();
        assertTrue(location.startsWith("http://localhost:3000/callback?"), location);
        assertTrue(location.contains("code="), location);
    }

    @Test
    void wrongPasswordUnknownUserAndLockedUserAnswerAlike(Lanyard lanyard) {
        String email = newUser(lanyard);
        String userId = lanyard.admin().userId(Lanyard.DEMO_REALM, email).orElseThrow();

        Reply unknown = lanyard.browser().postJson(lanyard.api("/public/login"), credentials(uniqueEmail(), PASSWORD));
        Reply wrong = lanyard.browser().postJson(lanyard.api("/public/login"), credentials(email, "Wrong-Password-1"));
        assertEquals(401, unknown.status(), unknown.toString());
        assertEquals(unknown.status(), wrong.status());
        assertEquals(unknown.body(), wrong.body());
        assertEquals("invalid_credentials", wrong.json().get("error").asText());
        assertTrue(wrong.setCookie("public-session").isEmpty());

        // The demo realm locks after 5 failures; 1 is counted already.
        for (int i = 0; i < 4; i++) {
            lanyard.browser().postJson(lanyard.api("/public/login"), credentials(email, "Wrong-Password-1"));
        }
        lanyard.admin().awaitLocked(Lanyard.DEMO_REALM, userId);
        Browser browser = lanyard.browser();
        Reply locked = browser.postJson(lanyard.api("/public/login"), credentials(email, PASSWORD));
        assertEquals(unknown.status(), locked.status());
        assertEquals(unknown.body(), locked.body());
        assertEquals(401, browser.get(lanyard.api("/public/session")).status());
        assertEquals(0, userSessions(lanyard, userId).size(), "no session on any failure");
    }

    @Test
    void failuresAndSuccessesAreKeycloakEventsNamingTheRoute(Lanyard lanyard) {
        String email = newUser(lanyard);
        String userId = lanyard.admin().userId(Lanyard.DEMO_REALM, email).orElseThrow();
        lanyard.browser().postJson(lanyard.api("/public/login"), credentials(email, "Wrong-Password-1"));
        lanyard.browser().postJson(lanyard.api("/public/login"), credentials(email, PASSWORD));

        JsonNode errors = lanyard.admin().getJson("/" + Lanyard.DEMO_REALM + "/events?type=LOGIN_ERROR&user=" + userId);
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("invalid_user_credentials", errors.get(0).get("error").asText());
        assertEquals("public/login", errors.get(0).get("details").get("lanyard_route").asText());
        JsonNode logins = lanyard.admin().getJson("/" + Lanyard.DEMO_REALM + "/events?type=LOGIN&user=" + userId);
        assertEquals(1, logins.size(), logins.toString());
        assertEquals("public/login", logins.get(0).get("details").get("lanyard_route").asText());
    }

    @Test
    void pendingRequiredActionIsNamedOnlyAfterACorrectPassword(Lanyard lanyard) {
        String email = uniqueEmail();
        lanyard.admin().createUser(Lanyard.DEMO_REALM, userJson(email, ", \"requiredActions\": [\"UPDATE_PASSWORD\"]"));

        Reply wrong = lanyard.browser().postJson(lanyard.api("/public/login"), credentials(email, "Wrong-Password-1"));
        assertEquals(401, wrong.status(), wrong.toString());
        Reply right = lanyard.browser().postJson(lanyard.api("/public/login"), credentials(email, PASSWORD));
        assertEquals(403, right.status(), right.toString());
        assertEquals("action_required", right.json().get("error").asText());
        assertEquals("UPDATE_PASSWORD", right.json().get("required_action").asText());
        assertTrue(right.setCookie("public-session").isEmpty());
    }

    @Test
    void loginByUsernameWorksToo(Lanyard lanyard) {
        String email = newUser(lanyard);
        Reply reply = lanyard.browser().postJson(lanyard.api("/public/login"),
                "{\"username\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(200, reply.status(), reply.toString());
    }

    @Test
    void sessionWithoutOrWithAForgedCookieIsUnauthorized(Lanyard lanyard) {
        assertEquals(401, lanyard.browser().get(lanyard.api("/public/session")).status());
        Reply forged = lanyard.browser().get(lanyard.api("/public/session"), "Cookie", "public-session=eyJhbGciOiJub25lIn0.e30.");
        assertEquals(401, forged.status(), forged.toString());
        assertEquals("invalid_session", forged.json().get("error").asText());
    }

    @Test
    void disablingTheUserEndsThePublicSession(Lanyard lanyard) {
        String email = newUser(lanyard);
        Browser browser = lanyard.browser();
        browser.postJson(lanyard.api("/public/login"), credentials(email, PASSWORD));
        assertEquals(200, browser.get(lanyard.api("/public/session")).status());
        String userId = lanyard.admin().userId(Lanyard.DEMO_REALM, email).orElseThrow();
        lanyard.admin().must("PUT", "/" + Lanyard.DEMO_REALM + "/users/" + userId, "{\"enabled\": false}");
        assertEquals(401, browser.get(lanyard.api("/public/session")).status());
    }

    @Test
    void cookieOfOneRealmIsNotASessionInAnother(Lanyard lanyard) {
        String email = newUser(lanyard);
        Browser browser = lanyard.browser();
        browser.postJson(lanyard.api("/public/login"), credentials(email, PASSWORD));
        assertEquals(200, browser.get(lanyard.api("/public/session")).status());
        assertEquals(401, browser.get(lanyard.realm(lanyard.newRealm("other", ""), "/api/public/session")).status());
    }

    @Test
    void logoutNeedsATrustedOrigin(Lanyard lanyard) {
        String email = newUser(lanyard);
        Browser browser = lanyard.browser();
        browser.postJson(lanyard.api("/public/login"), credentials(email, PASSWORD));
        Reply foreign = browser.send("POST", lanyard.api("/public/logout"), null, null, "Origin", "https://evil.example");
        assertEquals(403, foreign.status(), foreign.toString());
        assertEquals(200, browser.get(lanyard.api("/public/session")).status(), "still signed in");
        Reply none = browser.send("POST", lanyard.api("/public/logout"), null, null);
        assertEquals(403, none.status(), none.toString());
    }

    @Test
    void loginFromAForeignOriginIsRefused(Lanyard lanyard) {
        String email = newUser(lanyard);
        Reply reply = lanyard.browser().postJson(lanyard.api("/public/login"), credentials(email, PASSWORD),
                "Origin", "https://evil.example");
        assertEquals(403, reply.status(), reply.toString());
        assertTrue(reply.setCookie("public-session").isEmpty());
    }

    @Test
    void registeringAnExistingEmailIsAConflictWhereEmailsAreNotVerified(Lanyard lanyard) {
        String email = newUser(lanyard);
        Reply reply = lanyard.browser().postJson(lanyard.api("/public/register"), registration(email, PASSWORD, "Existing Person"));
        assertEquals(409, reply.status(), reply.toString());
        assertEquals("conflict", reply.json().get("error").asText());
    }

    @Test
    void passwordPolicyViolationIsA400WithThePolicyMessage(Lanyard lanyard) {
        String email = uniqueEmail();
        Reply reply = lanyard.browser().postJson(lanyard.api("/public/register"), registration(email, "short", "X"));
        assertEquals(400, reply.status(), reply.toString());
        assertEquals("invalid_request", reply.json().get("error").asText());
        assertTrue(reply.json().get("error_description").asText().contains("minimum length 8"), reply.toString());
        assertTrue(lanyard.admin().userId(Lanyard.DEMO_REALM, email).isEmpty(), "nothing was written");
    }

    @Test
    void badInputAnswersJson4xxAndWritesNothing(Lanyard lanyard) {
        String email = uniqueEmail();
        URI register = lanyard.api("/public/register");
        Browser browser = lanyard.browser();
        assertError(browser.postJson(register, "{\"email\":\"" + email + "\"}"), 400, "invalid_request");
        assertError(browser.postJson(register, "{\"email\":\"" + email + "\",\"password\":12345678}"), 400, "invalid_request");
        assertError(browser.postJson(register, "{\"email\":"), 400, "invalid_request");
        assertError(browser.postJson(register, "[]"), 400, "invalid_request");
        assertError(browser.postJson(register, "{\"email\":\"not-an-email\",\"password\":\"" + PASSWORD + "\"}"), 400, "invalid_request");
        assertError(browser.send("POST", register, "text/plain", registration(email, PASSWORD, "X")), 415, "unsupported_media_type");
        assertError(browser.postJson(register, "{\"email\":\"" + email + "\",\"name\":\"" + "x".repeat(100_000) + "\"}"),
                413, "payload_too_large");
        assertError(browser.postJson(lanyard.api("/public/login"), "{\"email\":[1],\"password\":\"x\"}"), 400, "invalid_request");
        assertError(browser.postJson(lanyard.api("/public/login"), "{}"), 400, "invalid_request");
        assertTrue(lanyard.admin().userId(Lanyard.DEMO_REALM, email).isEmpty(), "nothing was written");
    }

    static void assertError(Reply reply, int status, String error) {
        assertEquals(status, reply.status(), reply.toString());
        assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
        assertEquals(error, reply.json().get("error").asText(), reply.toString());
    }

    static JsonNode userSessions(Lanyard lanyard, String userId) {
        return lanyard.admin().getJson("/" + Lanyard.DEMO_REALM + "/users/" + userId + "/sessions");
    }


    static String newUser(Lanyard lanyard) {
        String email = uniqueEmail();
        lanyard.admin().createUser(Lanyard.DEMO_REALM, userJson(email, ""));
        return email;
    }

    static String userJson(String email, String extra) {
        return """
                {"username": "%s", "email": "%s", "emailVerified": true, "enabled": true, "firstName": "Test", "lastName": "User",
                 "credentials": [{"type": "password", "value": "%s", "temporary": false}]%s}""".formatted(email, email, PASSWORD, extra);
    }

    static String uniqueEmail() {
        return "u-" + UUID.randomUUID() + "@example.com";
    }

    static String credentials(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    static String registration(String email, String password, String name) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"name\":\"" + name + "\"}";
    }
}
