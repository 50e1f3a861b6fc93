package dev.lanyard.keycloak.it.passkeys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.RealBrowser;
import dev.lanyard.keycloak.it.support.Reply;
import dev.lanyard.keycloak.it.support.RequiresChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.lanyard.keycloak.it.passkeys.PasskeyUsers.PASSWORD;
import static dev.lanyard.keycloak.it.passkeys.PasskeyUsers.newUser;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Passkeys made by Lanyard's API and by Keycloak's own pages are one and the same: in a real Chromium with WebDriver's
 * virtual authenticator, a passkey registered through {@code public/passkeys} signs in on Keycloak's login page, and
 * one registered by Keycloak's "Webauthn Register Passwordless" action signs in through {@code public/passkeys/login}.
 */
@ExtendWith(LanyardExtension.class)
@RequiresChromium
class PasskeyInteropIT {

    private static final String CALLBACK = "http://localhost:5173/cb";

    @Test
    void aPasskeyRegisteredThroughTheApiSignsInOnKeycloaksLoginPage(Lanyard lanyard) {
        String realm = newRealm(lanyard, "passkeys-to-keycloak");
        String email = newUser(lanyard, realm);
        Credential passkey;
        try (RealBrowser browser = RealBrowser.open("en", RealBrowser.PHONE)) {
            VirtualAuthenticator authenticator = browser.addPasskeyAuthenticator();
            browser.get(realmPage(lanyard, realm, "/.well-known/openid-configuration"));
            Reply signedIn = browser.fetch("POST", api(lanyard, realm, "/public/login"),
                    "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
            assertEquals(200, signedIn.status(), signedIn.toString());
            Reply options = browser.fetch("POST", api(lanyard, realm, "/public/passkeys/registration-options"), "{}");
            assertEquals(200, options.status(), options.toString());
            Reply registered = browser.fetch("POST", api(lanyard, realm, "/public/passkeys"),
                    "{\"credential\":" + browser.createPasskey(options.body()) + ",\"label\":\"Made through the API\"}");
            assertEquals(201, registered.status(), registered.toString());
            passkey = single(authenticator);
        }

        // A later visit in a browser without any session: only the passkey (synced to it) can sign in.
        try (RealBrowser browser = RealBrowser.open("en", RealBrowser.PHONE)) {
            browser.addPasskeyAuthenticator().addCredential(passkey);
            browser.get(authorize(lanyard, realm));
            // The login page offers the passkey in the username field's autofill (conditional UI); the virtual
            // authenticator takes its one passkey there as the user would, and the page posts the assertion.
            String callback = browser.awaitAddress(CALLBACK);

            String userId = lanyard.admin().userId(realm, email).orElseThrow();
            assertEquals(userId, Reply.claimsOf(tokens(lanyard, realm, callback).get("id_token").asText()).get("sub").asText());
            JsonNode login = lanyard.admin().getJson("/" + realm + "/events?type=LOGIN&client=spa&user=" + userId).get(0);
            assertEquals("webauthn-passwordless", login.get("details").get("credential_type").asText(), login.toString());
            assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(passkey.getId()),
                    login.get("details").get("public_key_credential_id").asText(), "Keycloak's page took the API's passkey: " + login);
        }
    }

