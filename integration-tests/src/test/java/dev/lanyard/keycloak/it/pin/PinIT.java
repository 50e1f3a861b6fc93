package dev.lanyard.keycloak.it.pin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.BrowserFlows;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LanyardExtension.class)
class PinIT {

    private static final String ORIGIN = "http://localhost:5173";
    private static final String PASSWORD = "Correct-Horse-9";
    private static final String PIN = "4826";

    @Test
    void pinGatedLoginNeedsTheRightPinAndTheTokenWorksOnce(Lanyard lanyard) {
        String email = userWithPin(lanyard, Lanyard.DEMO_REALM);

        Browser browser = lanyard.browser();
        Reply login = login(lanyard, browser, Lanyard.DEMO_REALM, email);
        assertEquals(202, login.status(), login.toString());
        assertEquals("pin_required", login.json().get("status").asText());
        String pinToken = login.json().get("pin_token").asText();
        assertTrue(login.setCookie("public-session").isEmpty(), "no session before the PIN");
        assertTrue(login.setCookie("KEYCLOAK_IDENTITY").isEmpty(), "no SSO session before the PIN");

        Reply wrong = verify(lanyard, browser, Lanyard.DEMO_REALM, pinToken, "9999");
        assertEquals(401, wrong.status(), wrong.toString());
        assertEquals("invalid_pin", wrong.json().get("error").asText());

        Reply right = verify(lanyard, browser, Lanyard.DEMO_REALM, pinToken, PIN);
        assertEquals(200, right.status(), right.toString());
        assertEquals("authenticated", right.json().get("status").asText());
        assertEquals(email, right.json().get("user").get("email").asText());
        assertEquals(200, browser.get(lanyard.api("/public/session")).status(), "a working session");

        Reply again = verify(lanyard, lanyard.browser(), Lanyard.DEMO_REALM, pinToken, PIN);
        assertEquals(400, again.status(), again.toString());
        assertEquals("invalid_pin_token", again.json().get("error").asText());

        String userId = lanyard.admin().userId(Lanyard.DEMO_REALM, email).orElseThrow();
        String events = lanyard.admin().getJson("/" + Lanyard.DEMO_REALM + "/events?user=" + userId).toString();
        assertTrue(events.contains("UPDATE_CREDENTIAL") && events.contains("public/verify-pin"), events);
    }

    @Test
    void tooManyWrongPinsVoidTheTokenAndTheDetectorLocksTheUser(Lanyard lanyard) {
        String realm = lanyard.newRealm("pin-lock", ", \"failureFactor\": 4" + SPA_CLIENT);
        String email = userWithPin(lanyard, realm);

        String token = login(lanyard, lanyard.browser(), realm, email).json().get("pin_token").asText();
        for (int i = 0; i < 3; i++) {
            assertEquals(401, verify(lanyard, lanyard.browser(), realm, token, "9999").status());
        }
        assertEquals(400, verify(lanyard, lanyard.browser(), realm, token, PIN).status(), "void after 3 wrong PINs");

        String second = login(lanyard, lanyard.browser(), realm, email).json().get("pin_token").asText();
        assertEquals(401, verify(lanyard, lanyard.browser(), realm, second, "9999").status());
        lanyard.admin().awaitLocked(realm, lanyard.admin().userId(realm, email).orElseThrow());
        Reply locked = verify(lanyard, lanyard.browser(), realm, second, PIN);
        assertEquals(401, locked.status(), "a locked user stays out even with the right PIN: " + locked);
        assertEquals(401, login(lanyard, lanyard.browser(), realm, email).status());
    }

