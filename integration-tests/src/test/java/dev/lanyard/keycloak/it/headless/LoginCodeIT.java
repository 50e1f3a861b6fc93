package dev.lanyard.keycloak.it.headless;

import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seed 004: login → code through the sign-in pipeline, for apps with direct access grants. */
@ExtendWith(LanyardExtension.class)
class LoginCodeIT {

    private Lanyard lanyard;
    private HeadlessRealm realm;

    @BeforeEach
    void setUp(Lanyard lanyard) {
        this.lanyard = lanyard;
        this.realm = HeadlessRealm.create(lanyard);
    }

    @Test
    void passwordToCodeToTokensAndTheSessionCookie() {
        String email = realm.newUser();
        Browser browser = lanyard.browser();
        Reply login = browser.postJson(realm.api("/oauth/login"), body(email, HeadlessRealm.PASSWORD, "web", "st-l"));
        assertEquals(200, login.status(), login.toString());
        assertEquals("authenticated", login.json().get("status").asText());
        assertEquals(email, login.json().get("user").get("email").asText());
        String redirect = login.json().get("redirect_to").asText();
        assertEquals("st-l", HeadlessRealm.param(redirect, "state"));
        assertEquals(200, realm.redeem(HeadlessRealm.code(redirect), "web", HeadlessRealm.WEB).status());
        assertEquals(200, browser.get(realm.api("/public/session")).status(), "signed in, cookies set");

        Reply form = lanyard.browser().postForm(realm.api("/oauth/login"), Map.of("username", email, "password", HeadlessRealm.PASSWORD,
                "client_id", "web", "redirect", HeadlessRealm.WEB, "state", "st-f"));
        assertEquals(200, form.status(), "form body and the seed's 'redirect' name: " + form);
        assertEquals("st-f", HeadlessRealm.param(form.json().get("redirect_to").asText(), "state"));
    }

    @Test
    void wrongPasswordsAndLocksAnswerAsPublicLogin() {
        String email = realm.newUser();
        Reply wrong = lanyard.browser().postJson(realm.api("/oauth/login"), body(email, "Wrong-Password-1", "web", "s"));
        Reply publicWrong = lanyard.browser().postJson(realm.api("/public/login"),
                "{\"email\":\"" + email + "\",\"password\":\"Wrong-Password-1\"}");
        assertEquals(publicWrong.status(), wrong.status(), wrong.toString());
        assertEquals(publicWrong.json(), wrong.json());
        Reply unknown = lanyard.browser().postJson(realm.api("/oauth/login"), body("nobody@example.com", "Wrong-Password-1", "web", "s"));
        assertEquals(wrong.json(), unknown.json(), "no enumeration");

        lanyard.browser().postJson(realm.api("/oauth/login"), body(email, "Wrong-Password-1", "web", "s"));
        lanyard.admin().awaitLocked(realm.name(), lanyard.admin().userId(realm.name(), email).orElseThrow());
        Reply locked = lanyard.browser().postJson(realm.api("/oauth/login"), body(email, HeadlessRealm.PASSWORD, "web", "s"));
        assertEquals(401, locked.status(), "locked by the brute-force detector: " + locked);
        assertEquals("invalid_credentials", locked.json().get("error").asText());
    }

    @Test
    void aPinUserGetsTheCodeOnlyAfterVerifyPin() {
        String email = realm.newUser();
        Browser owner = realm.signedIn(email);
        Reply set = owner.send("PUT", realm.api("/public/pin"), "application/json",
                "{\"pin\":\"4826\",\"password\":\"" + HeadlessRealm.PASSWORD + "\"}", "Origin", realm.origin());
        assertEquals(204, set.status(), set.toString());

        Reply login = lanyard.browser().postJson(realm.api("/oauth/login"), body(email, HeadlessRealm.PASSWORD, "web", "st-p"));
        assertEquals(202, login.status(), login.toString());
        assertEquals("pin_required", login.json().get("status").asText());
        assertTrue(login.json().get("redirect_to") == null, "no code before the PIN");

        Reply verified = lanyard.browser().postJson(realm.api("/public/verify-pin"),
                "{\"pin_token\":\"" + login.json().get("pin_token").asText() + "\",\"pin\":\"4826\"}");
        assertEquals(200, verified.status(), verified.toString());
        String redirect = verified.json().get("redirect_to").asText();
        assertEquals("st-p", HeadlessRealm.param(redirect, "state"));
        assertEquals(200, realm.redeem(HeadlessRealm.code(redirect), "web", HeadlessRealm.WEB).status());
    }

    @Test
    void aPasswordNeverStandsInForASecondFactor() {
        String email = "otp-" + java.util.UUID.randomUUID() + "@example.com";
        lanyard.admin().createUser(realm.name(), """
                {"username": "%s", "email": "%s", "emailVerified": true, "enabled": true, "firstName": "O", "lastName": "Tp",
                 "credentials": [{"type": "password", "value": "%s", "temporary": false},
                                 {"type": "otp", "userLabel": "phone", "secretData": "{\\"value\\":\\"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP\\"}",
                                  "credentialData": "{\\"subType\\":\\"totp\\",\\"digits\\":6,\\"period\\":30,\\"algorithm\\":\\"HmacSHA1\\",\\"counter\\":0}"}]}"""
                .formatted(email, email, HeadlessRealm.PASSWORD));
        Browser browser = lanyard.browser();
        Reply login = browser.postJson(realm.api("/oauth/login"), body(email, HeadlessRealm.PASSWORD, "web", "st-o"));
        assertEquals(200, login.status(), login.toString());
        String redirect = login.json().get("redirect_to").asText();
        assertEquals("login_required", HeadlessRealm.param(redirect, "error"), "no code without the OTP: " + redirect);
        assertEquals(null, HeadlessRealm.code(redirect));

        Reply byCookie = browser.postJson(realm.api("/oauth/authorize"), """
                {"client_id": "web", "redirect_uri": "%s", "scope": "openid", "state": "s"}""".formatted(HeadlessRealm.WEB),
                "Origin", realm.origin());
        assertEquals("login_required", HeadlessRealm.param(byCookie.json().get("redirect_to").asText(), "error"));
    }

    @Test
    void onlyClientsWithDirectAccessGrantsAndRegisteredRedirects() {
        String email = realm.newUser();
        Reply refused = lanyard.browser().postJson(realm.api("/oauth/login"), """
                {"email": "%s", "password": "%s", "client_id": "no-password", "redirect_uri": "http://localhost:7103/cb", "state": "s"}"""
                .formatted(email, HeadlessRealm.PASSWORD));
        assertEquals(400, refused.status(), refused.toString());
        assertEquals("unauthorized_client", refused.json().get("error").asText());

        Reply evil = lanyard.browser().postJson(realm.api("/oauth/login"), """
                {"email": "%s", "password": "%s", "client_id": "web", "redirect_uri": "https://evil.example/cb", "state": "s"}"""
                .formatted(email, HeadlessRealm.PASSWORD));
        assertEquals(400, evil.status(), evil.toString());
        assertTrue(evil.header("Location").isEmpty() && evil.json().get("redirect_to") == null, evil.toString());
    }

    private static String body(String email, String password, String clientId, String state) {
        return """
                {"email": "%s", "password": "%s", "client_id": "%s", "redirect_uri": "%s", "state": "%s", "scope": "openid",
                 "code_challenge": "%s", "code_challenge_method": "S256"}"""
                .formatted(email, password, clientId, HeadlessRealm.WEB, state, HeadlessRealm.CHALLENGE);
    }
}
