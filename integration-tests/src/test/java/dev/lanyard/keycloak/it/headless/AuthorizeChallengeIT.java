package dev.lanyard.keycloak.it.headless;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.dpop.DPoPProofFactory;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.BrowserFlows;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import dev.lanyard.keycloak.it.support.SoftwarePasskey;
import dev.lanyard.keycloak.it.support.Totp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.lanyard.keycloak.it.support.SoftwarePasskey.USER_PRESENT;
import static dev.lanyard.keycloak.it.support.SoftwarePasskey.USER_VERIFIED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code {api}/oauth/authorize-challenge} (issue 30, draft-ietf-oauth-first-party-apps): a native app, no browser. */
@ExtendWith(LanyardExtension.class)
class AuthorizeChallengeIT {

    private static final String OTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

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
        assertEquals("[\"password\",\"email_code\",\"otp\",\"passkey\"]", first.json().get("methods").toString());
        assertTrue(first.json().get("passkey_options").has("challenge"), first.toString());

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

    @Test
    void anOtpUserGivesTheOtpCodeAfterThePassword() {
        String email = newOtpUser();
        Reply otp = challenge(start(email, Map.of("password", HeadlessRealm.PASSWORD)));
        assertEquals("insufficient_authorization", otp.json().get("error").asText(), otp.toString());
        assertEquals("[\"otp\"]", otp.json().get("methods").toString());
        Reply wrong = challenge(Map.of("client_id", "web", "auth_session", sessionOf(otp), "otp", "000000"));
        assertEquals("invalid_credentials", wrong.json().get("error").asText(), wrong.toString());
        Reply done = challenge(Map.of("client_id", "web", "auth_session", sessionOf(wrong), "otp", Totp.now(OTP_SECRET)));
        assertEquals(200, done.status(), done.toString());
        assertEquals(200, redeem(done.json().get("authorization_code").asText()).status());
    }

    @Test
    void aPendingRequiredActionSendsTheAppToTheWebWithAPushedRequestThatNativeAuthorizeServes() {
        String email = realm.newUser();
        String userId = lanyard.admin().userId(realm.name(), email).orElseThrow();
        lanyard.admin().must("PUT", "/" + realm.name() + "/users/" + userId, "{\"requiredActions\": [\"UPDATE_PASSWORD\"]}");

        Reply web = challenge(start(email, Map.of("password", HeadlessRealm.PASSWORD)));
        assertEquals(400, web.status(), web.toString());
        assertEquals("redirect_to_web", web.json().get("error").asText(), web.toString());
        String requestUri = web.json().get("request_uri").asText();
        assertTrue(requestUri.startsWith("urn:ietf:params:oauth:request_uri:"), web.toString());
        assertTrue(web.json().get("expires_in").asInt() > 0, web.toString());
        Browser browser = lanyard.browser();
        Reply page = browser.get(URI.create(lanyard.realm(realm.name(), "/protocol/openid-connect/auth")
                + "?client_id=web&request_uri=" + HeadlessRealm.enc(requestUri)));
        if (page.status() == 302) {
            // Keycloak's first step of a new login in this browser.
            String location = page.header("Location").orElseThrow();
            assertTrue(location.contains("/login-actions/authenticate"), location);
            page = browser.get(URI.create(location));
        }
        assertEquals(200, page.status(), page.toString());
        assertTrue(page.body().contains("kc-form-login"), "Keycloak's login page for the pushed request");
        assertTrue(page.body().contains(email), "the login page is for the user the app named (login_hint)");

        Map<String, String> noPkce = new HashMap<>(Map.of("client_id", "web", "response_type", "code", "login_hint", email,
                "password", HeadlessRealm.PASSWORD));
        Reply withoutPkce = challenge(noPkce);
        assertEquals("redirect_to_web", withoutPkce.json().get("error").asText(), withoutPkce.toString());
        assertFalse(withoutPkce.json().has("request_uri"), "no pushed request without PKCE: " + withoutPkce);
    }

