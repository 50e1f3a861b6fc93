package dev.lanyard.keycloak.it.headless;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.dpop.DPoPProofFactory;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 002: authorize with a bearer user token issues the code itself; any other bearer is refused, and so is a
 * token not meant for this route (issue 28): one without the scope {@code lanyard-authorize}, one narrowed to a
 * resource server by {@code resource}, a DPoP-bound one without its proof.
 */
@ExtendWith(LanyardExtension.class)
class BearerAuthorizeIT {

    private Lanyard lanyard;
    private HeadlessRealm realm;

    @BeforeEach
    void setUp(Lanyard lanyard) {
        this.lanyard = lanyard;
        this.realm = HeadlessRealm.create(lanyard);
    }

    @Test
    void aFirstPartyTokenGetsACodeRedeemedOnceWithPkceAndNonce() {
        String email = realm.newUser();
        String token = realm.passwordGrant("web", email).get("access_token").asText();
        Reply reply = authorize(token, "web", HeadlessRealm.WEB, "&state=st-1&nonce=n-1&code_challenge=" + HeadlessRealm.CHALLENGE
                + "&code_challenge_method=S256");
        assertEquals(302, reply.status(), reply.toString());
        String location = reply.header("Location").orElseThrow();
        assertTrue(location.startsWith(HeadlessRealm.WEB + "?"), location);
        assertEquals("st-1", HeadlessRealm.param(location, "state"));

        Reply tokens = realm.redeem(HeadlessRealm.code(location), "web", HeadlessRealm.WEB);
        assertEquals(200, tokens.status(), tokens.toString());
        assertEquals("n-1", Reply.claimsOf(tokens.json().get("id_token").asText()).get("nonce").asText());
        assertEquals(email, Reply.claimsOf(tokens.json().get("access_token").asText()).get("email").asText());
        Reply again = realm.redeem(HeadlessRealm.code(location), "web", HeadlessRealm.WEB);
        assertEquals(400, again.status(), "a code works once: " + again);

        // Keycloak ends the client session whose code was replayed: a new session for the next check.
        String fresh = realm.passwordGrant("web", email).get("access_token").asText();
        Reply wrongVerifier = lanyard.browser().postForm(realm.api("/oauth/token"), Map.of("grant_type", "authorization_code",
                "code", HeadlessRealm.code(authorize(fresh, "web", HeadlessRealm.WEB, "&code_challenge=" + HeadlessRealm.CHALLENGE
                        + "&code_challenge_method=S256").header("Location").orElseThrow()),
                "client_id", "web", "redirect_uri", HeadlessRealm.WEB, "code_verifier", "x".repeat(43)));
        assertEquals(400, wrongVerifier.status(), "the code is bound to its PKCE challenge: " + wrongVerifier);
    }

    @Test
    void postAuthorizeWithABearerAnswersTheRedirectAsJson() {
        String token = realm.passwordGrant("web", realm.newUser()).get("access_token").asText();
        Reply reply = lanyard.browser().postJson(realm.api("/oauth/authorize"), """
                {"client_id": "web", "redirect_uri": "%s", "scope": "openid", "state": "st-b", "code_challenge": "%s",
                 "code_challenge_method": "S256"}""".formatted(HeadlessRealm.WEB, HeadlessRealm.CHALLENGE),
                "Authorization", "Bearer " + token);
        assertEquals(200, reply.status(), reply.toString());
        String redirect = reply.json().get("redirect_to").asText();
        assertEquals("st-b", HeadlessRealm.param(redirect, "state"));
        assertEquals(200, realm.redeem(HeadlessRealm.code(redirect), "web", HeadlessRealm.WEB).status());
    }

