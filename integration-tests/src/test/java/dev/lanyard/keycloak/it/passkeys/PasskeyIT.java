package dev.lanyard.keycloak.it.passkeys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.BrowserFlows;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import dev.lanyard.keycloak.it.support.SoftwarePasskey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;

import static dev.lanyard.keycloak.it.passkeys.PasskeyUsers.PASSWORD;
import static dev.lanyard.keycloak.it.passkeys.PasskeyUsers.newUser;
import static dev.lanyard.keycloak.it.support.SoftwarePasskey.USER_PRESENT;
import static dev.lanyard.keycloak.it.support.SoftwarePasskey.USER_VERIFIED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code public/passkeys}: passkeys registered and asserted through the API with a software authenticator, checked by
 * Keycloak's WebAuthn stack under the realm's passwordless policy, and the attacks it must refuse.
 */
@ExtendWith(LanyardExtension.class)
class PasskeyIT {

    private static final String FOREIGN_ORIGIN = "https://evil.example";

    @Test
    void registeredPasskeyIsListedSignsInAndIsRemovedWithThePassword(Lanyard lanyard) {
        String realm = lanyard.newRealm("passkeys", "");
        String email = newUser(lanyard, realm);
        String userId = lanyard.admin().userId(realm, email).orElseThrow();
        Browser browser = signedIn(lanyard, realm, email);
        SoftwarePasskey passkey = new SoftwarePasskey();

        JsonNode options = registrationOptions(lanyard, browser, realm).json();
        assertEquals("required", options.get("authenticatorSelection").get("residentKey").asText(), options.toString());
        assertEquals(rpId(lanyard), options.get("rp").get("id").asText(), "the host of the realm's frontend URL: " + options);
        assertEquals(0, options.get("excludeCredentials").size(), options.toString());
        Reply registered = register(lanyard, browser, realm, passkey.create(options, lanyard.origin(), USER_PRESENT | USER_VERIFIED));
        assertEquals(201, registered.status(), registered.toString());
        assertEquals("My laptop", registered.json().get("label").asText());
        String id = registered.json().get("id").asText();

        Reply list = browser.get(lanyard.realm(realm, "/api/public/passkeys"));
        assertEquals(200, list.status(), list.toString());
        assertEquals(id, list.json().get("passkeys").get(0).get("id").asText(), list.toString());
        JsonNode credentials = lanyard.admin().getJson("/" + realm + "/users/" + userId + "/credentials");
        assertTrue(credentials.toString().contains("\"type\":\"webauthn-passwordless\""),
                "a Keycloak passkey, as the Account Console lists it: " + credentials);
        assertEquals(passkey.credentialId(), registrationOptions(lanyard, browser, realm).json()
                .get("excludeCredentials").get(0).get("id").asText(), "the passkey is not registered twice");

        Browser fresh = lanyard.browser();
        Reply login = login(lanyard, fresh, realm, passkey.get(authenticationOptions(lanyard, realm), lanyard.origin(), rpId(lanyard),
                USER_PRESENT | USER_VERIFIED));
        assertEquals(200, login.status(), login.toString());
        assertEquals("authenticated", login.json().get("status").asText());
        assertEquals(email, login.json().get("user").get("email").asText());
        assertEquals(200, fresh.get(lanyard.realm(realm, "/api/public/session")).status(), "a working session");

        String events = lanyard.admin().getJson("/" + realm + "/events?user=" + userId).toString();
        assertTrue(events.contains("UPDATE_CREDENTIAL") && events.contains("\"lanyard_route\":\"public/passkeys\""), events);
        assertTrue(events.contains("\"LOGIN\"") && events.contains("public/passkeys/login"), events);

        Reply wrongPassword = remove(lanyard, browser, realm, id, "not-the-password");
        assertEquals(401, wrongPassword.status(), wrongPassword.toString());
        Reply removed = remove(lanyard, browser, realm, id, PASSWORD);
        assertEquals(204, removed.status(), removed.toString());
        assertEquals(0, browser.get(lanyard.realm(realm, "/api/public/passkeys")).json().get("passkeys").size());
        assertTrue(lanyard.admin().getJson("/" + realm + "/events?user=" + userId).toString().contains("REMOVE_CREDENTIAL"));

        Reply afterRemoval = login(lanyard, lanyard.browser(), realm, passkey.get(authenticationOptions(lanyard, realm),
                lanyard.origin(), rpId(lanyard), USER_PRESENT | USER_VERIFIED));
        assertInvalidCredentials(afterRemoval);
    }