    @Test
    void aSessionStartedWithADpopProofGoesOnOnlyWithThatKeyAndItsCodeIsBoundToIt() throws JOSEException {
        DPoPProofFactory key = new DefaultDPoPProofFactory(new ECKeyGenerator(Curve.P_256).generate(), JWSAlgorithm.ES256);
        DPoPProofFactory otherKey = new DefaultDPoPProofFactory(new ECKeyGenerator(Curve.P_256).generate(), JWSAlgorithm.ES256);
        String email = realm.newUser();
        URI endpoint = realm.api("/oauth/authorize-challenge");
        Reply first = challenge(start(email, Map.of()), "DPoP", key.createDPoPJWT("POST", endpoint).serialize());
        assertEquals("insufficient_authorization", first.json().get("error").asText(), first.toString());
        String session = sessionOf(first);
        Map<String, String> password = Map.of("client_id", "web", "auth_session", session, "password", HeadlessRealm.PASSWORD);

        Reply noProof = challenge(password);
        assertEquals("invalid_session", noProof.json().get("error").asText(), "without a proof: " + noProof);
        Reply otherProof = challenge(password, "DPoP", otherKey.createDPoPJWT("POST", endpoint).serialize());
        assertEquals("invalid_session", otherProof.json().get("error").asText(), "with another key: " + otherProof);
        Reply done = challenge(password, "DPoP", key.createDPoPJWT("POST", endpoint).serialize());
        assertEquals(200, done.status(), "the refused tries left the session unspent: " + done);

        String code = done.json().get("authorization_code").asText();
        URI token = lanyard.realm(realm.name(), "/protocol/openid-connect/token");
        Map<String, String> redeem = Map.of("grant_type", "authorization_code", "client_id", "web", "code", code,
                "code_verifier", HeadlessRealm.VERIFIER);
        Reply anotherKeysProof = lanyard.browser().postForm(token, redeem, "DPoP", otherKey.createDPoPJWT("POST", token).serialize());
        assertEquals(400, anotherKeysProof.status(), "the code is bound to the session's key: " + anotherKeysProof);
    }

    @Test
    void aMailedCodeSignsInOnceWhereTheBrowserFlowTakesMailedProofs() throws Exception {
        BrowserFlows.useWithMagicLink(lanyard.admin(), realm.name(), "mailed");
        String email = realm.newUser();
        MailedCode mailed = mailCode(email, email);
        String code = mailed.code();

        Reply wrong = challenge(Map.of("client_id", "web", "auth_session", sessionOf(mailed.answer()), "email_code", code.equals("000000") ? "111111" : "000000"));
        assertEquals("invalid_credentials", wrong.json().get("error").asText(), wrong.toString());
        Reply done = challenge(Map.of("client_id", "web", "auth_session", sessionOf(wrong), "email_code", code));
        assertEquals(200, done.status(), done.toString());
        assertEquals(200, redeem(done.json().get("authorization_code").asText()).status());
        Reply again = challenge(Map.of("client_id", "web", "auth_session", sessionOf(wrong), "email_code", code));
        assertEquals("invalid_session", again.json().get("error").asText(), "the code worked once: " + again);
        String userId = lanyard.admin().userId(realm.name(), email).orElseThrow();
        String sent = lanyard.admin().getJson("/" + realm.name() + "/events?type=SEND_VERIFY_EMAIL&user=" + userId).toString();
        assertTrue(sent.contains("email_code_requested"), sent);
    }

    @Test
    void aMailedCodeExpiresWithTheRealmsLifespan() throws Exception {
        BrowserFlows.useWithMagicLink(lanyard.admin(), realm.name(), "mailed-expiry");
        ObjectNode representation = (ObjectNode) lanyard.admin().getJson("/" + realm.name());
        ((ObjectNode) representation.get("attributes")).put("lanyard.emailCode.lifespanSeconds", "1");
        lanyard.admin().must("PUT", "/" + realm.name(), representation.toString());
        String email = realm.newUser();
        MailedCode mailed = mailCode(email, email);
        Thread.sleep(2100);
        Reply late = challenge(Map.of("client_id", "web", "auth_session", sessionOf(mailed.answer()), "email_code", mailed.code()));
        assertEquals("invalid_credentials", late.json().get("error").asText(), "the right code, a second too late: " + late);
    }