    @Test
    void plainPkceWithoutNonceRedeemsAtKeycloaksOwnTokenEndpoint() {
        String token = realm.passwordGrant("web", realm.newUser()).get("access_token").asText();
        String verifier = "plain-verifier-plain-verifier-plain-verifier-1";
        Reply reply = authorize(token, "web", HeadlessRealm.WEB, "&code_challenge=" + verifier + "&code_challenge_method=plain");
        String code = HeadlessRealm.code(reply.header("Location").orElseThrow());
        Reply tokens = lanyard.browser().postForm(lanyard.realm(realm.name(), "/protocol/openid-connect/token"), Map.of(
                "grant_type", "authorization_code", "code", code, "client_id", "web", "redirect_uri", HeadlessRealm.WEB,
                "code_verifier", verifier));
        assertEquals(200, tokens.status(), tokens.toString());
        assertNull(Reply.claimsOf(tokens.json().get("id_token").asText()).get("nonce"));
    }

    @Test
    void aTokenOfTheClientItselfWorksAndEveryOtherBearerIsRefused() throws InterruptedException {
        String email = realm.newUser();
        String other = realm.passwordGrant("other", email).get("access_token").asText();
        assertEquals(302, authorize(other, "other", HeadlessRealm.OTHER, "").status(), "its own token");
        assertRefused(authorize(other, "web", HeadlessRealm.WEB, ""), "another (third-party) client's token");

        Reply service = lanyard.browser().postForm(lanyard.realm(realm.name(), "/protocol/openid-connect/token"), Map.of(
                "grant_type", "client_credentials", "client_id", "svc", "client_secret", "svc-secret"));
        assertRefused(authorize(service.json().get("access_token").asText(), "web", HeadlessRealm.WEB, ""), "a client-credentials token");

        JsonNode ended = realm.passwordGrant("web", email);
        String userId = lanyard.admin().userId(realm.name(), email).orElseThrow();
        lanyard.admin().must("POST", "/" + realm.name() + "/users/" + userId + "/logout", null);
        assertRefused(authorize(ended.get("access_token").asText(), "web", HeadlessRealm.WEB, ""), "a token whose session ended");

        String shortLived = realm.passwordGrant("web-short", realm.newUser()).get("access_token").asText();
        Thread.sleep(2100);
        assertRefused(authorize(shortLived, "web", HeadlessRealm.WEB, ""), "an expired token");
        assertRefused(authorize("not-a-token", "web", HeadlessRealm.WEB, ""), "garbage");
    }

    @Test
    void unknownClientsAndUnregisteredRedirectsAre400sAndNeverRedirects() {
        String token = realm.passwordGrant("web", realm.newUser()).get("access_token").asText();
        Reply unknown = authorize(token, "nope", HeadlessRealm.WEB, "");
        assertEquals(400, unknown.status(), unknown.toString());
        assertTrue(unknown.header("Location").isEmpty());
        Reply evil = authorize(token, "web", "https://evil.example/cb", "");
        assertEquals(400, evil.status(), evil.toString());
        assertTrue(evil.json().has("error") && evil.header("Location").isEmpty(), evil.toString());

        Reply badScope = authorize(token, "web", HeadlessRealm.WEB, "&state=s-2&scope=" + enc("openid no-such-scope"));
        assertEquals(302, badScope.status(), badScope.toString());
        String location = badScope.header("Location").orElseThrow();
        assertEquals("invalid_scope", HeadlessRealm.param(location, "error"), location);
        assertEquals("s-2", HeadlessRealm.param(location, "state"));
    }

