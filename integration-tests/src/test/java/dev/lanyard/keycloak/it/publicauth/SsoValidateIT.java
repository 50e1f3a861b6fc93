package dev.lanyard.keycloak.it.publicauth;

import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.HttpCookie;

import static dev.lanyard.keycloak.it.publicauth.PublicAuthIT.PASSWORD;
import static dev.lanyard.keycloak.it.publicauth.PublicAuthIT.credentials;
import static dev.lanyard.keycloak.it.publicauth.PublicAuthIT.newUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@ExtendWith(LanyardExtension.class)
class SsoValidateIT {

    @Test
    void publicSessionValidatesAsPublic(Lanyard lanyard) {
        String email = newUser(lanyard);
        Browser browser = signedIn(lanyard, email);
        Reply reply = browser.get(lanyard.api("/sso/validate"));
        assertEquals(200, reply.status(), reply.toString());
        assertEquals(true, reply.json().get("valid").asBoolean());
        assertEquals("public", reply.json().get("type").asText());
        assertEquals(email, reply.json().get("user").get("email").asText());
    }

    @Test
    void userWhoMayManageUsersValidatesAsAdminUnderEitherCookieName(Lanyard lanyard) {
        String email = newUser(lanyard);
        String userId = lanyard.admin().userId(Lanyard.DEMO_REALM, email).orElseThrow();
        lanyard.admin().grantRealmManagement(Lanyard.DEMO_REALM, userId, "manage-users");

        Browser browser = signedIn(lanyard, email);
        String value = browser.cookie("public-session").orElseThrow();
        Reply reply = lanyard.browser().get(lanyard.api("/sso/validate"), "Cookie", new HttpCookie("admin-session", value).toString());
        assertEquals(200, reply.status(), reply.toString());
        assertEquals("admin", reply.json().get("type").asText());
    }

    @Test
    void noSessionIsInvalid(Lanyard lanyard) {
        Reply reply = lanyard.browser().get(lanyard.api("/sso/validate"));
        assertEquals(401, reply.status());
        assertEquals("{\"valid\":false}", reply.body());
    }

    @Test
    void endedSessionIsInvalid(Lanyard lanyard) {
        String email = newUser(lanyard);
        Browser browser = signedIn(lanyard, email);
        String userId = lanyard.admin().userId(Lanyard.DEMO_REALM, email).orElseThrow();
        lanyard.admin().must("POST", "/" + Lanyard.DEMO_REALM + "/users/" + userId + "/logout", null);
        Reply reply = browser.get(lanyard.api("/sso/validate"));
        assertEquals(401, reply.status(), "signing the user out in Keycloak ends the public session too");
        assertFalse(reply.json().get("valid").asBoolean());
    }

    private static Browser signedIn(Lanyard lanyard, String email) {
        Browser browser = lanyard.browser();
        Reply login = browser.postJson(lanyard.api("/public/login"), credentials(email, PASSWORD));
        assertEquals(200, login.status(), login.toString());
        return browser;
    }
}