    @Test
    void lanyardsTokenResponseCarriesAStepUpSessionThatAsksOnlyForTheMissingFactor() throws Exception {
        BrowserFlows.useWithMagicLink(lanyard.admin(), realm.name(), "step-up");
        String email = realm.newUser();
        MailedCode mailed = mailCode(email, email);
        Reply code = challenge(Map.of("client_id", "web", "auth_session", sessionOf(mailed.answer()), "email_code", mailed.code()));
        assertEquals(200, code.status(), code.toString());
        Reply tokens = lanyard.browser().postForm(realm.api("/oauth/token"), Map.of("grant_type", "authorization_code",
                "client_id", "web", "code", code.json().get("authorization_code").asText(), "code_verifier", HeadlessRealm.VERIFIER));
        assertEquals(200, tokens.status(), tokens.toString());
        assertTrue(tokens.json().has("auth_session"), "a step-up session in Lanyard's token response: " + tokens);

        // A new request on the user's earlier sign-in (a wider scope, say); acr_values would go to Keycloak as well.
        Reply stepUp = challenge(Map.of("client_id", "web", "auth_session", sessionOf(tokens),
                "code_challenge", HeadlessRealm.CHALLENGE, "code_challenge_method", "S256", "scope", "openid"));
        assertEquals("insufficient_authorization", stepUp.json().get("error").asText(), stepUp.toString());
        assertEquals("[\"password\"]", stepUp.json().get("methods").toString(), "only the factor the sign-in did not give");
        Reply stepped = challenge(Map.of("client_id", "web", "auth_session", sessionOf(stepUp), "password", HeadlessRealm.PASSWORD));
        assertEquals(200, stepped.status(), stepped.toString());
        assertEquals(200, redeem(stepped.json().get("authorization_code").asText()).status());
        Reply spent = challenge(Map.of("client_id", "web", "auth_session", sessionOf(tokens)));
        assertEquals("invalid_session", spent.json().get("error").asText(), "a step-up session works once: " + spent);
    }

    @Test
    void anAuthSessionOfAnotherRealmIsInvalidEvenForAUserOfTheSameName() throws Exception {
        // The attacker's realm has a user named as the victim, with the attacker's mailbox; the victim's realm the same client id.
        HeadlessRealm victims = HeadlessRealm.create(lanyard);
        BrowserFlows.useWithMagicLink(lanyard.admin(), victims.name(), "mailed");
        String name = "victim-" + UUID.randomUUID().toString().substring(0, 8);
        lanyard.admin().createUserWithPassword(victims.name(), name + "@victim.example", HeadlessRealm.PASSWORD);
        lanyard.admin().createUser(realm.name(), """
                {"username": "%s@victim.example", "email": "%s@attacker.example", "emailVerified": true, "enabled": true,
                 "firstName": "A", "lastName": "Ttacker"}""".formatted(name, name));
        MailedCode mailed = mailCode(name + "@victim.example", name + "@attacker.example");

        Reply replayed = lanyard.browser().postForm(victims.api("/oauth/authorize-challenge"), Map.of("client_id", "web",
                "auth_session", sessionOf(mailed.answer()), "email_code", mailed.code()));
        assertEquals(400, replayed.status(), replayed.toString());
        assertEquals("invalid_session", replayed.json().get("error").asText(), replayed.toString());
        assertTrue(replayed.headers().allValues("Set-Cookie").isEmpty(), "no session for the victim");
    }

    @Test
    void aPageOfAnotherSiteCannotSignABrowserInAndNoAnswerSetsCookies() {
        String email = realm.newUser();
        Reply foreign = challenge(start(email, Map.of("password", HeadlessRealm.PASSWORD)), "Origin", "https://evil.example");
        assertEquals(403, foreign.status(), "login CSRF: " + foreign);
        assertTrue(foreign.headers().allValues("Set-Cookie").isEmpty());
        Reply done = challenge(start(email, Map.of("password", HeadlessRealm.PASSWORD)));
        assertEquals(200, done.status(), done.toString());
        assertTrue(done.headers().allValues("Set-Cookie").isEmpty(), "an app that signs in by API gets no cookies: " + done.headers().allValues("Set-Cookie"));
    }