    @Test
    void trivialAndMalformedPinsAreRefused(Lanyard lanyard) {
        String email = newUser(lanyard, Lanyard.DEMO_REALM);
        Browser browser = lanyard.browser();
        assertEquals(200, login(lanyard, browser, Lanyard.DEMO_REALM, email).status());
        for (String pin : new String[]{"1234", "0000", "9876", "55555"}) {
            Reply reply = setPin(lanyard, browser, Lanyard.DEMO_REALM, "{\"pin\":\"" + pin + "\",\"password\":\"" + PASSWORD + "\"}");
            assertEquals(400, reply.status(), pin + ": " + reply);
            assertTrue(reply.json().get("error_description").asText().contains("too easy"), reply.toString());
        }
        for (String pin : new String[]{"12a4", "12", "123456789", " 4826"}) {
            Reply reply = setPin(lanyard, browser, Lanyard.DEMO_REALM, "{\"pin\":\"" + pin + "\",\"password\":\"" + PASSWORD + "\"}");
            assertEquals(400, reply.status(), pin + ": " + reply);
            assertEquals("invalid_pin_format", reply.json().get("error").asText());
        }
        assertEquals(400, setPin(lanyard, browser, Lanyard.DEMO_REALM, "{\"pin\":4826,\"password\":\"" + PASSWORD + "\"}").status());
        assertEquals(400, setPin(lanyard, browser, Lanyard.DEMO_REALM, "{\"pin\":\"4826\"}").status());
        assertEquals(401, setPin(lanyard, browser, Lanyard.DEMO_REALM, "{\"pin\":\"4826\",\"password\":\"wrong-one\"}").status());
        assertEquals(401, setPin(lanyard, lanyard.browser(), Lanyard.DEMO_REALM, "{\"pin\":\"4826\",\"password\":\"" + PASSWORD + "\"}").status(),
                "no session");
        Reply noOrigin = browser.send("PUT", lanyard.api("/public/pin"), "application/json", "{\"pin\":\"4826\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(403, noOrigin.status(), noOrigin.toString());
        assertEquals(200, login(lanyard, lanyard.browser(), Lanyard.DEMO_REALM, email).status(), "no PIN was set");

        Reply badVerify = lanyard.browser().postJson(lanyard.api("/public/verify-pin"), "{\"pin_token\":5}");
        assertEquals(400, badVerify.status(), badVerify.toString());
        assertEquals(400, lanyard.browser().postJson(lanyard.api("/public/verify-pin"), "{\"pin_token\":\"x\",\"pin\":\"4826\"}").status());
    }

    @Test
    void removedPinNoLongerGatesLogin(Lanyard lanyard) {
        String email = userWithPin(lanyard, Lanyard.DEMO_REALM);
        String userId = lanyard.admin().userId(Lanyard.DEMO_REALM, email).orElseThrow();
        JsonNode credentials = lanyard.admin().getJson("/" + Lanyard.DEMO_REALM + "/users/" + userId + "/credentials");
        assertTrue(credentials.toString().contains("\"type\":\"pin\""), "the admin console lists the PIN: " + credentials);

        Browser browser = lanyard.browser();
        String token = login(lanyard, browser, Lanyard.DEMO_REALM, email).json().get("pin_token").asText();
        assertEquals(200, verify(lanyard, browser, Lanyard.DEMO_REALM, token, PIN).status());
        Reply removed = browser.send("DELETE", lanyard.api("/public/pin"), "application/json",
                "{\"password\":\"" + PASSWORD + "\"}", "Origin", ORIGIN);
        assertEquals(204, removed.status(), removed.toString());
        assertEquals(200, login(lanyard, lanyard.browser(), Lanyard.DEMO_REALM, email).status());
    }

    @Test
    void magicLinkOfAUserWithAPinGoesThroughThePinPage(Lanyard lanyard) throws Exception {
        String email = userWithPin(lanyard, Lanyard.DEMO_REALM);
        lanyard.browser().postJson(lanyard.api("/public/request-magic-link"),
                "{\"email\":\"" + email + "\",\"redirect_uri\":\"http://localhost:3000/done\"}");
        Matcher link = Pattern.compile("http://\\S+/api/public/magic-link\\?\\S+").matcher(Lanyard.mailText(lanyard.awaitMail(email)));
        assertTrue(link.find());
        URI uri = URI.create(link.group());
        Browser browser = lanyard.browser();
        String token = Jsoup.parse(browser.get(uri).body()).select("input[name=token]").val();

        Reply pinPage = browser.postForm(uri, Map.of("token", token));
        assertEquals(200, pinPage.status(), pinPage.toString());
        Document page = Jsoup.parse(pinPage.body());
        String action = page.select("form#lanyard-pin-form").attr("action");
        String pinToken = page.select("input[name=pin_token]").val();
        assertEquals(401, browser.get(lanyard.api("/public/session")).status(), "not signed in before the PIN");

        Reply wrong = browser.postForm(URI.create(action), Map.of("pin_token", pinToken, "pin", "9999"));
        assertEquals(200, wrong.status());
        assertFalse(Jsoup.parse(wrong.body()).select("form#lanyard-pin-form").isEmpty(), "the PIN page again");
        Reply right = browser.postForm(URI.create(action), Map.of("pin_token", pinToken, "pin", PIN));
        assertEquals(303, right.status(), right.toString());
        assertEquals("http://localhost:3000/done", right.header("Location").orElseThrow());
        assertEquals(200, browser.get(lanyard.api("/public/session")).status());
    }

    @Test
    void browserFlowWithThePinStepCompletesOnlyWithTheRightPin(Lanyard lanyard) {
        String realm = lanyard.newRealm("pin-flow", SPA_CLIENT);
        BrowserFlows.use(lanyard.admin(), realm, "pin", new BrowserFlows.Step("auth-username-password-form", "REQUIRED"),
                new BrowserFlows.Step("lanyard-pin", "REQUIRED"));
        String email = userWithPin(lanyard, realm);

        Browser browser = lanyard.browser();
        Document passwordPage = Jsoup.parse(browser.get(authorize(lanyard, realm)).body());
        Reply pinPage = browser.postForm(URI.create(passwordPage.select("form#kc-form-login").attr("action")),
                Map.of("username", email, "password", PASSWORD));
        assertEquals(200, pinPage.status(), pinPage.toString());
        String action = Jsoup.parse(pinPage.body()).select("form#lanyard-pin-form").attr("action");
        assertFalse(action.isEmpty(), pinPage.body());

        Reply wrong = browser.postForm(URI.create(action), Map.of("pin", "9999"));
        assertEquals(200, wrong.status(), "asked again, no code: " + wrong);
        assertTrue(wrong.body().contains("That PIN is not correct"), wrong.body());
        action = Jsoup.parse(wrong.body()).select("form#lanyard-pin-form").attr("action");
        Reply right = browser.postForm(URI.create(action), Map.of("pin", PIN));
        assertEquals(302, right.status(), right.toString());
        assertTrue(right.header("Location").orElseThrow().startsWith("http://localhost:5173/cb?"), right.toString());
        assertTrue(right.header("Location").orElseThrow().contains("code="));
    }

    @Test
    void pinStepConfigFromTheConsoleSetsTheWrongPinsPerLogin(Lanyard lanyard) {
        String realm = lanyard.newRealm("pin-config", SPA_CLIENT);
        BrowserFlows.use(lanyard.admin(), realm, "pin", new BrowserFlows.Step("auth-username-password-form", "REQUIRED"),
                new BrowserFlows.Step("lanyard-pin", "REQUIRED"));
        BrowserFlows.configure(lanyard.admin(), realm, "pin", "lanyard-pin", "{\"lanyard.pin.maxAttempts\": \"1\"}");
        String email = userWithPin(lanyard, realm);

        Browser browser = lanyard.browser();
        Document passwordPage = Jsoup.parse(browser.get(authorize(lanyard, realm)).body());
        Reply pinPage = browser.postForm(URI.create(passwordPage.select("form#kc-form-login").attr("action")),
                Map.of("username", email, "password", PASSWORD));
        String action = Jsoup.parse(pinPage.body()).select("form#lanyard-pin-form").attr("action");
        Reply wrong = browser.postForm(URI.create(action), Map.of("pin", "9999"));
        assertEquals(401, wrong.status(), "one wrong PIN ends the login (default: three): " + wrong);
        assertTrue(wrong.body().contains("Too many wrong PINs"), wrong.body());
    }

    @Test
    void userWithoutAPinSetsOneUpInTheFlow(Lanyard lanyard) {
        String realm = lanyard.newRealm("pin-setup", SPA_CLIENT);
        BrowserFlows.use(lanyard.admin(), realm, "pin", new BrowserFlows.Step("auth-username-password-form", "REQUIRED"),
                new BrowserFlows.Step("lanyard-pin", "REQUIRED"));
        String email = newUser(lanyard, realm);

        Browser browser = lanyard.browser();
        Document passwordPage = Jsoup.parse(browser.get(authorize(lanyard, realm)).body());
        Reply setup = browser.postForm(URI.create(passwordPage.select("form#kc-form-login").attr("action")),
                Map.of("username", email, "password", PASSWORD));
        if (setup.status() == 302) {
            setup = browser.get(URI.create(setup.header("Location").orElseThrow()));
        }
        String action = Jsoup.parse(setup.body()).select("form#lanyard-set-pin-form").attr("action");
        assertFalse(action.isEmpty(), "the Set up PIN page: " + setup.body());

        Reply trivial = browser.postForm(URI.create(action), Map.of("pin", "1111", "pin-confirm", "1111"));
        assertTrue(trivial.body().contains("too easy"), trivial.body());
        action = Jsoup.parse(trivial.body()).select("form#lanyard-set-pin-form").attr("action");
        Reply done = browser.postForm(URI.create(action), Map.of("pin", PIN, "pin-confirm", PIN));
        assertEquals(302, done.status(), done.toString());
        assertTrue(done.header("Location").orElseThrow().startsWith("http://localhost:5173/cb?"), done.toString());
        assertEquals(202, login(lanyard, lanyard.browser(), realm, email).status(), "the API login is PIN-gated now");
    }

    private static final String SPA_CLIENT = """
            , "clients": [{"clientId": "spa", "publicClient": true, "standardFlowEnabled": true,
                           "redirectUris": ["http://localhost:5173/*"], "webOrigins": ["http://localhost:5173"],
                           "attributes": {"lanyard.firstParty": "true"}}]""";

    private static URI authorize(Lanyard lanyard, String realm) {
        return lanyard.realm(realm, "/protocol/openid-connect/auth?client_id=spa&response_type=code&scope=openid"
                + "&redirect_uri=http%3A%2F%2Flocalhost%3A5173%2Fcb");
    }


    private static String userWithPin(Lanyard lanyard, String realm) {
        String email = newUser(lanyard, realm);
        Browser browser = lanyard.browser();
        assertEquals(200, login(lanyard, browser, realm, email).status());
        Reply set = setPin(lanyard, browser, realm, "{\"pin\":\"" + PIN + "\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(204, set.status(), set.toString());
        return email;
    }

    private static String newUser(Lanyard lanyard, String realm) {
        String email = "pin-" + UUID.randomUUID() + "@example.com";
        lanyard.admin().createUser(realm, """
                {"username": "%s", "email": "%s", "emailVerified": true, "enabled": true, "firstName": "P", "lastName": "In",
                 "credentials": [{"type": "password", "value": "%s", "temporary": false}]}""".formatted(email, email, PASSWORD));
        return email;
    }

    private static Reply login(Lanyard lanyard, Browser browser, String realm, String email) {
        return browser.postJson(lanyard.realm(realm, "/api/public/login"),
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
    }

    private static Reply setPin(Lanyard lanyard, Browser browser, String realm, String json) {
        return browser.send("PUT", lanyard.realm(realm, "/api/public/pin"), "application/json", json, "Origin", ORIGIN);
    }

    private static Reply verify(Lanyard lanyard, Browser browser, String realm, String token, String pin) {
        return browser.postJson(lanyard.realm(realm, "/api/public/verify-pin"),
                "{\"pin_token\":\"" + token + "\",\"pin\":\"" + pin + "\"}");
    }
}