    @Test
    void resourceIndicatorsLandInTheAudienceAndUnknownOnesAreInvalidTarget() {
        String email = realm.newUser();
        String token = realm.passwordGrant("web", email).get("access_token").asText();
        Reply both = authorize(token, "web", HeadlessRealm.WEB, "&code_challenge=" + HeadlessRealm.CHALLENGE
                + "&code_challenge_method=S256&resource=" + enc(HeadlessRealm.ORDERS) + "&resource=" + enc(HeadlessRealm.BILLING));
        assertEquals(302, both.status(), both.toString());
        Reply tokens = lanyard.browser().postForm(lanyard.realm(realm.name(), "/protocol/openid-connect/token"), Map.of(
                "grant_type", "authorization_code", "code", HeadlessRealm.code(both.header("Location").orElseThrow()),
                "client_id", "web", "redirect_uri", HeadlessRealm.WEB, "code_verifier", HeadlessRealm.VERIFIER));
        assertEquals(200, tokens.status(), tokens.toString());
        String audience = Reply.claimsOf(tokens.json().get("access_token").asText()).get("aud").toString();
        assertTrue(audience.contains("orders-api") && audience.contains("billing-api"), "redeemed natively: " + audience);

        Reply unknown = authorize(token, "web", HeadlessRealm.WEB, "&state=s-3&resource=" + enc("https://api.example/unknown"));
        assertEquals("invalid_target", HeadlessRealm.param(unknown.header("Location").orElseThrow(), "error"));

        Reply one = authorize(token, "web", HeadlessRealm.WEB, "&code_challenge=" + HeadlessRealm.CHALLENGE
                + "&code_challenge_method=S256&resource=" + enc(HeadlessRealm.ORDERS));
        Reply redeemed = realm.redeem(HeadlessRealm.code(one.header("Location").orElseThrow()), "web", HeadlessRealm.WEB);
        String single = Reply.claimsOf(redeemed.json().get("access_token").asText()).get("aud").toString();
        assertTrue(single.contains("orders-api") && !single.contains("billing-api"), single);

        lanyard.admin().must("POST", "/" + realm.name() + "/clients", """
                {"clientId": "impostor", "bearerOnly": true, "attributes": {"lanyard.resource.uri": "%s"}}""".formatted(HeadlessRealm.ORDERS));
        Reply claimedTwice = authorize(token, "web", HeadlessRealm.WEB, "&state=s-4&resource=" + enc(HeadlessRealm.ORDERS));
        assertEquals("invalid_target", HeadlessRealm.param(claimedTwice.header("Location").orElseThrow(), "error"),
                "a resource that two clients claim names neither");

        Reply refreshed = lanyard.browser().postJson(realm.api("/oauth/token"), """
                {"grant_type": "refresh_token", "client_id": "web", "refresh_token": "%s", "resource": ["%s"]}"""
                .formatted(redeemed.json().get("refresh_token").asText(), HeadlessRealm.BILLING));

        assertEquals(200, refreshed.status(), refreshed.toString());
        assertTrue(Reply.claimsOf(refreshed.json().get("access_token").asText()).get("aud").toString().contains("billing-api"));
        Reply badTarget = lanyard.browser().postForm(realm.api("/oauth/token"), Map.of("grant_type", "refresh_token", "client_id", "web",
                "refresh_token", redeemed.json().get("refresh_token").asText(), "resource", "https://api.example/unknown"));
        assertEquals(400, badTarget.status(), badTarget.toString());
        assertEquals("invalid_target", badTarget.json().get("error").asText());
    }

    @Test
    void lanyardAddsTheAuthorizeScopeAsAnOptionalScopeAndNeverChangesIt() {
        String id = HeadlessRealm.clientScopeId(lanyard, realm.name(), HeadlessRealm.AUTHORIZE_SCOPE);
        JsonNode scope = lanyard.admin().getJson("/" + realm.name() + "/client-scopes/" + id);
        assertEquals("openid-connect", scope.get("protocol").asText());
        assertEquals("true", scope.get("attributes").get("include.in.token.scope").asText(), scope.toString());
        assertEquals("false", scope.get("attributes").get("display.on.consent.screen").asText(), scope.toString());
        assertTrue(lanyard.admin().getJson("/" + realm.name() + "/default-optional-client-scopes").toString()
                .contains(HeadlessRealm.AUTHORIZE_SCOPE), "new clients get it as an optional scope");

        lanyard.admin().must("PUT", "/" + realm.name() + "/client-scopes/" + id, """
                {"id": "%s", "name": "%s", "protocol": "openid-connect", "description": "edited by an admin",
                 "attributes": {"include.in.token.scope": "true", "display.on.consent.screen": "false"}}"""
                .formatted(id, HeadlessRealm.AUTHORIZE_SCOPE));
        JsonNode web = lanyard.admin().client(realm.name(), "web");
        lanyard.admin().must("PUT", "/" + realm.name() + "/clients/" + web.get("id").asText(), web.toString());
        assertEquals("edited by an admin", lanyard.admin().getJson("/" + realm.name() + "/client-scopes/" + id)
                .get("description").asText(), "an existing scope is never changed");
    }

