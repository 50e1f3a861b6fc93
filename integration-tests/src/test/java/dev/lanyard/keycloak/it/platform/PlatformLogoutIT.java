package dev.lanyard.keycloak.it.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.lanyard.keycloak.it.platform.PlatformRealm.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Platform and tenant logout (RP-initiated): a request ends the browser's own session, or the session its ID token
 * names, only when that is the browser's session or the request comes from a trusted page; anything else ends
 * nothing and leaves the choice to the user on Keycloak's logout confirmation page.
 */
@ExtendWith(LanyardExtension.class)
class PlatformLogoutIT {

    /** How a browser marks a request that a page of another site started (with and without a Referer, and an old browser). */
    private static final List<String[]> CROSS_SITE = List.of(
            new String[]{"Sec-Fetch-Site", "cross-site", "Referer", "https://evil.example/page"},
            new String[]{"Sec-Fetch-Site", "cross-site"},
            new String[]{"Referer", "https://evil.example/page"},
            new String[0]);
    private static final String[] SAME_ORIGIN = {"Sec-Fetch-Site", "same-origin"};
    private static final String SPA_BYE = "http://localhost:7000/bye";

    private Lanyard lanyard;
    private PlatformRealm platform;

    @BeforeEach
    void setUp(Lanyard lanyard) {
        this.lanyard = lanyard;
        this.platform = PlatformRealm.create(lanyard);
    }

    @Test
    void anAttackersOwnExpiredIdTokenFromAnotherSiteEndsNothingAndShowsKeycloaksConfirmation() throws InterruptedException {
        Browser victim = platform.signedIn(platform.carol());
        Browser attacker = platform.signedIn(platform.alice());
        String hint = expiredIdToken(attacker);

        for (String[] headers : CROSS_SITE) {
            Reply reply = victim.get(logout("/v1/platform/oauth/logout", "?id_token_hint=" + hint + "&state=s-1"
                    + "&post_logout_redirect_uri=" + enc(PlatformRealm.APP_CALLBACK)), headers);
            assertConfirmationPage(victim, reply, List.of(headers).toString());
        }
        assertEquals(1, sessions(platform.carol()), "the victim's session survives");
        assertTrue(hasSsoSession(victim), "and Keycloak still signs the victim in without a page");
        assertEquals(200, victim.get(platform.api("/public/session")).status());
        assertEquals(1, sessions(platform.alice()), "a foreign hint ends no session at all from another site");
    }

    @Test
    void theBrowsersOwnIdTokenEndsItsSessionEvenFromAnotherSite() {
        Browser browser = platform.signedIn(platform.carol());
        String hint = idTokenOf(browser);
        Reply out = browser.get(logout("/v1/platform/oauth/logout", "?id_token_hint=" + hint + "&state=bye-2"
                + "&post_logout_redirect_uri=" + enc(PlatformRealm.APP_CALLBACK)), CROSS_SITE.get(0));
        assertEquals(302, out.status(), "the app signs its own user out, as at Keycloak's endpoint: " + out);
        assertEquals(PlatformRealm.APP_CALLBACK + "?state=bye-2", out.header("Location").orElseThrow());
        assertEquals(0, sessions(platform.carol()));
        assertFalse(hasSsoSession(browser));
        assertEquals(401, browser.get(platform.api("/public/session")).status());
    }

    @Test
    void withoutAHintASameSiteRequestEndsNothingAndTheUserConfirmsOnKeycloaksPage() {
        Browser browser = platform.signedIn(platform.carol());
        Reply reply = browser.get(logout("/v1/platform/oauth/logout", "?client_id=global-spa&state=bye-3"
                + "&post_logout_redirect_uri=" + enc(SPA_BYE)), "Sec-Fetch-Site", "same-site", "Referer", "http://sibling.localhost/");
        Element confirm = assertConfirmationPage(browser, reply, "a sibling subdomain");
        // (no authorize in this browser before the user confirms: its end removes the page's logout session too)
        assertEquals(1, sessions(platform.carol()), "nothing ended before the user confirms");

        Reply confirmed = browser.postForm(URI.create(confirm.absUrl("action")), Map.of(
                "session_code", confirm.select("input[name=session_code]").attr("value"), "confirmLogout", "Logout"));
        assertEquals(302, confirmed.status(), confirmed.toString());
        assertEquals(SPA_BYE + "?state=bye-3", confirmed.header("Location").orElseThrow(), "the app's validated URI, kept for the page");
        assertEquals(0, sessions(platform.carol()), "the user's confirmation ends it");
    }

