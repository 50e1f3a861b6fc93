package dev.lanyard.keycloak.it.pin;

import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Attacks on the PIN gate: parallel guesses, a token kept alive by wrong PINs, a stolen session, a cross-site form. */
@ExtendWith(LanyardExtension.class)
class PinTokenIT {

    private static final String ORIGIN = "http://localhost:5173";
    private static final String PASSWORD = "Correct-Horse-9";
    private static final String PIN = "4826";
    private static final String SPA_CLIENT = """
            , "clients": [{"clientId": "spa", "publicClient": true, "standardFlowEnabled": true,
                           "redirectUris": ["http://localhost:5173/*"], "webOrigins": ["http://localhost:5173"],
                           "attributes": {"lanyard.firstParty": "true"}}]""";

    @Test
    void parallelWrongPinsOnOneTokenAreCheckedNoMoreThanTheLimit(Lanyard lanyard) throws Exception {
        String realm = lanyard.newRealm("pin-race", ", \"failureFactor\": 100" + SPA_CLIENT);
        String email = userWithPin(lanyard, realm);
        String token = login(lanyard, lanyard.browser(), realm, email).json().get("pin_token").asText();

        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Reply>> guesses = IntStream.range(0, 20)
                    .mapToObj(i -> (Callable<Reply>) () -> verify(lanyard, lanyard.browser(), realm, token, "9999"))
                    .toList();
            List<Reply> replies = pool.invokeAll(guesses).stream().map(PinTokenIT::get).toList();
            long checked = replies.stream().filter(reply -> reply.status() == 401).count();
            long refused = replies.stream().filter(reply -> reply.status() == 400
                    && reply.json().get("error").asText().equals("invalid_pin_token")).count();
            assertTrue(checked >= 1 && checked <= 3, "at most 3 PINs checked against one token, were " + checked + ": " + replies);
            assertEquals(20, checked + refused, "every other guess finds the token busy or gone: " + replies);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(400, verify(lanyard, lanyard.browser(), realm, token, PIN).status(), "the token is void");
    }

    @Test
    void wrongPinDoesNotExtendTheTokensLife(Lanyard lanyard) throws Exception {
        String realm = lanyard.newRealm("pin-ttl", ", \"attributes\": {\"lanyard.pin.tokenTtlSeconds\": \"3\"}" + SPA_CLIENT);
        String email = userWithPin(lanyard, realm);
        Browser browser = lanyard.browser();
        String token = login(lanyard, browser, realm, email).json().get("pin_token").asText();
        assertEquals(401, verify(lanyard, browser, realm, token, "9999").status());
        Thread.sleep(4_000);
        Reply late = verify(lanyard, browser, realm, token, PIN);
        assertEquals(400, late.status(), "the token expired at its original time: " + late);
        assertEquals("invalid_pin_token", late.json().get("error").asText());
    }

    @Test
    void removingThePinNeedsThePassword(Lanyard lanyard) {
        String realm = lanyard.newRealm("pin-remove", SPA_CLIENT);
        String email = userWithPin(lanyard, realm);
        Browser browser = lanyard.browser();
        String token = login(lanyard, browser, realm, email).json().get("pin_token").asText();
        assertEquals(200, verify(lanyard, browser, realm, token, PIN).status());

        Reply missing = removePin(lanyard, browser, realm, "{}");
        assertEquals(400, missing.status(), missing.toString());
        assertEquals("invalid_request", missing.json().get("error").asText());
        Reply noBody = browser.send("DELETE", lanyard.realm(realm, "/api/public/pin"), null, null, "Origin", ORIGIN);
        assertEquals(400, noBody.status(), noBody.toString());
        Reply wrong = removePin(lanyard, browser, realm, "{\"password\":\"Wrong-Password-1\"}");
        Reply wrongOnPut = browser.send("PUT", lanyard.realm(realm, "/api/public/pin"), "application/json",
                "{\"pin\":\"5937\",\"password\":\"Wrong-Password-1\"}", "Origin", ORIGIN);
        assertEquals(401, wrong.status(), wrong.toString());
        assertEquals(wrongOnPut.status(), wrong.status());
        assertEquals(wrongOnPut.body(), wrong.body(), "the same answer as a wrong password on PUT");
        assertEquals(202, login(lanyard, lanyard.browser(), realm, email).status(), "the PIN stays");

        Reply removed = removePin(lanyard, browser, realm, "{\"password\":\"" + PASSWORD + "\"}");
        assertEquals(204, removed.status(), removed.toString());
        assertEquals(200, login(lanyard, lanyard.browser(), realm, email).status(), "no PIN any more");
    }

    @Test
    void pinFormFromAForeignOriginIsRefusedAndConsumesNothing(Lanyard lanyard) {
        String realm = lanyard.newRealm("pin-csrf", SPA_CLIENT);
        String email = userWithPin(lanyard, realm);
        String token = login(lanyard, lanyard.browser(), realm, email).json().get("pin_token").asText();

        Browser victim = lanyard.browser();
        Reply forged = victim.postForm(lanyard.realm(realm, "/api/public/verify-pin/form"),
                Map.of("pin_token", token, "pin", PIN), "Origin", "https://evil.example");
        assertEquals(403, forged.status(), forged.toString());
        assertTrue(victim.cookie("public-session").isEmpty(), "no session cookie was set");

        Reply own = lanyard.browser().postJson(lanyard.realm(realm, "/api/public/verify-pin"),
                "{\"pin_token\":\"" + token + "\",\"pin\":\"" + PIN + "\"}");
        assertEquals(200, own.status(), "the token still works: " + own);
    }

    private static Reply get(Future<Reply> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String userWithPin(Lanyard lanyard, String realm) {
        String email = "pin-" + UUID.randomUUID() + "@example.com";
        lanyard.admin().createUser(realm, """
                {"username": "%s", "email": "%s", "emailVerified": true, "enabled": true, "firstName": "P", "lastName": "In",
                 "credentials": [{"type": "password", "value": "%s", "temporary": false}]}""".formatted(email, email, PASSWORD));
        Browser browser = lanyard.browser();
        assertEquals(200, login(lanyard, browser, realm, email).status());
        Reply set = browser.send("PUT", lanyard.realm(realm, "/api/public/pin"), "application/json",
                "{\"pin\":\"" + PIN + "\",\"password\":\"" + PASSWORD + "\"}", "Origin", ORIGIN);
        assertEquals(204, set.status(), set.toString());
        return email;
    }

    private static Reply removePin(Lanyard lanyard, Browser browser, String realm, String json) {
        return browser.send("DELETE", lanyard.realm(realm, "/api/public/pin"), "application/json", json, "Origin", ORIGIN);
    }

    private static Reply login(Lanyard lanyard, Browser browser, String realm, String email) {
        return browser.postJson(lanyard.realm(realm, "/api/public/login"),
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
    }

    private static Reply verify(Lanyard lanyard, Browser browser, String realm, String token, String pin) {
        return browser.postJson(lanyard.realm(realm, "/api/public/verify-pin"),
                "{\"pin_token\":\"" + token + "\",\"pin\":\"" + pin + "\"}");
    }
}