    @Test
    void aRequestKeycloakWouldRefuseIsRefusedBeforeAnyFactor() {
        Reply badScope = challenge(start(realm.newUser(), Map.of("scope", "openid no-such-scope")));
        assertEquals(400, badScope.status(), badScope.toString());
        assertEquals("invalid_scope", badScope.json().get("error").asText(), badScope.toString());
        Reply badPkce = challenge(start(realm.newUser(), Map.of("code_challenge_method", "S512")));
        assertEquals(400, badPkce.status(), badPkce.toString());
        assertEquals("invalid_request", badPkce.json().get("error").asText(), badPkce.toString());
    }

    @Test
    void anUnknownUserIsAnsweredAsIfMailedAndNoMailLeaves() throws Exception {
        String unknown = "nobody-" + realm.newUser();
        Reply first = challenge(start(unknown, Map.of()));
        Reply mailed = challenge(Map.of("client_id", "web", "auth_session", sessionOf(first), "method", "email_code"));
        assertEquals("insufficient_authorization", mailed.json().get("error").asText(), mailed.toString());
        assertEquals("[\"email_code\"]", mailed.json().get("methods").toString());
        Reply guess = challenge(Map.of("client_id", "web", "auth_session", sessionOf(mailed), "email_code", "123456"));
        assertEquals("invalid_credentials", guess.json().get("error").asText(), guess.toString());
        Thread.sleep(500);
        assertEquals(0, lanyard.mail().getReceivedMessagesForDomain(unknown).length);
    }

    @Test
    void aJsonBodyIsServedAndEachStepIsAKeycloakEvent() {
        String email = realm.newUser();
        Reply done = lanyard.browser().postJson(realm.api("/oauth/authorize-challenge"), """
                {"client_id": "web", "response_type": "code", "login_hint": "%s", "password": "%s",
                 "code_challenge": "%s", "code_challenge_method": "S256"}""".formatted(email, HeadlessRealm.PASSWORD, HeadlessRealm.CHALLENGE));
        assertEquals(200, done.status(), done.toString());
        Reply tokens = lanyard.browser().postForm(realm.api("/oauth/token"), Map.of("grant_type", "authorization_code",
                "client_id", "web", "code", done.json().get("authorization_code").asText(), "code_verifier", HeadlessRealm.VERIFIER));
        assertEquals(200, tokens.status(), "Lanyard's token endpoint redeems it without redirect_uri too: " + tokens);
        String userId = lanyard.admin().userId(realm.name(), email).orElseThrow();
        String logins = lanyard.admin().getJson("/" + realm.name() + "/events?type=LOGIN&user=" + userId).toString();
        assertTrue(logins.contains("\"lanyard_route\":\"authorize-challenge\""), logins);
        Reply wrong = challenge(start(email, Map.of("password", "Wrong-Password-1")));
        assertEquals("invalid_credentials", wrong.json().get("error").asText());
        String errors = lanyard.admin().getJson("/" + realm.name() + "/events?type=LOGIN_ERROR&user=" + userId).toString();
        assertTrue(errors.contains("authorize-challenge"), errors);
    }

    @Test
    void aPasskeyOverTheLatestAnswersOptionsSignsInAndStandsForTheOtpCode() {
        String email = newOtpUser();
        SoftwarePasskey passkey = registeredPasskey(email);
        Reply notOnTheLoginPage = challenge(start(email, Map.of()));
        Reply toTheWeb = challenge(Map.of("client_id", "web", "auth_session", sessionOf(notOnTheLoginPage),
                "passkey", assertion(passkey, notOnTheLoginPage.json().get("passkey_options"))));
        assertEquals("redirect_to_web", toTheWeb.json().get("error").asText(),
                "Keycloak decides: its login page takes no passkey until the realm turns passkeys on " + toTheWeb);

        passkeysOnTheLoginPage();
        Reply first = challenge(start(email, Map.of()));
        JsonNode options = first.json().get("passkey_options");
        assertEquals(lanyard.baseUri().getHost(), options.get("rpId").asText(), first.toString());
        assertFalse(options.has("allowCredentials"), "the options name no passkey, so no user: " + options);

        Reply apiChallenge = lanyard.browser().postJson(realm.api("/public/passkeys/authentication-options"), "{}");
        Reply overAnotherChallenge = challenge(Map.of("client_id", "web", "auth_session", sessionOf(first),
                "passkey", assertion(passkey, apiChallenge.json())));
        assertEquals("invalid_credentials", overAnotherChallenge.json().get("error").asText(), overAnotherChallenge.toString());
        Reply overSpentOptions = challenge(Map.of("client_id", "web", "auth_session", sessionOf(overAnotherChallenge),
                "passkey", assertion(passkey, options)));
        assertEquals("invalid_credentials", overSpentOptions.json().get("error").asText(), "each answer's options replace the last");

        Reply done = challenge(Map.of("client_id", "web", "auth_session", sessionOf(overSpentOptions),
                "passkey", assertion(passkey, overSpentOptions.json().get("passkey_options"))));
        assertEquals(200, done.status(), "a passkey with user verification is two factors: no OTP code asked " + done);
        assertEquals(200, redeem(done.json().get("authorization_code").asText()).status());
    }