    @Test
    void aPasskeyRegisteredOnKeycloaksPageSignsInThroughTheApi(Lanyard lanyard) {
        String realm = newRealm(lanyard, "passkeys-from-keycloak");
        String email = newUser(lanyard, realm);
        String userId = lanyard.admin().userId(realm, email).orElseThrow();
        lanyard.admin().must("PUT", "/" + realm + "/users/" + userId, "{\"requiredActions\": [\"webauthn-register-passwordless\"]}");
        try (RealBrowser browser = RealBrowser.open("en", RealBrowser.PHONE)) {
            VirtualAuthenticator authenticator = browser.addPasskeyAuthenticator();
            browser.get(authorize(lanyard, realm));
            browser.find(By.id("username")).sendKeys(email);
            browser.find(By.id("password")).sendKeys(PASSWORD);
            browser.find(By.id("kc-login")).click();
            browser.find(By.id("registerWebAuthn")).click();
            browser.answerPrompt("Made on Keycloak's page");
            assertTrue(browser.awaitAddress(CALLBACK).contains("code="));
            assertArrayEquals(userId.getBytes(StandardCharsets.UTF_8), single(authenticator).getUserHandle(),
                    "Keycloak's user handle: the user id");

            // A later visit, to a page of the site: Keycloak's cookies go (they would be a session too), the passkey stays.
            browser.get(realmPage(lanyard, realm, "/.well-known/openid-configuration"));
            browser.driver().manage().deleteAllCookies();
            assertEquals(401, browser.fetch("GET", api(lanyard, realm, "/public/passkeys"), null).status(), "no session left");
            Reply options = browser.fetch("POST", api(lanyard, realm, "/public/passkeys/authentication-options"), null);
            assertEquals(200, options.status(), options.toString());
            Reply login = browser.fetch("POST", api(lanyard, realm, "/public/passkeys/login"),
                    "{\"credential\":" + browser.getPasskey(options.body()) + "}");

            assertEquals(200, login.status(), login.toString());
            assertEquals("authenticated", login.json().get("status").asText(), login.toString());
            assertEquals(email, login.json().get("user").get("email").asText(), login.toString());
            Reply listed = browser.fetch("GET", api(lanyard, realm, "/public/passkeys"), null);
            assertEquals(200, listed.status(), "a working session: " + listed);
            assertEquals("Made on Keycloak's page", listed.json().get("passkeys").get(0).get("label").asText(), listed.toString());
        }
    }

    /** The one passkey {@code authenticator} keeps: a discoverable one, which needs no username. */
    private static Credential single(VirtualAuthenticator authenticator) {
        List<Credential> passkeys = authenticator.getCredentials();
        assertEquals(1, passkeys.size(), passkeys.toString());
        assertTrue(passkeys.get(0).isResidentCredential(), "a discoverable passkey");
        return passkeys.get(0);
    }

    /**
     * A realm with passkeys on its login page, served as {@code localhost}: WebAuthn takes no IP address as relying
     * party (the tests' Keycloak answers at 127.0.0.1), so the realm's frontend URL names the same server by name.
     * Keycloak's registration page asks for a discoverable passkey only where the policy requires a resident key.
     */
    private static String newRealm(Lanyard lanyard, String prefix) {
        return lanyard.newRealm(prefix, """
                , "attributes": {"frontendUrl": "%s"}, "webAuthnPolicyPasswordlessPasskeysEnabled": true,
                  "webAuthnPolicyPasswordlessRequireResidentKey": "Yes", "webAuthnPolicyPasswordlessUserVerificationRequirement": "required",
                  "clients": [{"clientId": "spa", "publicClient": true, "standardFlowEnabled": true, "redirectUris": ["%s"]}]"""
                .formatted(pageOrigin(lanyard), CALLBACK));
    }

    private static String pageOrigin(Lanyard lanyard) {
        return "http://localhost:" + lanyard.baseUri().getPort();
    }

    /** {@code /realms/{realm}} + path, as the browser reaches it. */
    private static String realmPage(Lanyard lanyard, String realm, String path) {
        return pageOrigin(lanyard) + "/realms/" + realm + path;
    }

    private static URI api(Lanyard lanyard, String realm, String path) {
        return URI.create(realmPage(lanyard, realm, "/api" + path));
    }

    private static String authorize(Lanyard lanyard, String realm) {
        return realmPage(lanyard, realm, "/protocol/openid-connect/auth?client_id=spa&response_type=code&scope=openid&redirect_uri="
                + CALLBACK.replace(":", "%3A").replace("/", "%2F"));
    }

    /** The tokens for the code the login left in {@code callback}. */
    private static JsonNode tokens(Lanyard lanyard, String realm, String callback) {
        String code = callback.replaceFirst(".*[?&]code=([^&]+).*", "$1");
        Reply reply = lanyard.browser().postForm(lanyard.realm(realm, "/protocol/openid-connect/token"),
                Map.of("grant_type", "authorization_code", "client_id", "spa", "code", code, "redirect_uri", CALLBACK));
        assertEquals(200, reply.status(), reply.toString());
        return reply.json();
    }
}