    @Test
    void aFirstPartyTokenWithoutTheAuthorizeScopeGetsNoCodeAndNoCookie() {
        String email = realm.newUser();
        String token = realm.passwordGrant("web", email, "openid").get("access_token").asText();
        assertFalse(Reply.claimsOf(token).get("scope").asText().contains(HeadlessRealm.AUTHORIZE_SCOPE));

        assertInsufficientScope(authorize(token, "web", HeadlessRealm.WEB, ""), "GET, its own client");
        assertInsufficientScope(authorize(token, "other", HeadlessRealm.OTHER, ""), "GET, another client");
        assertInsufficientScope(lanyard.browser().postJson(realm.api("/oauth/authorize"), """
                {"client_id": "other", "redirect_uri": "%s", "scope": "openid"}""".formatted(HeadlessRealm.OTHER),
                "Authorization", "Bearer " + token), "POST");

        String own = realm.passwordGrant("other", email, "openid").get("access_token").asText();
        assertInsufficientScope(authorize(own, "other", HeadlessRealm.OTHER, ""), "a client's own token without the scope");
    }

    @Test
    void aTokenNarrowedToAResourceServerIsRefusedEvenWithTheScope() {
        String email = realm.newUser();
        String token = realm.passwordGrant("web", email).get("access_token").asText();
        Reply code = authorize(token, "web", HeadlessRealm.WEB, "&scope=" + enc("openid " + HeadlessRealm.AUTHORIZE_SCOPE)
                + "&code_challenge=" + HeadlessRealm.CHALLENGE + "&code_challenge_method=S256&resource=" + enc(HeadlessRealm.ORDERS));
        Reply tokens = lanyard.browser().postForm(lanyard.realm(realm.name(), "/protocol/openid-connect/token"), Map.of(
                "grant_type", "authorization_code", "code", HeadlessRealm.code(code.header("Location").orElseThrow()),
                "client_id", "web", "redirect_uri", HeadlessRealm.WEB, "code_verifier", HeadlessRealm.VERIFIER));
        assertEquals(200, tokens.status(), tokens.toString());
        String forOrders = tokens.json().get("access_token").asText();
        JsonNode claims = Reply.claimsOf(forOrders);
        assertTrue(claims.get("aud").toString().contains("orders-api"), claims.toString());
        assertTrue(claims.get("scope").asText().contains(HeadlessRealm.AUTHORIZE_SCOPE), claims.toString());

        // orders-api replays the token it received to get a code of another client.
        assertRefused(authorize(forOrders, "other", HeadlessRealm.OTHER, ""), "a token minted for orders-api");
        assertRefused(authorize(forOrders, "web", HeadlessRealm.WEB, ""), "a token minted for orders-api, its own client");

        Reply refreshed = lanyard.browser().postForm(realm.api("/oauth/token"), Map.of("grant_type", "refresh_token",
                "client_id", "web", "refresh_token", tokens.json().get("refresh_token").asText(), "resource", HeadlessRealm.BILLING));
        assertEquals(200, refreshed.status(), refreshed.toString());
        assertRefused(authorize(refreshed.json().get("access_token").asText(), "other", HeadlessRealm.OTHER, ""),
                "a token refreshed for billing-api");
    }

