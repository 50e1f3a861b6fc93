package dev.lanyard.keycloak.it.headless;

import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.Map;

import static dev.lanyard.keycloak.it.headless.HeadlessRealm.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 8707 resource indicators: an audience belongs to the request that named it and to its refreshes, never to
 * later tokens of the client session; a resource may name the clients that may target it; and the token endpoint
 * judges {@code resource} only after Keycloak has authenticated the client.
 */
@ExtendWith(LanyardExtension.class)
class ResourceIndicatorsIT {

    private Lanyard lanyard;
    private HeadlessRealm realm;

    @BeforeEach
    void setUp(Lanyard lanyard) {
        this.lanyard = lanyard;
        this.realm = HeadlessRealm.create(lanyard);
    }

    @Test
    void anAudienceNeverSticksToLaterTokensOfTheClientSession() {
        Browser browser = realm.signedIn(realm.newUser());
        Reply withResource = browser.postJson(realm.api("/oauth/authorize"), """
                {"client_id": "web", "redirect_uri": "%s", "scope": "openid", "state": "s1", "code_challenge": "%s",
                 "code_challenge_method": "S256", "resource": "%s"}""".formatted(HeadlessRealm.WEB, HeadlessRealm.CHALLENGE,
                HeadlessRealm.ORDERS), "Origin", realm.origin());
        Reply first = realm.redeem(HeadlessRealm.code(withResource.json().get("redirect_to").asText()), "web", HeadlessRealm.WEB);
        assertEquals(200, first.status(), first.toString());
        assertTrue(audience(first).contains("orders-api"), audience(first));

        // The same browser signs in to the same client on Keycloak's own page (SSO), without resource.
        Reply later = browser.get(URI.create(lanyard.realm(realm.name(), "/protocol/openid-connect/auth") + "?client_id=web&redirect_uri="
                + enc(HeadlessRealm.WEB) + "&response_type=code&scope=openid&prompt=none&code_challenge=" + HeadlessRealm.CHALLENGE
                + "&code_challenge_method=S256"));
        String code = HeadlessRealm.code(later.header("Location").orElseThrow());
        Reply second = lanyard.browser().postForm(lanyard.realm(realm.name(), "/protocol/openid-connect/token"), Map.of(
                "grant_type", "authorization_code", "code", code, "client_id", "web", "redirect_uri", HeadlessRealm.WEB,
                "code_verifier", HeadlessRealm.VERIFIER));
        assertEquals(200, second.status(), second.toString());
        assertFalse(audience(second).contains("orders-api"), "a later login without resource: " + audience(second));
        Reply secondRefreshed = refresh(second, Map.of());
        assertFalse(audience(secondRefreshed).contains("orders-api"), audience(secondRefreshed));

        Reply firstRefreshed = refresh(first, Map.of());
        assertTrue(audience(firstRefreshed).contains("orders-api"), "the refresh of the request that named it: " + audience(firstRefreshed));
        Reply again = refresh(firstRefreshed, Map.of());
        assertTrue(audience(again).contains("orders-api"), "and the refresh of that refresh: " + audience(again));
    }

    @Test
    void aResourceServesOnlyTheClientsItNames() {
        lanyard.admin().must("POST", "/" + realm.name() + "/clients", """
                {"clientId": "ledger-api", "bearerOnly": true,
                 "attributes": {"lanyard.resource.uri": "https://api.example/ledger", "lanyard.resource.clients": "other"}}""");
        String email = realm.newUser();
        String webToken = realm.passwordGrant("web", email).get("access_token").asText();
        Reply refused = lanyard.browser().get(URI.create(realm.api("/oauth/authorize") + "?client_id=web&redirect_uri="
                + enc(HeadlessRealm.WEB) + "&scope=openid&state=s2&resource=" + enc("https://api.example/ledger")),
                "Authorization", "Bearer " + webToken);
        assertEquals("invalid_target", HeadlessRealm.param(refused.header("Location").orElseThrow(), "error"), refused.toString());

        Reply tokenRefused = lanyard.browser().postForm(realm.api("/oauth/token"), Map.of("grant_type", "password", "client_id", "web",
                "username", email, "password", HeadlessRealm.PASSWORD, "scope", "openid", "resource", "https://api.example/ledger"));
        assertEquals(400, tokenRefused.status(), tokenRefused.toString());
        assertEquals("invalid_target", tokenRefused.json().get("error").asText());

        Reply allowed = lanyard.browser().postForm(realm.api("/oauth/token"), Map.of("grant_type", "password", "client_id", "other",
                "username", email, "password", HeadlessRealm.PASSWORD, "scope", "openid", "resource", "https://api.example/ledger"));
        assertEquals(200, allowed.status(), allowed.toString());
        assertTrue(audience(allowed).contains("ledger-api"), audience(allowed));
    }

    @Test
    void nobodyLearnsTheResourcesWithoutAuthenticatingAsAClient() {
        Reply wrongSecret = lanyard.browser().postForm(realm.api("/oauth/token"), Map.of("grant_type", "client_credentials",
                "client_id", "svc", "client_secret", "not-the-secret", "resource", "https://api.example/unknown"));
        assertEquals(401, wrongSecret.status(), "Keycloak's own refusal of the client comes first: " + wrongSecret);
        Reply wrongSecretKnown = lanyard.browser().postForm(realm.api("/oauth/token"), Map.of("grant_type", "client_credentials",
                "client_id", "svc", "client_secret", "not-the-secret", "resource", HeadlessRealm.ORDERS));
        assertEquals(wrongSecret.status(), wrongSecretKnown.status(), "a known and an unknown resource answer alike: " + wrongSecretKnown);
        assertEquals(wrongSecret.json().get("error").asText(), wrongSecretKnown.json().get("error").asText());

        Reply authenticated = lanyard.browser().postForm(realm.api("/oauth/token"), Map.of("grant_type", "client_credentials",
                "client_id", "svc", "client_secret", "svc-secret", "resource", "https://api.example/unknown"));
        assertEquals(400, authenticated.status(), authenticated.toString());
        assertEquals("invalid_target", authenticated.json().get("error").asText());
    }

    private Reply refresh(Reply tokens, Map<String, String> extra) {
        Map<String, String> form = new java.util.HashMap<>(Map.of("grant_type", "refresh_token", "client_id", "web",
                "refresh_token", tokens.json().get("refresh_token").asText()));
        form.putAll(extra);
        Reply refreshed = lanyard.browser().postForm(realm.api("/oauth/token"), form);
        assertEquals(200, refreshed.status(), refreshed.toString());
        return refreshed;
    }

    private static String audience(Reply tokens) {
        return Reply.claimsOf(tokens.json().get("access_token").asText()).path("aud").toString();
    }
}