    @Test
    void aPasskeyIsRemovedWithAFreshAssertionOfTheUsersOwnPasskeyOnly(Lanyard lanyard) {
        String realm = lanyard.newRealm("passkeys-remove", "");
        Browser browser = signedIn(lanyard, realm, newUser(lanyard, realm));
        SoftwarePasskey own = new SoftwarePasskey();
        Reply registered = register(lanyard, browser, realm, own.create(registrationOptions(lanyard, browser, realm).json(),
                lanyard.origin(), USER_PRESENT | USER_VERIFIED));
        assertEquals(201, registered.status(), registered.toString());
        String id = registered.json().get("id").asText();
        SoftwarePasskey strangers = registeredPasskey(lanyard, realm, newUser(lanyard, realm));

        assertInvalidCredentials(removeByPasskey(lanyard, browser, realm, id,
                strangers.get(authenticationOptions(lanyard, realm), lanyard.origin(), rpId(lanyard), USER_PRESENT | USER_VERIFIED)));
        JsonNode used = authenticationOptions(lanyard, realm);
        assertEquals(200, login(lanyard, lanyard.browser(), realm,
                own.get(used, lanyard.origin(), rpId(lanyard), USER_PRESENT | USER_VERIFIED)).status());
        assertInvalidCredentials(removeByPasskey(lanyard, browser, realm, id,
                own.get(used, lanyard.origin(), rpId(lanyard), USER_PRESENT | USER_VERIFIED)));
        assertEquals(1, browser.get(lanyard.realm(realm, "/api/public/passkeys")).json().get("passkeys").size(),
                "another user's passkey and a spent challenge remove nothing");

        Reply removed = removeByPasskey(lanyard, browser, realm, id,
                own.get(authenticationOptions(lanyard, realm), lanyard.origin(), rpId(lanyard), USER_PRESENT | USER_VERIFIED));
        assertEquals(204, removed.status(), removed.toString());
        assertEquals(0, browser.get(lanyard.realm(realm, "/api/public/passkeys")).json().get("passkeys").size());
    }

    @Test
    void aReplayedChallengeIsRefused(Lanyard lanyard) {
        String realm = lanyard.newRealm("passkeys-replay", "");
        SoftwarePasskey passkey = registeredPasskey(lanyard, realm, newUser(lanyard, realm));
        JsonNode options = authenticationOptions(lanyard, realm);

        assertEquals(200, login(lanyard, lanyard.browser(), realm,
                passkey.get(options, lanyard.origin(), rpId(lanyard), USER_PRESENT | USER_VERIFIED)).status());
        // A fresh signature (its counter moved on) over the challenge already used.
        assertInvalidCredentials(login(lanyard, lanyard.browser(), realm,
                passkey.get(options, lanyard.origin(), rpId(lanyard), USER_PRESENT | USER_VERIFIED)));
    }

    @Test
    void anAssertionMadeForAnotherOriginIsRefusedAndCounted(Lanyard lanyard) {
        String realm = lanyard.newRealm("passkeys-origin", ", \"failureFactor\": 1");
        String email = newUser(lanyard, realm);
        SoftwarePasskey passkey = registeredPasskey(lanyard, realm, email);

        assertInvalidCredentials(login(lanyard, lanyard.browser(), realm,
                passkey.get(authenticationOptions(lanyard, realm), FOREIGN_ORIGIN, rpId(lanyard), USER_PRESENT | USER_VERIFIED)));
        String userId = lanyard.admin().userId(realm, email).orElseThrow();
        lanyard.admin().awaitLocked(realm, userId);
        String events = lanyard.admin().getJson("/" + realm + "/events?type=LOGIN_ERROR&user=" + userId).toString();
        assertTrue(events.contains("public/passkeys/login"), events);
        assertInvalidCredentials(login(lanyard, lanyard.browser(), realm,
                passkey.get(authenticationOptions(lanyard, realm), lanyard.origin(), rpId(lanyard), USER_PRESENT | USER_VERIFIED)));
    }