    @Test
    void withoutAHintATrustedPageEndsTheSession() {
        String firstParty = "http://localhost:7006";
        lanyard.admin().must("POST", "/" + platform.name() + "/clients", """
                {"clientId": "first-party-app", "publicClient": true, "webOrigins": ["%s"], "redirectUris": ["%s/*"],
                 "attributes": {"lanyard.firstParty": "true"}}""".formatted(firstParty, firstParty));
        List<String[]> trusted = List.of(SAME_ORIGIN,
                new String[]{"Referer", lanyard.origin() + "/realms/" + platform.name() + "/account"},
                new String[]{"Sec-Fetch-Site", "cross-site", "Referer", firstParty + "/settings"});
        for (String[] headers : trusted) {
            Browser browser = platform.signedIn(platform.carol());
            Reply out = browser.get(logout("/v1/platform/oauth/logout", ""), headers);
            assertEquals(200, out.status(), List.of(headers) + ": " + out);
            assertEquals("logged_out", out.json().get("status").asText());
            assertEquals(0, sessions(platform.carol()), List.of(headers).toString());
            assertFalse(hasSsoSession(browser));
        }
        Reply nobody = lanyard.browser().get(logout("/v1/platform/oauth/logout", ""), SAME_ORIGIN);
        assertEquals(200, nobody.status(), "no session, nothing to end: " + nobody);
    }

    @Test
    void aTrustedPageWithAnotherSessionsHintEndsOnlyThatSession() {
        Browser browser = platform.signedIn(platform.carol());
        Browser other = platform.signedIn(platform.alice());
        String hint = idTokenOf(other);
        Reply out = browser.get(logout("/v1/platform/oauth/logout", "?id_token_hint=" + hint), SAME_ORIGIN);
        assertEquals(200, out.status(), out.toString());
        assertEquals(0, sessions(platform.alice()), "the session the hint names");
        assertEquals(1, sessions(platform.carol()), "not the browser's own");
        assertTrue(hasSsoSession(browser), "whose cookies stay");
    }

    @Test
    void aHintWithABadSignatureOrOfAnotherKindIsRefusedAndEndsNothing() {
        Browser browser = platform.signedIn(platform.carol());
        JsonNode tokens = tokensOf(browser);
        String idToken = tokens.get("id_token").asText();
        String forged = idToken.substring(0, idToken.lastIndexOf('.') + 1) + "AAAA" + idToken.substring(idToken.lastIndexOf('.') + 5);
        String[] hints = {forged, "forged.token.here", tokens.get("access_token").asText()};
        for (String hint : hints) {
            for (String[] headers : List.of(SAME_ORIGIN, CROSS_SITE.get(0))) {
                Reply reply = browser.get(logout("/v1/platform/oauth/logout", "?id_token_hint=" + enc(hint)), headers);
                assertEquals(400, reply.status(), reply.toString());
                assertEquals("invalid_request", reply.json().get("error").asText(), reply.toString());
            }
        }
        assertEquals(1, sessions(platform.carol()));
        assertTrue(hasSsoSession(browser));
    }

    @Test
    void theTenantRouteFollowsTheSameRules() {
        String route = "/v1/auth/tenants/acme/oauth/logout";
        Browser victim = platform.signedIn(platform.carol());
        String foreign = idTokenOf(platform.signedIn(platform.alice()));
        assertConfirmationPage(victim, victim.get(logout(route, "?id_token_hint=" + foreign), CROSS_SITE.get(0)), "foreign hint");
        assertConfirmationPage(victim, victim.get(logout(route, ""), "Sec-Fetch-Site", "same-site"), "no hint, same site");
        assertEquals(1, sessions(platform.carol()));
        assertEquals(1, sessions(platform.alice()));

        Reply own = victim.get(logout(route, "?id_token_hint=" + idTokenOf(victim)), CROSS_SITE.get(0));
        assertEquals(200, own.status(), own.toString());
        assertEquals(0, sessions(platform.carol()));

        Reply unknown = lanyard.browser().get(platform.api("/v1/auth/tenants/no-such-tenant/oauth/logout"), SAME_ORIGIN);
        assertEquals(404, unknown.status(), unknown.toString());
    }

    @Test
    void aTrustedLogoutRedirectsOnlyToRegisteredUris() {
        Browser browser = platform.signedIn(platform.carol());
        Reply out = browser.get(logout("/v1/platform/oauth/logout", "?client_id=global-spa&state=bye-1"
                + "&post_logout_redirect_uri=" + enc(SPA_BYE)), SAME_ORIGIN);
        assertEquals(302, out.status(), out.toString());
        assertEquals(SPA_BYE + "?state=bye-1", out.header("Location").orElseThrow());
        assertEquals(0, sessions(platform.carol()), "the Keycloak session is over");
        assertEquals(401, browser.get(platform.api("/public/session")).status());

        Browser again = platform.signedIn(platform.carol());
        Reply evil = again.get(logout("/v1/platform/oauth/logout", "?client_id=global-spa"
                + "&post_logout_redirect_uri=" + enc("https://evil.example/bye")), SAME_ORIGIN);
        assertEquals(200, evil.status(), evil.toString());
        assertTrue(evil.header("Location").isEmpty(), "never to an unregistered URI: " + evil);
        assertEquals("logged_out", evil.json().get("status").asText());
        assertEquals(0, sessions(platform.carol()));

        Browser viaLoginPage = lanyard.browser();
        URI authorize = URI.create(platform.platform("/oauth/authorize") + "?client_id=global-app&response_type=code&scope=openid"
                + "&redirect_uri=" + enc(PlatformRealm.APP_CALLBACK) + "&login_hint=" + enc(platform.alice()));
        platform.signInAt(viaLoginPage, URI.create(viaLoginPage.get(authorize).header("Location").orElseThrow()), platform.alice());
        assertEquals(1, sessions(platform.alice()), "a session from Keycloak's login page, known by its SSO cookie");
        Reply byHint = viaLoginPage.get(logout("/v1/platform/oauth/logout", "?id_token_hint=" + idTokenOf(viaLoginPage)
                + "&post_logout_redirect_uri=" + enc(PlatformRealm.APP_CALLBACK)), CROSS_SITE.get(1));
        assertEquals(302, byHint.status(), "the client of the ID token registered it: " + byHint);
        assertEquals(PlatformRealm.APP_CALLBACK, byHint.header("Location").orElseThrow());
        assertEquals(0, sessions(platform.alice()));
    }

