package dev.lanyard.keycloak.it.headless;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code {api}/oauth/authorize-challenge} (issue 30, draft-ietf-oauth-first-party-apps): a native app, no browser. */
@ExtendWith(LanyardExtension.class)
class AuthorizeChallengeIT {

    private Lanyard lanyard;
    private HeadlessRealm realm;

    @BeforeEach
    void setUp(Lanyard lanyard) {
        this.lanyard = lanyard;
        this.realm = HeadlessRealm.create(lanyard);
    }

    @Test
    void aPasswordGetsACodeThatRedeemsOnceAtTheNativeTokenEndpointWithoutRedirectUri() {
        String email = realm.newUser();
        Reply first = challenge(Map.of("client_id", "web", "response_type", "code", "login_hint", email,
                "code_challenge", HeadlessRealm.CHALLENGE, "code_challenge_method", "S256", "scope", "openid"));
        assertEquals(400, first.status(), first.toString());
        assertEquals("insufficient_authorization", first.json().get("error").asText());
        assertEquals("[\"password\",\"otp\"]", first.json().get("methods").toString());

        Reply done = challenge(Map.of("client_id", "web", "auth_session", first.json().get("auth_session").asText(),
                "method", "password", "password", HeadlessRealm.PASSWORD));
        assertEquals(200, done.status(), done.toString());
        String code = done.json().get("authorization_code").asText();

        Reply tokens = redeem(code);
        assertEquals(200, tokens.status(), tokens.toString());
        assertTrue(tokens.json().has("id_token"), tokens.toString());
        Reply again = redeem(code);
        assertEquals(400, again.status(), "a code redeems once: " + again);
        assertEquals("invalid_grant", again.json().get("error").asText());
    }

    @Test
    void aPinUserIsAskedForThePinBeforeTheCode() {
        String email = realm.newUser();
        Browser owner = realm.signedIn(email);
        Reply set = owner.send("PUT", realm.api("/public/pin"), "application/json",
                "{\"pin\":\"4826\",\"password\":\"" + HeadlessRealm.PASSWORD + "\"}", "Origin", realm.origin());
        assertEquals(204, set.status(), set.toString());

        Reply pin = challenge(Map.of("client_id", "web", "response_type", "code", "login_hint", email,
                "code_challenge", HeadlessRealm.CHALLENGE, "code_challenge_method", "S256", "password", HeadlessRealm.PASSWORD));
        assertEquals("insufficient_authorization", pin.json().get("error").asText(), pin.toString());
        assertEquals("[\"pin\"]", pin.json().get("methods").toString());
        Reply wrong = challenge(Map.of("client_id", "web", "auth_session", pin.json().get("auth_session").asText(), "pin", "1111"));
        assertEquals("invalid_credentials", wrong.json().get("error").asText(), wrong.toString());
        Reply done = challenge(Map.of("client_id", "web", "auth_session", wrong.json().get("auth_session").asText(), "pin", "4826"));
        assertEquals(200, done.status(), done.toString());
        assertEquals(200, redeem(done.json().get("authorization_code").asText()).status());
    }

    @Test
    void unknownAndKnownUsersGetTheSameAnswersThroughTheFirstTwoSteps() {
        String known = realm.newUser();
        JsonNode[] answers = new JsonNode[4];
        int i = 0;
        for (String hint : new String[]{known, "nobody-" + known}) {
            Reply first = challenge(Map.of("client_id", "web", "response_type", "code", "login_hint", hint));
            Reply second = challenge(Map.of("client_id", "web", "auth_session", first.json().get("auth_session").asText(),
                    "password", "Wrong-Password-1"));
            assertEquals(400, first.status());
            assertEquals(400, second.status());
            answers[i++] = first.json();
            answers[i++] = second.json();
        }
        assertEquals(shape(answers[0]), shape(answers[2]));
        assertEquals(answers[0].get("methods"), answers[2].get("methods"));
        assertEquals(shape(answers[1]), shape(answers[3]));
        assertEquals("invalid_credentials", answers[3].get("error").asText());
    }

    @Test
    void aReplayedOrCrossClientAuthSessionIsInvalid() {
        String email = realm.newUser();
        String session = challenge(Map.of("client_id", "web", "response_type", "code", "login_hint", email))
                .json().get("auth_session").asText();
        Reply cross = challenge(Map.of("client_id", "web-short", "auth_session", session, "password", HeadlessRealm.PASSWORD));
        assertEquals(400, cross.status(), cross.toString());
        assertEquals("invalid_session", cross.json().get("error").asText());
        Reply next = challenge(Map.of("client_id", "web", "auth_session", session, "password", "Wrong-Password-1"));
        assertEquals("invalid_credentials", next.json().get("error").asText(), next.toString());
        assertNotEquals(session, next.json().get("auth_session").asText());
        Reply replayed = challenge(Map.of("client_id", "web", "auth_session", session, "password", HeadlessRealm.PASSWORD));
        assertEquals("invalid_session", replayed.json().get("error").asText(), replayed.toString());
    }

    @Test
    void anAuthSessionAllowsFiveWrongAttempts() {
        String email = "nobody-" + realm.newUser();
        String session = challenge(Map.of("client_id", "web", "response_type", "code", "login_hint", email))
                .json().get("auth_session").asText();
        for (int attempt = 0; attempt < 5; attempt++) {
            Reply wrong = challenge(Map.of("client_id", "web", "auth_session", session, "password", "Wrong-Password-1"));
            assertEquals("invalid_credentials", wrong.json().get("error").asText(), wrong.toString());
            session = wrong.json().get("auth_session").asText();
        }
        Reply sixth = challenge(Map.of("client_id", "web", "auth_session", session, "password", "Wrong-Password-1"));
        assertEquals("invalid_session", sixth.json().get("error").asText(), sixth.toString());
    }

    @Test
    void aThirdPartyClientIsRefused() {
        Reply other = challenge(Map.of("client_id", "other", "response_type", "code", "login_hint", realm.newUser()));
        assertEquals(400, other.status(), other.toString());
        assertEquals("unauthorized_client", other.json().get("error").asText());
    }

    @Test
    void aConfidentialClientAuthenticatesAsAtTheTokenEndpoint() {
        Reply wrong = challenge(Map.of("client_id", "svc", "client_secret", "nope", "response_type", "code", "login_hint", "x"));
        assertEquals(401, wrong.status(), wrong.toString());
        assertEquals("invalid_client", wrong.json().get("error").asText());
    }

    private static String shape(JsonNode answer) {
        StringBuilder names = new StringBuilder();
        answer.fieldNames().forEachRemaining(name -> names.append(name).append(' '));
        return names + answer.get("error").asText();
    }

    private Reply challenge(Map<String, String> form) {
        return lanyard.browser().postForm(realm.api("/oauth/authorize-challenge"), new HashMap<>(form));
    }

    private Reply redeem(String code) {
        return lanyard.browser().postForm(lanyard.realm(realm.name(), "/protocol/openid-connect/token"), Map.of(
                "grant_type", "authorization_code", "client_id", "web", "code", code, "code_verifier", HeadlessRealm.VERIFIER));
    }
}