    @Test
    void anAssertionWithoutUserVerificationIsRefusedWhenThePolicyRequiresIt(Lanyard lanyard) {
        String realm = lanyard.newRealm("passkeys-uv", ", \"webAuthnPolicyPasswordlessUserVerificationRequirement\": \"required\"");
        SoftwarePasskey passkey = registeredPasskey(lanyard, realm, newUser(lanyard, realm));

        assertInvalidCredentials(login(lanyard, lanyard.browser(), realm,
                passkey.get(authenticationOptions(lanyard, realm), lanyard.origin(), rpId(lanyard), USER_PRESENT)));
        assertEquals(200, login(lanyard, lanyard.browser(), realm,
                passkey.get(authenticationOptions(lanyard, realm), lanyard.origin(), rpId(lanyard), USER_PRESENT | USER_VERIFIED)).status());
    }

    @Test
    void anAssertionForAnotherRelyingPartyIsRefused(Lanyard lanyard) {
        String realm = lanyard.newRealm("passkeys-rpid", "");
        SoftwarePasskey passkey = registeredPasskey(lanyard, realm, newUser(lanyard, realm));

        assertInvalidCredentials(login(lanyard, lanyard.browser(), realm,
                passkey.get(authenticationOptions(lanyard, realm), lanyard.origin(), "evil.example", USER_PRESENT | USER_VERIFIED)));
    }

    @Test
    void aSignatureCounterThatGoesBackIsRefusedAndRecorded(Lanyard lanyard) {
        String realm = lanyard.newRealm("passkeys-counter", "");
        String email = newUser(lanyard, realm);
        SoftwarePasskey passkey = registeredPasskey(lanyard, realm, email);
        passkey.counter(10);
        assertEquals(200, login(lanyard, lanyard.browser(), realm,
                passkey.get(authenticationOptions(lanyard, realm), lanyard.origin(), rpId(lanyard), USER_PRESENT | USER_VERIFIED)).status());

        passkey.counter(4); // a clone of the authenticator, behind the original
        assertInvalidCredentials(login(lanyard, lanyard.browser(), realm,
                passkey.get(authenticationOptions(lanyard, realm), lanyard.origin(), rpId(lanyard), USER_PRESENT | USER_VERIFIED)));
        String userId = lanyard.admin().userId(realm, email).orElseThrow();
        String events = lanyard.admin().getJson("/" + realm + "/events?type=LOGIN_ERROR&user=" + userId).toString();
        assertTrue(events.contains("signature counter went back"), events);
    }

