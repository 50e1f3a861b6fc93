package dev.lanyard.keycloak.it.permissions;

import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.BrowserFlows;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
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

/**
 * The demo realm's browser flow "lanyard browser" runs "Require app permission" at its top level, after the
 * sign-in sub-flow: a browser that already holds Keycloak's SSO cookies (from {@code public/login} or a native
 * login to another app) still meets the gate before it gets a code for a gated app.
 */
@ExtendWith(LanyardExtension.class)
class PermissionGateFlowIT {

    private static final String PASSWORD = "Correct-Horse-9";
    /** Any S256 challenge: the demo SPA requires PKCE, and the code is never redeemed here. */
    private static final String PKCE = "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
    private static final Pattern RESET_LINK = Pattern.compile("http://\\S+/login-actions/action-token\\?\\S+");

    private Lanyard lanyard;
    private String gated;
    private String gatedId;
    private String email;
    private String userId;

    @BeforeEach
    void setUp(Lanyard lanyard) {
        this.lanyard = lanyard;
        gated = "gated-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = lanyard.admin().must("POST", "/" + Lanyard.DEMO_REALM + "/clients", """
                {"clientId": "%s", "publicClient": true, "standardFlowEnabled": true,
                 "redirectUris": ["http://localhost:5173/*"], "attributes": {"lanyard.permission.required": "true"}}"""
                .formatted(gated));
        gatedId = created.header("Location").orElseThrow().replaceAll(".*/", "");
        lanyard.admin().must("POST", "/" + Lanyard.DEMO_REALM + "/clients/" + gatedId + "/roles", "{\"name\": \"user\"}");
        email = "gate-" + UUID.randomUUID() + "@example.com";
        userId = lanyard.admin().createUser(Lanyard.DEMO_REALM, """
                {"username": "%s", "email": "%s", "emailVerified": true, "enabled": true, "firstName": "Gate", "lastName": "Keeper",
                 "credentials": [{"type": "password", "value": "%s", "temporary": false}]}""".formatted(email, email, PASSWORD));
    }

    @Test
    void demoRealmUsesTheShippedFlowWithTheGateAtTopLevel() {
        assertEquals("lanyard browser", lanyard.admin().getJson("/" + Lanyard.DEMO_REALM).get("browserFlow").asText());
        StringBuilder shape = new StringBuilder();
        lanyard.admin().getJson("/" + Lanyard.DEMO_REALM + "/authentication/flows/lanyard%20browser/executions").forEach(execution ->
                shape.append(execution.get("level").asInt()).append(' ')
                        .append(execution.has("providerId") ? execution.get("providerId").asText() : execution.get("displayName").asText())
                        .append(' ').append(execution.get("requirement").asText()).append('\n'));
        assertEquals("""
                0 lanyard browser sign-in REQUIRED
                1 auth-cookie ALTERNATIVE
                1 identity-provider-redirector ALTERNATIVE
                1 lanyard browser forms ALTERNATIVE
                2 auth-username-password-form REQUIRED
                2 lanyard browser conditional OTP CONDITIONAL
                3 conditional-user-configured REQUIRED
                3 auth-otp-form REQUIRED
                2 lanyard browser conditional PIN CONDITIONAL
                3 conditional-user-configured REQUIRED
                3 lanyard-pin REQUIRED
                1 lanyard browser magic link ALTERNATIVE
                2 lanyard-magic-link REQUIRED
                2 lanyard browser magic link - conditional OTP CONDITIONAL
                3 conditional-user-configured REQUIRED
                3 auth-otp-form REQUIRED
                2 lanyard browser magic link - conditional PIN CONDITIONAL
                3 conditional-user-configured REQUIRED
                3 lanyard-pin REQUIRED
                0 lanyard-app-permission REQUIRED
                """, shape.toString());
    }

    @Test
    void gateConfigFromTheConsoleTurnsAccessRequestsOff() {
        String realm = lanyard.newRealm("gate-config", """
                , "clients": [{"clientId": "gated", "publicClient": true, "standardFlowEnabled": true,
                               "redirectUris": ["http://localhost:5173/*"], "attributes": {"lanyard.permission.required": "true"}}]""");
        BrowserFlows.useWithPermissionGate(lanyard.admin(), realm, "gate", new BrowserFlows.Step("auth-username-password-form", "REQUIRED"));
        String user = "gate-" + UUID.randomUUID() + "@example.com";
        lanyard.admin().createUserWithPassword(realm, user, PASSWORD);
        URI authorize = lanyard.realm(realm, "/protocol/openid-connect/auth?client_id=gated&response_type=code&scope=openid"
                + "&redirect_uri=http%3A%2F%2Flocalhost%3A5173%2Fcb");

        Document offered = signInToGate(lanyard.browser(), authorize, user);
        assertFalse(offered.select("button[name=request]").isEmpty(), "by default users may ask for access: " + offered);

        BrowserFlows.configure(lanyard.admin(), realm, "gate", "lanyard-app-permission",
                "{\"lanyard.permission.offerRequests\": \"false\"}");
        Browser browser = lanyard.browser();
        Document refused = signInToGate(browser, authorize, user);
        assertTrue(refused.select("button[name=request]").isEmpty(), "no request button: " + refused);
        assertTrue(refused.text().contains("Ask an administrator"), refused.text());
        Reply asked = browser.postForm(URI.create(refused.select("form#lanyard-app-permission-form").attr("action")),
                Map.of("request", "true"));
        assertEquals("none", Jsoup.parse(asked.body()).select("#lanyard-app-permission-status").attr("data-status"),
                "a forged request records nothing: " + asked.body());
    }

    private static Document signInToGate(Browser browser, URI authorize, String user) {
        String action = Jsoup.parse(browser.get(authorize).body()).select("form#kc-form-login").attr("action");
        Reply gate = browser.postForm(URI.create(action), Map.of("username", user, "password", PASSWORD));
        assertEquals(200, gate.status(), gate.toString());
        return Jsoup.parse(gate.body());
    }

    @Test
    void apiSignInDoesNotSkipTheGate() {
        Browser browser = lanyard.browser();
        Reply login = browser.postJson(lanyard.api("/public/login"), "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(200, login.status(), login.toString());
        assertTrue(login.setCookie("KEYCLOAK_IDENTITY").isPresent(), "public/login set Keycloak's SSO cookie");
        assertCode(browser.get(authorize("lanyard-demo-spa")), "the SSO cookie alone signs in to an ungated app");

        assertGatePage(browser.get(authorize(gated)), "none");
    }

    @Test
    void nativeLoginToAnotherAppDoesNotSkipTheGate() {
        Browser browser = lanyard.browser();
        Reply loginPage = browser.get(authorize("lanyard-demo-spa"));
        assertEquals(200, loginPage.status(), loginPage.toString());
        String action = Jsoup.parse(loginPage.body()).select("form#kc-form-login").attr("action");
        assertFalse(action.isEmpty(), "the login form: " + loginPage.body());
        assertCode(browser.postForm(URI.create(action), Map.of("username", email, "password", PASSWORD)),
                "a native login to the ungated SPA");

        assertGatePage(browser.get(authorize(gated)), "none");
    }

    @Test
    void approvedUserGetsACodeFromTheSameSsoBrowser() {
        Browser browser = lanyard.browser();
        assertEquals(200, browser.postJson(lanyard.api("/public/login"),
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}").status());
        assertGatePage(browser.get(authorize(gated)), "none");

        lanyard.admin().must("POST", "/" + Lanyard.DEMO_REALM + "/users/" + userId + "/role-mappings/clients/" + gatedId,
                "[" + lanyard.admin().getJson("/" + Lanyard.DEMO_REALM + "/clients/" + gatedId + "/roles/user") + "]");

        assertCode(browser.get(authorize(gated)), "approved through a role of the gated app");
    }

    @Test
    void passwordResetInTheSameBrowserGivesNoCodeAndTheNextSignInMeetsTheGate() throws Exception {
        Browser browser = lanyard.browser();
        Document loginPage = Jsoup.parse(browser.get(authorize(gated)).body(), lanyard.baseUri().toString());
        Reply resetPage = browser.get(URI.create(loginPage.select("a[href*=reset-credentials]").attr("abs:href")));
        String resetAction = Jsoup.parse(resetPage.body(), lanyard.baseUri().toString()).select("form").attr("abs:action");
        assertEquals(200, browser.postForm(URI.create(resetAction), Map.of("username", email)).status());
        Matcher link = RESET_LINK.matcher(Lanyard.mailText(lanyard.awaitMail(email)));
        assertTrue(link.find(), "the reset mail has its link");

        Reply updatePage = follow(browser, browser.get(URI.create(link.group())));
        String updateAction = Jsoup.parse(updatePage.body(), lanyard.baseUri().toString()).select("form").attr("abs:action");
        String newPassword = "Another-Horse-9";
        Reply afterReset = follow(browser, browser.postForm(URI.create(updateAction),
                Map.of("password-new", newPassword, "password-confirm", newPassword)));
        assertEquals(200, afterReset.status(), "no code straight after the reset: " + afterReset.status() + " "
                + afterReset.header("Location").orElse(""));
        assertFalse(Jsoup.parse(afterReset.body()).select("#kc-info-message").isEmpty(), "Keycloak's \"account updated\" page: "
                + afterReset.body());

        Reply again = browser.get(authorize(gated));
        String loginAction = Jsoup.parse(again.body(), lanyard.baseUri().toString()).select("form#kc-form-login").attr("abs:action");
        assertFalse(loginAction.isEmpty(), "the reset left no SSO session (force-login): the user signs in again: " + again);
        assertGatePage(browser.postForm(URI.create(loginAction), Map.of("username", email, "password", newPassword)), "none");
    }

    /** Follows redirects that stay on Keycloak (never one to the app's redirect URI). */
    private Reply follow(Browser browser, Reply reply) {
        while ((reply.status() == 302 || reply.status() == 303)
                && reply.header("Location").orElseThrow().startsWith(lanyard.baseUri().toString())) {
            reply = browser.get(URI.create(reply.header("Location").orElseThrow()));
        }
        return reply;
    }

    private URI authorize(String clientId) {
        return lanyard.realm(Lanyard.DEMO_REALM, "/protocol/openid-connect/auth?client_id=" + clientId
                + "&response_type=code&scope=openid&state=st&redirect_uri=http%3A%2F%2Flocalhost%3A5173%2Fcb" + PKCE);
    }

    private static void assertCode(Reply reply, String what) {
        assertEquals(302, reply.status(), what + ": " + reply);
        String location = reply.header("Location").orElseThrow();
        assertTrue(location.startsWith("http://localhost:5173/cb?") && location.contains("code="), what + ": " + location);
    }

    /** The themed "Require app permission" page, and no authorization code. */
    private static void assertGatePage(Reply reply, String status) {
        assertEquals(200, reply.status(), "the gate answers with its page, not a redirect: " + reply.status() + " "
                + reply.header("Location").orElse(""));
        assertFalse(reply.header("Location").orElse("").contains("code="), reply.headers().map().toString());
        Document page = Jsoup.parse(reply.body());
        assertEquals(status, page.select("#lanyard-app-permission-status").attr("data-status"), reply.body());
        assertFalse(page.select("form#lanyard-app-permission-form").isEmpty(), reply.body());
    }
}