    @Test
    void anotherUsersPasskeySignsInNoOneButItsOwner() {
        passkeysOnTheLoginPage();
        String victim = realm.newUser();
        String attacker = realm.newUser();
        SoftwarePasskey attackers = registeredPasskey(attacker);
        Reply first = challenge(start(victim, Map.of()));
        Reply wrong = challenge(Map.of("client_id", "web", "auth_session", sessionOf(first),
                "passkey", assertion(attackers, first.json().get("passkey_options"))));
        assertEquals("invalid_credentials", wrong.json().get("error").asText(), wrong.toString());
        assertTrue(wrong.json().has("passkey_options"), "the sign-in goes on with fresh options: " + wrong);

        // As a JSON object in a JSON body, the attacker's passkey signs in the attacker.
        Reply own = challenge(start(attacker, Map.of()));
        Reply done = lanyard.browser().postJson(realm.api("/oauth/authorize-challenge"), """
                {"client_id": "web", "auth_session": "%s", "passkey": %s}""".formatted(sessionOf(own),
                assertion(attackers, own.json().get("passkey_options"))));
        assertEquals(200, done.status(), done.toString());
    }

    /** Keycloak's username form offers passkeys (its passwordless policy's switch), so a passkey alone signs in. */
    private void passkeysOnTheLoginPage() {
        // The whole representation: Keycloak rebuilds the passwordless policy from every one of its fields.
        ObjectNode representation = (ObjectNode) lanyard.admin().getJson("/" + realm.name());
        representation.put("webAuthnPolicyPasswordlessPasskeysEnabled", true);
        lanyard.admin().must("PUT", "/" + realm.name(), representation.toString());
        assertTrue(lanyard.admin().getJson("/" + realm.name()).path("webAuthnPolicyPasswordlessPasskeysEnabled").asBoolean());
    }

    @Test
    void anAcrOfAHigherLevelIsReachedWithItsFactorsAndKeycloakNamesItInTheTokens() {
        levelsSilverAndGold(300);
        String email = newOtpUser();

        Reply otp = challenge(start(email, Map.of("acr_values", "gold", "scope", "openid", "password", HeadlessRealm.PASSWORD)));
        assertEquals("[\"otp\"]", otp.json().get("methods").toString(), otp.toString());
        Reply done = challenge(Map.of("client_id", "web", "auth_session", sessionOf(otp), "otp", Totp.now(OTP_SECRET)));
        assertEquals(200, done.status(), "password and OTP reach level 2, and Keycloak's cookie step sees it: " + done);
        Reply tokens = redeem(done.json().get("authorization_code").asText());
        assertEquals("gold", claims(tokens.json().get("id_token").asText()).get("acr").asText(), tokens.toString());

        String passwordOnly = realm.newUser();
        Reply refused = challenge(start(passwordOnly, Map.of("acr_values", "gold", "scope", "openid", "password", HeadlessRealm.PASSWORD)));
        assertEquals("redirect_to_web", refused.json().get("error").asText(),
                "a password alone reaches level 1: Keycloak's page would ask for the rest " + refused);
        Reply silver = challenge(start(passwordOnly, Map.of("acr_values", "silver", "scope", "openid", "password", HeadlessRealm.PASSWORD)));
        assertEquals(200, silver.status(), silver.toString());
        assertEquals("silver", claims(redeem(silver.json().get("authorization_code").asText()).json().get("id_token").asText())
                .get("acr").asText());
    }