    /**
     * Asserts that {@code reply} sends the browser to Keycloak's own logout endpoint and that this shows its
     * confirmation form (nothing is ended there before the user confirms); returns that form.
     */
    private Element assertConfirmationPage(Browser browser, Reply reply, String context) {
        assertEquals(302, reply.status(), context + ": " + reply);
        String location = reply.header("Location").orElseThrow();
        assertTrue(location.startsWith(lanyard.realm(platform.name(), "/protocol/openid-connect/logout").toString()), context + ": " + location);
        assertFalse(location.contains("id_token_hint"), "the hint stays behind: " + location);
        Reply page = browser.get(URI.create(location));
        assertEquals(200, page.status(), context + ": " + page);
        Element form = Jsoup.parse(page.body(), location).selectFirst("form[action*=logout-confirm]");
        assertTrue(form != null, context + ": Keycloak's logout confirmation: " + page.body());
        return form;
    }

    private URI logout(String route, String query) {
        return URI.create(platform.api(route) + query);
    }

    private int sessions(String email) {
        String userId = lanyard.admin().userId(platform.name(), email).orElseThrow();
        return lanyard.admin().getJson("/" + platform.name() + "/users/" + userId + "/sessions").size();
    }

    /** Whether Keycloak's native authorize with {@code prompt=none} still signs this browser in (issues a code). */
    private boolean hasSsoSession(Browser browser) {
        return promptNoneCode(browser, "global-app", PlatformRealm.APP_CALLBACK).isPresent();
    }

    private String idTokenOf(Browser browser) {
        return tokensOf(browser).get("id_token").asText();
    }

    /** global-app's tokens for the browser's SSO session (native authorize with prompt=none, then the code). */
    private JsonNode tokensOf(Browser browser) {
        return redeem(promptNoneCode(browser, "global-app", PlatformRealm.APP_CALLBACK).orElseThrow(),
                "global-app", PlatformRealm.SECRET, PlatformRealm.APP_CALLBACK);
    }

    /** An ID token of the browser's session from a client of its own whose tokens live one second, once it has expired. */
    private String expiredIdToken(Browser browser) throws InterruptedException {
        String redirect = "http://localhost:7005/cb";
        lanyard.admin().must("POST", "/" + platform.name() + "/clients", """
                {"clientId": "short-lived", "publicClient": false, "secret": "short-secret", "standardFlowEnabled": true,
                 "redirectUris": ["%s"], "attributes": {"access.token.lifespan": "1", "lanyard.platform.scope": "GLOBAL",
                 "post.logout.redirect.uris": "+"}}""".formatted(redirect));
        String idToken = redeem(promptNoneCode(browser, "short-lived", redirect).orElseThrow(), "short-lived", "short-secret", redirect)
                .get("id_token").asText();
        long exp = Reply.claimsOf(idToken).get("exp").asLong();
        while (System.currentTimeMillis() / 1000 <= exp) {
            Thread.sleep(250);
        }
        return idToken;
    }

    private Optional<String> promptNoneCode(Browser browser, String clientId, String redirect) {
        Reply reply = browser.get(lanyard.realm(platform.name(), "/protocol/openid-connect/auth?client_id=" + clientId
                + "&response_type=code&scope=openid&prompt=none&state=probe&redirect_uri=" + enc(redirect)));
        assertEquals(302, reply.status(), reply.toString());
        String location = reply.header("Location").orElseThrow();
        return location.matches(".*[?&]code=.*") ? Optional.of(location.replaceAll(".*[?&]code=([^&]+).*", "$1")) : Optional.empty();
    }

    private JsonNode redeem(String code, String clientId, String secret, String redirect) {
        Reply tokens = lanyard.browser().postForm(lanyard.realm(platform.name(), "/protocol/openid-connect/token"), Map.of(
                "grant_type", "authorization_code", "code", code, "redirect_uri", redirect, "client_id", clientId, "client_secret", secret));
        assertEquals(200, tokens.status(), tokens.toString());
        return tokens.json();
    }
}