    @Test
    void anotherUsersHandleDoesNotLendTheirAccount(Lanyard lanyard) {
        String realm = lanyard.newRealm("passkeys-handle", "");
        SoftwarePasskey attacker = registeredPasskey(lanyard, realm, newUser(lanyard, realm));
        String victim = newUser(lanyard, realm);
        registeredPasskey(lanyard, realm, victim);
        String victimId = lanyard.admin().userId(realm, victim).orElseThrow();

        attacker.userHandle(victimId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Reply login = login(lanyard, lanyard.browser(), realm,
                attacker.get(authenticationOptions(lanyard, realm), lanyard.origin(), rpId(lanyard), USER_PRESENT | USER_VERIFIED));
        assertInvalidCredentials(login);
        assertFalse(login.setCookie("public-session").isPresent(), login.toString());
    }

    @Test
    void aVerifiedPasskeyStandsForThePinUnlessTheRealmWantsItToo(Lanyard lanyard) {
        String realm = lanyard.newRealm("passkeys-pin", ", \"webAuthnPolicyPasswordlessUserVerificationRequirement\": \"preferred\"");
        String email = newUser(lanyard, realm);
        SoftwarePasskey passkey = registeredPasskey(lanyard, realm, email);
        Browser browser = signedIn(lanyard, realm, email);
        Reply pin = browser.send("PUT", lanyard.realm(realm, "/api/public/pin"), "application/json",
                "{\"pin\":\"4826\",\"password\":\"" + PASSWORD + "\"}", "Origin", lanyard.origin());
        assertEquals(204, pin.status(), pin.toString());

        Reply verified = login(lanyard, lanyard.browser(), realm,
                passkey.get(authenticationOptions(lanyard, realm), lanyard.origin(), rpId(lanyard), USER_PRESENT | USER_VERIFIED));
        assertEquals(200, verified.status(), "two factors: no PIN asked " + verified);
        Reply presentOnly = login(lanyard, lanyard.browser(), realm,
                passkey.get(authenticationOptions(lanyard, realm), lanyard.origin(), rpId(lanyard), USER_PRESENT));
        assertEquals(202, presentOnly.status(), "one factor: the PIN is still due " + presentOnly);
        assertEquals("pin_required", presentOnly.json().get("status").asText());

        lanyard.admin().must("PUT", "/" + realm, "{\"attributes\": {\"lanyard.enabled\": \"true\", \"lanyard.passkeys.requirePin\": \"true\"}}");
        Reply required = login(lanyard, lanyard.browser(), realm,
                passkey.get(authenticationOptions(lanyard, realm), lanyard.origin(), rpId(lanyard), USER_PRESENT | USER_VERIFIED));
        assertEquals(202, required.status(), required.toString());
        assertEquals("pin_required", required.json().get("status").asText());
    }

    @Test
    void keycloaksSsoCookieOnlyWhereTheBrowserFlowTakesAPasskeyAlone(Lanyard lanyard) {
        String passkeyRealm = lanyard.newRealm("passkeys-flow", "");
        BrowserFlows.use(lanyard.admin(), passkeyRealm, "passkey-only",
                new BrowserFlows.Step("webauthn-authenticator-passwordless", "REQUIRED"));
        SoftwarePasskey passkey = registeredPasskey(lanyard, passkeyRealm, newUser(lanyard, passkeyRealm));
        Browser browser = lanyard.browser();
        assertEquals(200, login(lanyard, browser, passkeyRealm, passkey.get(authenticationOptions(lanyard, passkeyRealm),
                lanyard.origin(), rpId(lanyard), USER_PRESENT | USER_VERIFIED)).status());
        assertTrue(browser.cookie("KEYCLOAK_IDENTITY").isPresent(), "the flow's passkey step would accept it alone");

        String passwordRealm = lanyard.newRealm("passkeys-password-flow", "");
        BrowserFlows.use(lanyard.admin(), passwordRealm, "password-only",
                new BrowserFlows.Step("auth-username-form", "REQUIRED"), new BrowserFlows.Step("auth-password-form", "REQUIRED"));
        SoftwarePasskey other = registeredPasskey(lanyard, passwordRealm, newUser(lanyard, passwordRealm));
        Browser second = lanyard.browser();
        assertEquals(200, login(lanyard, second, passwordRealm, other.get(authenticationOptions(lanyard, passwordRealm),
                lanyard.origin(), rpId(lanyard), USER_PRESENT | USER_VERIFIED)).status());
        assertTrue(second.cookie("public-session").isPresent());
        assertTrue(second.cookie("KEYCLOAK_IDENTITY").isEmpty(), "a passkey never stands in for a password step");
    }

    @Test
    void registrationNeedsARecentSignIn(Lanyard lanyard) throws InterruptedException {
        String realm = lanyard.newRealm("passkeys-recent", ", \"attributes\": {\"lanyard.passkeys.reauthenticationSeconds\": \"1\"}");
        Browser browser = signedIn(lanyard, realm, newUser(lanyard, realm));
        Thread.sleep(2_500);

        Reply options = registrationOptions(lanyard, browser, realm);
        assertEquals(401, options.status(), options.toString());
        assertEquals("reauthentication_required", options.json().get("error").asText());
    }

    @Test
    void aPackedSelfAttestationIsCheckedByKeycloaksStackAndATamperedOneRefused(Lanyard lanyard) {
        String realm = lanyard.newRealm("passkeys-packed", "");
        Browser browser = signedIn(lanyard, realm, newUser(lanyard, realm));

        Reply tampered = register(lanyard, browser, realm, new SoftwarePasskey().attesting(SoftwarePasskey.Attestation.PACKED_SELF_TAMPERED)
                .create(registrationOptions(lanyard, browser, realm).json(), lanyard.origin(), USER_PRESENT | USER_VERIFIED));
        assertEquals(400, tampered.status(), tampered.toString());
        assertEquals("invalid_passkey", tampered.json().get("error").asText());

        SoftwarePasskey packed = new SoftwarePasskey().attesting(SoftwarePasskey.Attestation.PACKED_SELF);
        Reply registered = register(lanyard, browser, realm, packed.create(registrationOptions(lanyard, browser, realm).json(),
                lanyard.origin(), USER_PRESENT | USER_VERIFIED));
        assertEquals(201, registered.status(), registered.toString());
        assertEquals(200, login(lanyard, lanyard.browser(), realm, packed.get(authenticationOptions(lanyard, realm), lanyard.origin(),
                rpId(lanyard), USER_PRESENT | USER_VERIFIED)).status());
    }

    @Test
    void aRegistrationChallengeServesOnlyTheSessionThatAskedForIt(Lanyard lanyard) {
        String realm = lanyard.newRealm("passkeys-session", "");
        String email = newUser(lanyard, realm);
        Browser asking = signedIn(lanyard, realm, email);
        Browser other = signedIn(lanyard, realm, email);
        JsonNode options = registrationOptions(lanyard, asking, realm).json();

        Reply registered = register(lanyard, other, realm, new SoftwarePasskey().create(options, lanyard.origin(), USER_PRESENT | USER_VERIFIED));
        assertEquals(400, registered.status(), registered.toString());
        assertEquals("invalid_passkey", registered.json().get("error").asText());
        assertEquals(0, asking.get(lanyard.realm(realm, "/api/public/passkeys")).json().get("passkeys").size());
    }

    @Test
    void registrationFromAnotherSiteIsRefused(Lanyard lanyard) {
        String realm = lanyard.newRealm("passkeys-csrf", "");
        Browser browser = signedIn(lanyard, realm, newUser(lanyard, realm));

        Reply options = browser.postJson(lanyard.realm(realm, "/api/public/passkeys/registration-options"), "{}",
                "Origin", FOREIGN_ORIGIN);
        assertEquals(403, options.status(), options.toString());
        JsonNode genuine = registrationOptions(lanyard, browser, realm).json();
        Reply registered = browser.postJson(lanyard.realm(realm, "/api/public/passkeys"),
                "{\"credential\":" + new SoftwarePasskey().create(genuine, lanyard.origin(), USER_PRESENT | USER_VERIFIED) + "}",
                "Origin", FOREIGN_ORIGIN);
        assertEquals(403, registered.status(), registered.toString());
        assertEquals(0, browser.get(lanyard.realm(realm, "/api/public/passkeys")).json().get("passkeys").size());
    }

    @Test
    void malformedCredentialsAnswerJsonErrors(Lanyard lanyard) {
        String realm = lanyard.newRealm("passkeys-malformed", "");
        String email = newUser(lanyard, realm);
        SoftwarePasskey passkey = registeredPasskey(lanyard, realm, email);
        Browser browser = signedIn(lanyard, realm, email);

        JsonNode options = registrationOptions(lanyard, browser, realm).json();
        JsonNode garbled = json(new SoftwarePasskey().create(options, lanyard.origin(), USER_PRESENT | USER_VERIFIED));
        ((ObjectNode) garbled.get("response")).put("attestationObject", "bm90LWNib3I");
        Reply notCbor = register(lanyard, browser, realm, garbled.toString());
        assertEquals(400, notCbor.status(), notCbor.toString());
        assertEquals("invalid_passkey", notCbor.json().get("error").asText());
        assertEquals(400, register(lanyard, browser, realm, "{\"id\":\"x\"}").status());
        assertEquals(400, register(lanyard, browser, realm, "\"text\"").status());

        JsonNode assertion = json(passkey.get(authenticationOptions(lanyard, realm), lanyard.origin(), rpId(lanyard),
                USER_PRESENT | USER_VERIFIED));
        ((ObjectNode) assertion.get("response")).put("authenticatorData", "c2hvcnQ");
        assertInvalidCredentials(login(lanyard, lanyard.browser(), realm, assertion.toString()));
        ((ObjectNode) assertion.get("response")).put("signature", "not base64url!");
        assertEquals(400, login(lanyard, lanyard.browser(), realm, assertion.toString()).status());
        assertEquals(400, login(lanyard, lanyard.browser(), realm, "{\"type\":\"public-key\"}").status());
        assertEquals(400, login(lanyard, lanyard.browser(), realm, "7").status());
    }

    @Test
    void aDisabledUserIsRefusedAsAWrongPasskeyIs(Lanyard lanyard) {
        Reply login = passkeyLoginOfAUserChangedBy(lanyard, "passkeys-disabled", "{\"enabled\": false}");
        assertInvalidCredentials(login);
        assertFalse(login.setCookie("public-session").isPresent(), login.toString());
    }

    @Test
    void aUserWithAPendingActionIsSentToCompleteItAsPublicLoginDoes(Lanyard lanyard) {
        Reply login = passkeyLoginOfAUserChangedBy(lanyard, "passkeys-action", "{\"requiredActions\": [\"UPDATE_PASSWORD\"]}");
        assertEquals(403, login.status(), login.toString());
        assertEquals("action_required", login.json().get("error").asText(), login.toString());
        assertEquals("UPDATE_PASSWORD", login.json().get("required_action").asText(), login.toString());
        assertFalse(login.setCookie("public-session").isPresent(), login.toString());
        assertFalse(login.setCookie("KEYCLOAK_IDENTITY").isPresent(), "no Keycloak session either: " + login);
    }

    /** A verified passkey login of a new user of a new realm, after the admin changed the user by {@code userChange}. */
    private static Reply passkeyLoginOfAUserChangedBy(Lanyard lanyard, String realmPrefix, String userChange) {
        String realm = lanyard.newRealm(realmPrefix, "");
        String email = newUser(lanyard, realm);
        SoftwarePasskey passkey = registeredPasskey(lanyard, realm, email);
        String userId = lanyard.admin().userId(realm, email).orElseThrow();
        lanyard.admin().must("PUT", "/" + realm + "/users/" + userId, userChange);
        return login(lanyard, lanyard.browser(), realm,
                passkey.get(authenticationOptions(lanyard, realm), lanyard.origin(), rpId(lanyard), USER_PRESENT | USER_VERIFIED));
    }

    /** The policy names no relying party: it is the host of Keycloak's frontend URL. */
    private static String rpId(Lanyard lanyard) {
        return lanyard.baseUri().getHost();
    }

    private static JsonNode json(String text) {
        try {
            return Reply.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static void assertInvalidCredentials(Reply reply) {
        assertEquals(401, reply.status(), reply.toString());
        assertEquals("invalid_credentials", reply.json().get("error").asText(), reply.toString());
    }

    private static SoftwarePasskey registeredPasskey(Lanyard lanyard, String realm, String email) {
        Browser browser = signedIn(lanyard, realm, email);
        SoftwarePasskey passkey = new SoftwarePasskey();
        Reply registered = register(lanyard, browser, realm, passkey.create(registrationOptions(lanyard, browser, realm).json(),
                lanyard.origin(), USER_PRESENT | USER_VERIFIED));
        assertEquals(201, registered.status(), registered.toString());
        return passkey;
    }

    private static Browser signedIn(Lanyard lanyard, String realm, String email) {
        Browser browser = lanyard.browser();
        Reply login = browser.postJson(lanyard.realm(realm, "/api/public/login"),
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}", "Origin", lanyard.origin());
        assertEquals(200, login.status(), login.toString());
        return browser;
    }

    private static Reply registrationOptions(Lanyard lanyard, Browser browser, String realm) {
        return browser.postJson(lanyard.realm(realm, "/api/public/passkeys/registration-options"), "{}", "Origin", lanyard.origin());
    }

    private static Reply register(Lanyard lanyard, Browser browser, String realm, String credential) {
        return browser.postJson(lanyard.realm(realm, "/api/public/passkeys"),
                "{\"credential\":" + credential + ",\"label\":\"My laptop\"}", "Origin", lanyard.origin());
    }

    private static JsonNode authenticationOptions(Lanyard lanyard, String realm) {
        Reply options = lanyard.browser().postJson(lanyard.realm(realm, "/api/public/passkeys/authentication-options"), "{}");
        assertEquals(200, options.status(), options.toString());
        assertFalse(options.json().has("allowCredentials"), options.toString());
        return options.json();
    }

    private static Reply login(Lanyard lanyard, Browser browser, String realm, String credential) {
        return browser.postJson(lanyard.realm(realm, "/api/public/passkeys/login"), "{\"credential\":" + credential + "}",
                "Origin", lanyard.origin());
    }

    private static Reply remove(Lanyard lanyard, Browser browser, String realm, String id, String password) {
        URI uri = lanyard.realm(realm, "/api/public/passkeys/" + id);
        return browser.send("DELETE", uri, "application/json", "{\"password\":\"" + password + "\"}", "Origin", lanyard.origin());
    }

    private static Reply removeByPasskey(Lanyard lanyard, Browser browser, String realm, String id, String credential) {
        URI uri = lanyard.realm(realm, "/api/public/passkeys/" + id);
        return browser.send("DELETE", uri, "application/json", "{\"credential\":" + credential + "}", "Origin", lanyard.origin());
    }
}