    @Test
    void aStepUpOnEarlierFactorsReachesTheirLevelsOnlyWhileTheyAreRecentEnough() throws InterruptedException {
        levelsSilverAndGold(10);
        String email = newOtpUser();
        Reply otp = challenge(start(email, Map.of("acr_values", "gold", "scope", "openid", "password", HeadlessRealm.PASSWORD)));
        Reply gold = challenge(Map.of("client_id", "web", "auth_session", sessionOf(otp), "otp", Totp.now(OTP_SECRET)));
        Reply tokens = lanyardTokens(gold);

        // At once, the step-up session's factors still count for level 2 (10 seconds).
        Reply again = challenge(stepUp(tokens, "gold"));
        assertEquals(200, again.status(), again.toString());
        Reply later = lanyardTokens(again);
        assertEquals("gold", claims(later.json().get("id_token").asText()).get("acr").asText(), later.toString());

        // Signing in again on them does not renew the level: past its age, Keycloak's page would ask for the OTP code.
        Thread.sleep(11_000);
        Reply stale = challenge(stepUp(later, "gold"));
        assertEquals("redirect_to_web", stale.json().get("error").asText(), stale.toString());
    }

    @Test
    void aLevelIsReachedOnlyWhereEveryOneOfItsStepsIsPassed() {
        levelsSilverAndGold(300, "auth-otp-form", "lanyard-pin");
        String email = realm.newUser();
        Reply set = realm.signedIn(email).send("PUT", realm.api("/public/pin"), "application/json",
                "{\"pin\":\"4826\",\"password\":\"" + HeadlessRealm.PASSWORD + "\"}", "Origin", realm.origin());
        assertEquals(204, set.status(), set.toString());

        Reply pin = challenge(start(email, Map.of("acr_values", "gold", "scope", "openid", "password", HeadlessRealm.PASSWORD)));
        assertEquals("[\"pin\"]", pin.json().get("methods").toString(), pin.toString());
        Reply gold = challenge(Map.of("client_id", "web", "auth_session", sessionOf(pin), "pin", "4826"));
        assertEquals("redirect_to_web", gold.json().get("error").asText(),
                "level 2 asks for an OTP code as well as the PIN: the PIN alone does not reach it " + gold);
    }

    /** A step-up request on the {@code auth_session} of Lanyard's token response, asking for {@code acr}. */
    private static Map<String, String> stepUp(Reply tokens, String acr) {
        assertTrue(tokens.json().has("auth_session"), tokens.toString());
        return Map.of("client_id", "web", "auth_session", sessionOf(tokens), "acr_values", acr,
                "code_challenge", HeadlessRealm.CHALLENGE, "code_challenge_method", "S256", "scope", "openid");
    }

    /** Redeems the code of {@code answer} at Lanyard's token endpoint, whose answer carries a step-up session. */
    private Reply lanyardTokens(Reply answer) {
        assertEquals(200, answer.status(), answer.toString());
        Reply tokens = lanyard.browser().postForm(realm.api("/oauth/token"), Map.of("grant_type", "authorization_code",
                "client_id", "web", "code", answer.json().get("authorization_code").asText(), "code_verifier", HeadlessRealm.VERIFIER));
        assertEquals(200, tokens.status(), tokens.toString());
        return tokens;
    }

    /**
     * A browser flow with step-up levels 1 and 2 (password, then {@code level2Steps} or an OTP code, kept
     * {@code level2MaxAge} seconds), which {@code web} asks for as silver and gold.
     */
    private void levelsSilverAndGold(int level2MaxAge, String... level2Steps) {
        BrowserFlows.useWithLevels(lanyard.admin(), realm.name(), "levels", level2MaxAge, level2Steps);
        ObjectNode web = (ObjectNode) lanyard.admin().client(realm.name(), "web");
        ((ObjectNode) web.with("attributes")).put("acr.loa.map", "{\"silver\":1,\"gold\":2}");
        lanyard.admin().must("PUT", "/" + realm.name() + "/clients/" + web.get("id").asText(), web.toString());
    }