    @Test
    void aDpopBoundTokenNeedsAValidProofOfItsKey() throws JOSEException {
        DPoPProofFactory proofs = new DefaultDPoPProofFactory(new ECKeyGenerator(Curve.P_256).generate(), JWSAlgorithm.ES256);
        URI tokenEndpoint = lanyard.realm(realm.name(), "/protocol/openid-connect/token");
        JsonNode tokens = realm.passwordGrant("web-dpop", realm.newUser(), "openid " + HeadlessRealm.AUTHORIZE_SCOPE,
                "DPoP", proofs.createDPoPJWT("POST", tokenEndpoint).serialize());
        String token = tokens.get("access_token").asText();
        assertEquals("DPoP", tokens.get("token_type").asText(), tokens.toString());
        assertTrue(Reply.claimsOf(token).path("cnf").has("jkt"), "sender-constrained: " + Reply.claimsOf(token));

        assertRefused(authorize(token, "other", HeadlessRealm.OTHER, ""), "a DPoP-bound token as a plain bearer");
        assertRefused(authorize("DPoP " + token, "other", HeadlessRealm.OTHER, "", new String[0]), "the DPoP scheme without a proof");
        assertRefused(authorize("DPoP " + token, "other", HeadlessRealm.OTHER, "", "DPoP",
                proofs.createDPoPJWT("POST", tokenEndpoint, new DPoPAccessToken(token)).serialize()), "a proof of another request");
        String otherKey = new DefaultDPoPProofFactory(new ECKeyGenerator(Curve.P_256).generate(), JWSAlgorithm.ES256)
                .createDPoPJWT("GET", realm.api("/oauth/authorize"), new DPoPAccessToken(token)).serialize();
        assertRefused(authorize("DPoP " + token, "other", HeadlessRealm.OTHER, "", "DPoP", otherKey), "a proof by another key");

        Reply proven = authorize("DPoP " + token, "other", HeadlessRealm.OTHER, "", "DPoP",
                proofs.createDPoPJWT("GET", realm.api("/oauth/authorize"), new DPoPAccessToken(token)).serialize());
        assertEquals(302, proven.status(), "the holder of the key gets its code: " + proven);
        assertTrue(HeadlessRealm.code(proven.header("Location").orElseThrow()) != null, proven.toString());
    }

    private Reply authorize(String token, String clientId, String redirectUri, String extra) {
        return authorize("Bearer " + token, clientId, redirectUri, extra, new String[0]);
    }

    /** GET authorize with the {@code Authorization} value {@code authorization} and further headers. */
    private Reply authorize(String authorization, String clientId, String redirectUri, String extra, String... headers) {
        Browser browser = lanyard.browser();
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = authorization;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return browser.get(URI.create(realm.api("/oauth/authorize") + "?response_type=code&client_id=" + clientId
                + "&redirect_uri=" + enc(redirectUri) + (extra.contains("scope=") ? "" : "&scope=openid") + extra), all);
    }

    private static void assertRefused(Reply reply, String what) {
        assertEquals(401, reply.status(), what + ": " + reply);
        assertEquals("invalid_token", reply.json().get("error").asText(), what);
        assertTrue(reply.header("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""), what + ": " + reply.headers());
        assertTrue(reply.header("Location").isEmpty(), what + " is never redirected");
        assertTrue(reply.headers().allValues("Set-Cookie").isEmpty(), what + " sets no cookie: " + reply.headers());
    }

    private static void assertInsufficientScope(Reply reply, String what) {
        assertEquals(403, reply.status(), what + ": " + reply);
        assertEquals("insufficient_scope", reply.json().get("error").asText(), what);
        assertTrue(reply.header("WWW-Authenticate").orElse("").contains("error=\"insufficient_scope\""), what + ": " + reply.headers());
        assertTrue(reply.json().has("error_description"), what);
        assertTrue(reply.header("Location").isEmpty() && !reply.json().has("redirect_to"), what + " is never redirected");
        assertTrue(reply.headers().allValues("Set-Cookie").isEmpty(), what + " sets no cookie: " + reply.headers());
    }
}
