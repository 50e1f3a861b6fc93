package dev.lanyard.keycloak.it.foundation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.BrowserFlows;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The browser flow docs/routes.md documents and the demo realm ships: "Try another way" offers the magic link, and a user
 * who has a PIN is asked for it after either sign-in. The flow is also built as an admin builds it in the console
 * (the console's admin REST calls, and only requirements its menus offer).
 */
@ExtendWith(LanyardExtension.class)
class DemoBrowserFlowIT {

    private static final String PASSWORD = "Flow-Password-1";
    private static final String PKCE = "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";

    @Test
    void theDemoLoginOffersTheMagicLinkUnderTryAnotherWay(Lanyard lanyard) {
        assertMagicLinkOffered(lanyard, Lanyard.DEMO_REALM, "lanyard-demo-spa");
    }

    @Test
    void theDemoLoginAsksAUserWhoHasAPinForIt(Lanyard lanyard) {
        String email = newUserWithPin(lanyard, Lanyard.DEMO_REALM);
        Browser browser = lanyard.browser();
        Document login = Jsoup.parse(browser.get(authorize(lanyard, Lanyard.DEMO_REALM, "lanyard-demo-spa")).body());
        Reply afterPassword = browser.postForm(URI.create(login.select("form#kc-form-login").attr("action")),
                Map.of("username", email, "password", PASSWORD));
        assertEquals(200, afterPassword.status(), "a page, not a code: " + afterPassword);
        assertFalse(Jsoup.parse(afterPassword.body()).select("input[name=pin]").isEmpty(), "the PIN page: " + afterPassword.body());
    }

    @Test
    void theDemoLoginAsksNoPinOfAUserWithout(Lanyard lanyard) {
        String email = "nopin-" + UUID.randomUUID() + "@example.com";
        lanyard.admin().createUserWithPassword(Lanyard.DEMO_REALM, email, PASSWORD);
        Browser browser = lanyard.browser();
        Document login = Jsoup.parse(browser.get(authorize(lanyard, Lanyard.DEMO_REALM, "lanyard-demo-spa")).body());
        Reply signedIn = browser.postForm(URI.create(login.select("form#kc-form-login").attr("action")),
                Map.of("username", email, "password", PASSWORD));
        assertEquals(302, signedIn.status(), signedIn.toString());
        assertTrue(signedIn.header("Location").orElseThrow().contains("code="), signedIn.toString());
    }

    @Test
    void theConsolesPlacementOffersTheMagicLinkAndThePin(Lanyard lanyard) {
        String realm = lanyard.newRealm("placement", """
                , "clients": [{"clientId": "spa", "publicClient": true, "standardFlowEnabled": true,
                               "redirectUris": ["http://localhost:5173/*"]}]""");
        BrowserFlows.useWithMagicLink(lanyard.admin(), realm, "with-link");
        assertMagicLinkOffered(lanyard, realm, "spa");

        String email = newUserWithPin(lanyard, realm);
        Browser browser = lanyard.browser();
        Document login = Jsoup.parse(browser.get(authorize(lanyard, realm, "spa")).body());
        Reply afterPassword = browser.postForm(URI.create(login.select("form#kc-form-login").attr("action")),
                Map.of("username", email, "password", PASSWORD));
        assertFalse(Jsoup.parse(afterPassword.body()).select("input[name=pin]").isEmpty(), "the PIN page: " + afterPassword.body());
    }

    @Test
    void aPlacementTheConsoleDoesNotOfferIsRefused(Lanyard lanyard) {
        String realm = lanyard.newRealm("placement", "");
        String flows = "/" + realm + "/authentication/flows";
        lanyard.admin().must("POST", flows, "{\"alias\": \"odd\", \"providerId\": \"basic-flow\", \"topLevel\": true, \"builtIn\": false}");
        lanyard.admin().must("POST", flows + "/odd/executions/execution", "{\"provider\": \"lanyard-magic-link\"}");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> BrowserFlows.activate(lanyard.admin(), realm, "odd", execution -> "CONDITIONAL"));
        assertTrue(refused.getMessage().contains("[REQUIRED, ALTERNATIVE, DISABLED]"), refused.getMessage());
    }

    /** The login page has "Try another way", and its choices include the emailed sign-in link, which asks for the email. */
    private static void assertMagicLinkOffered(Lanyard lanyard, String realm, String clientId) {
        Browser browser = lanyard.browser();
        Reply loginPage = browser.get(authorize(lanyard, realm, clientId));
        assertEquals(200, loginPage.status(), loginPage.toString());
        Document login = Jsoup.parse(loginPage.body());
        assertNotNull(login.getElementById("try-another-way"), "\"Try another way\" on the login page: " + loginPage.body());
        Element tryAnotherWay = login.getElementById("kc-select-try-another-way-form");
        assertNotNull(tryAnotherWay, loginPage.body());
        Document choices = Jsoup.parse(browser.postForm(URI.create(tryAnotherWay.attr("action")), Map.of("tryAnotherWay", "on")).body());
        String magicLink = magicLinkExecution(lanyard, realm);
        Element choice = choices.selectFirst("input[name=authenticationExecution][value='" + magicLink + "']");
        assertNotNull(choice, "the magic link among the choices: " + choices);
        assertTrue(choices.text().contains("Email me a sign-in link"), choices.text());
        Reply chosen = browser.postForm(URI.create(choice.closest("form").attr("action")), Map.of("authenticationExecution", magicLink));
        assertFalse(Jsoup.parse(chosen.body()).select("input[name=email]").isEmpty(), "the magic link asks for the email: " + chosen.body());
    }

    private static String magicLinkExecution(Lanyard lanyard, String realm) {
        String browserFlow = lanyard.admin().getJson("/" + realm).get("browserFlow").asText();
        for (JsonNode execution : lanyard.admin().getJson("/" + realm + "/authentication/flows/" + browserFlow.replace(" ", "%20") + "/executions")) {
            if ("lanyard-magic-link".equals(execution.path("providerId").asText())) {
                return execution.get("id").asText();
            }
        }
        throw new AssertionError("no magic link in " + browserFlow);
    }

    /** A user with a password and a PIN, set through Lanyard's API as an app would. */
    private static String newUserWithPin(Lanyard lanyard, String realm) {
        String email = "pin-" + UUID.randomUUID() + "@example.com";
        lanyard.admin().createUserWithPassword(realm, email, PASSWORD);
        Browser browser = lanyard.browser();
        Reply login = browser.postJson(lanyard.realm(realm, "/api/public/login"),
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(200, login.status(), login.toString());
        Reply pin = browser.send("PUT", lanyard.realm(realm, "/api/public/pin"), "application/json",
                "{\"pin\":\"482913\",\"password\":\"" + PASSWORD + "\"}", "Origin", lanyard.origin());
        assertTrue(pin.status() / 100 == 2, pin.toString());
        return email;
    }

    private static URI authorize(Lanyard lanyard, String realm, String clientId) {
        return lanyard.realm(realm, "/protocol/openid-connect/auth?client_id=" + clientId
                + "&response_type=code&scope=openid&state=st&redirect_uri=http%3A%2F%2Flocalhost%3A5173%2Fcb" + PKCE);
    }
}