    /** The claims of a JWT, unverified (Keycloak issued it; the test reads what it says). */
    private static JsonNode claims(String jwt) {
        try {
            return Reply.JSON.readTree(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String newOtpUser() {
        String email = "otp-" + UUID.randomUUID() + "@example.com";
        lanyard.admin().createUser(realm.name(), """
                {"username": "%s", "email": "%s", "emailVerified": true, "enabled": true, "firstName": "O", "lastName": "Tp",
                 "credentials": [{"type": "password", "value": "%s", "temporary": false},
                                 {"type": "otp", "userLabel": "phone", "secretData": "{\\"value\\":\\"%s\\"}",
                                  "credentialData": "{\\"subType\\":\\"totp\\",\\"digits\\":6,\\"period\\":30,\\"algorithm\\":\\"HmacSHA1\\",\\"counter\\":0}"}]}"""
                .formatted(email, email, HeadlessRealm.PASSWORD, OTP_SECRET));
        return email;
    }

    /** A passkey registered through {@code public/passkeys} by the signed-in {@code email}. */
    private SoftwarePasskey registeredPasskey(String email) {
        Browser browser = realm.signedIn(email);
        SoftwarePasskey passkey = new SoftwarePasskey();
        Reply options = browser.postJson(realm.api("/public/passkeys/registration-options"), "{}", "Origin", realm.origin());
        Reply registered = browser.postJson(realm.api("/public/passkeys"), "{\"credential\":"
                + passkey.create(options.json(), realm.origin(), USER_PRESENT | USER_VERIFIED) + "}", "Origin", realm.origin());
        assertEquals(201, registered.status(), registered.toString());
        return passkey;
    }

    /** The passkey's {@code AuthenticationResponseJSON} over {@code options}, with user verification. */
    private String assertion(SoftwarePasskey passkey, JsonNode options) {
        return passkey.get(options, realm.origin(), lanyard.baseUri().getHost(), USER_PRESENT | USER_VERIFIED);
    }

    /** The answer that asked for a mailed code, and the code as read in the inbox. */
    private record MailedCode(Reply answer, String code) {
    }

    /** Starts a sign-in of {@code loginHint}, asks for a mailed code, and reads it from {@code inbox}. */
    private MailedCode mailCode(String loginHint, String inbox) throws Exception {
        Reply first = challenge(start(loginHint, Map.of()));
        Reply mailed = challenge(Map.of("client_id", "web", "auth_session", sessionOf(first), "method", "email_code"));
        assertEquals("insufficient_authorization", mailed.json().get("error").asText(), mailed.toString());
        assertEquals("[\"email_code\"]", mailed.json().get("methods").toString());
        String text = Lanyard.mailText(lanyard.awaitMail(inbox));
        Matcher digits = Pattern.compile("\\b(\\d{6})\\b").matcher(text);
        assertTrue(digits.find(), text);
        return new MailedCode(mailed, digits.group(1));
    }

    /** A first request for {@code web} with PKCE S256 and {@code more}. */
    private static Map<String, String> start(String loginHint, Map<String, String> more) {
        Map<String, String> form = new HashMap<>(Map.of("client_id", "web", "response_type", "code", "login_hint", loginHint,
                "code_challenge", HeadlessRealm.CHALLENGE, "code_challenge_method", "S256"));
        form.putAll(more);
        return form;
    }

    private static String sessionOf(Reply answer) {
        return answer.json().get("auth_session").asText();
    }

    private static String shape(JsonNode answer) {
        StringBuilder names = new StringBuilder();
        answer.fieldNames().forEachRemaining(name -> names.append(name).append(' '));
        return names + answer.get("error").asText();
    }

    private Reply challenge(Map<String, String> form, String... headers) {
        return lanyard.browser().postForm(realm.api("/oauth/authorize-challenge"), new HashMap<>(form), headers);
    }

    private Reply redeem(String code) {
        return lanyard.browser().postForm(lanyard.realm(realm.name(), "/protocol/openid-connect/token"), Map.of(
                "grant_type", "authorization_code", "client_id", "web", "code", code, "code_verifier", HeadlessRealm.VERIFIER));
    }
}
