package dev.lanyard.keycloak.it.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.Map;

import static dev.lanyard.keycloak.it.platform.PlatformRealm.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Platform token (every grant, Basic and body client auth), userinfo and discovery (logout: {@link PlatformLogoutIT}). */
@ExtendWith(LanyardExtension.class)
class PlatformTokenIT {

    private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

    private Lanyard lanyard;
    private PlatformRealm platform;

    @BeforeEach
    void setUp(Lanyard lanyard) {
        this.lanyard = lanyard;
        this.platform = PlatformRealm.create(lanyard);
    }

    @Test
    void clientCredentialsWithBasicAndWithBody() {
        Reply basic = token(Map.of("grant_type", "client_credentials"), PlatformRealm.basic("global-app", PlatformRealm.SECRET));
        assertEquals(200, basic.status(), basic.toString());
        assertTrue(basic.json().has("access_token"));
        Reply body = token(Map.of("grant_type", "client_credentials", "client_id", "global-app", "client_secret", PlatformRealm.SECRET), null);
        assertEquals(200, body.status(), body.toString());

        Reply wrong = token(Map.of("grant_type", "client_credentials"), PlatformRealm.basic("global-app", "wrong"));
        assertEquals(401, wrong.status(), wrong.toString());
        assertTrue(wrong.json().has("error"), wrong.toString());
    }

    @Test
    void authorizationCodeRefreshAndTokenExchangeWithBothClientAuthentications() {
        Browser browser = lanyard.browser();
        URI authorize = URI.create(platform.platform("/oauth/authorize") + "?client_id=global-app&response_type=code&scope=openid"
                + "&state=t1&redirect_uri=" + enc(PlatformRealm.APP_CALLBACK) + "&login_hint=" + enc(platform.alice()));
        Reply next = browser.get(authorize);
        assertEquals(302, next.status(), next.toString());
        Reply done = platform.signInAt(browser, URI.create(next.header("Location").orElseThrow()), platform.alice());
        String code = done.header("Location").orElseThrow().replaceAll(".*[?&]code=([^&]+).*", "$1");

        Reply tokens = token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", PlatformRealm.APP_CALLBACK),
                PlatformRealm.basic("global-app", PlatformRealm.SECRET));
        assertEquals(200, tokens.status(), tokens.toString());

        Reply refreshed = token(Map.of("grant_type", "refresh_token", "refresh_token", tokens.json().get("refresh_token").asText(),
                "client_id", "global-app", "client_secret", PlatformRealm.SECRET), null);
        assertEquals(200, refreshed.status(), refreshed.toString());

        Reply exchanged = token(Map.of("grant_type", TOKEN_EXCHANGE, "subject_token", refreshed.json().get("access_token").asText(),
                "subject_token_type", ACCESS_TOKEN_TYPE), PlatformRealm.basic("global-app", PlatformRealm.SECRET));
        assertEquals(200, exchanged.status(), exchanged.toString());
        assertEquals(platform.alice(), Reply.claimsOf(exchanged.json().get("access_token").asText()).get("email").asText());

        Reply reused = token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", PlatformRealm.APP_CALLBACK),
                PlatformRealm.basic("global-app", PlatformRealm.SECRET));
        assertEquals(400, reused.status(), "a code works once: " + reused);
        assertEquals("invalid_grant", reused.json().get("error").asText());
    }

    @Test
    void malformedTokenRequestsAnswer422AndUnknownGrantsStayOAuth() {
        Reply missing = token(Map.of("client_id", "global-app"), null);
        assertEquals(422, missing.status(), missing.toString());
        JsonNode problem = missing.json().get("detail").get(0);
        assertEquals("[body, grant_type]", Reply.texts(problem.get("loc")).toString());
        assertEquals("missing", problem.get("type").asText());
        assertTrue(problem.get("msg").isTextual());

        Reply empty = lanyard.browser().send("POST", platform.platform("/oauth/token"), null, null);
        assertEquals(422, empty.status(), "no body at all: " + empty);

        Reply mistyped = lanyard.browser().postJson(platform.platform("/oauth/token"), "{\"grant_type\": 7}");
        assertEquals(422, mistyped.status(), mistyped.toString());
        assertEquals("string_type", mistyped.json().get("detail").get(0).get("type").asText());

        Reply unknown = token(Map.of("grant_type", "magic", "client_id", "global-app", "client_secret", PlatformRealm.SECRET), null);
        assertEquals(400, unknown.status(), unknown.toString());
        assertEquals("unsupported_grant_type", unknown.json().get("error").asText());

        Reply badEscape = lanyard.browser().send("POST", platform.platform("/oauth/token"), "application/x-www-form-urlencoded", "grant_type=%zz");
        assertEquals(400, badEscape.status(), badEscape.toString());
    }

    @Test
    void userInfoNeedsTheAuthorizationHeaderAndAnswersForTheToken() {
        Reply noHeader = lanyard.browser().get(platform.platform("/oauth/userinfo"));
        assertEquals(422, noHeader.status(), noHeader.toString());
        assertEquals("[header, authorization]", Reply.texts(noHeader.json().get("detail").get(0).get("loc")).toString());

        String access = userToken();
        Reply get = lanyard.browser().get(platform.platform("/oauth/userinfo"), "Authorization", "Bearer " + access);
        assertEquals(200, get.status(), get.toString());
        assertEquals(platform.alice(), get.json().get("email").asText());
        Reply post = lanyard.browser().send("POST", platform.platform("/oauth/userinfo"), null, null, "Authorization", "Bearer " + access);
        assertEquals(200, post.status(), post.toString());

        Reply bad = lanyard.browser().get(platform.platform("/oauth/userinfo"), "Authorization", "Bearer not-a-token");
        assertEquals(401, bad.status(), bad.toString());
    }

    @Test
    void discoveryNamesThePlatformRoutesAndTheJwksIsTheRealms() {
        Reply discovery = lanyard.browser().get(platform.platform("/oauth/.well-known/openid-configuration"));
        assertEquals(200, discovery.status(), discovery.toString());
        JsonNode document = discovery.json();
        assertEquals(lanyard.realm(platform.name(), "").toString(), document.get("issuer").asText());
        Map<String, String> endpoints = Map.of("authorization_endpoint", "/oauth/authorize", "token_endpoint", "/oauth/token",
                "userinfo_endpoint", "/oauth/userinfo", "jwks_uri", "/.well-known/jwks.json",
                "device_authorization_endpoint", "/oauth/device/authorize", "end_session_endpoint", "/oauth/logout");
        endpoints.forEach((name, path) -> assertEquals(platform.platform(path).toString(), document.get(name).asText(), name));
        assertTrue(Reply.texts(document.get("grant_types_supported")).contains("urn:ietf:params:oauth:grant-type:device_code"));
        assertTrue(Reply.texts(document.get("response_types_supported")).contains("code"));
        assertTrue(Reply.texts(document.get("code_challenge_methods_supported")).contains("S256"));

        Reply jwks = lanyard.browser().get(platform.platform("/.well-known/jwks.json"));
        assertEquals(200, jwks.status(), jwks.toString());
        Reply certs = lanyard.browser().get(lanyard.realm(platform.name(), "/protocol/openid-connect/certs"));
        assertEquals(certs.json(), jwks.json());
        assertFalse(jwks.json().get("keys").isEmpty());
    }

    private String userToken() {
        return codeFlowTokens(lanyard.browser()).get("access_token").asText();
    }

    /** Alice through the platform authorize and Keycloak's login page to global-app's tokens. */
    private JsonNode codeFlowTokens(Browser browser) {
        URI authorize = URI.create(platform.platform("/oauth/authorize") + "?client_id=global-app&response_type=code&scope=openid"
                + "&redirect_uri=" + enc(PlatformRealm.APP_CALLBACK) + "&login_hint=" + enc(platform.alice()));
        Reply done = platform.signInAt(browser, URI.create(browser.get(authorize).header("Location").orElseThrow()), platform.alice());
        String code = done.header("Location").orElseThrow().replaceAll(".*[?&]code=([^&]+).*", "$1");
        Reply tokens = token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", PlatformRealm.APP_CALLBACK,
                "client_id", "global-app", "client_secret", PlatformRealm.SECRET), null);
        assertEquals(200, tokens.status(), tokens.toString());
        return tokens.json();
    }

    private Reply token(Map<String, String> form, String authorization) {
        return authorization == null
                ? lanyard.browser().postForm(platform.platform("/oauth/token"), form)
                : lanyard.browser().postForm(platform.platform("/oauth/token"), form, "Authorization", authorization);
    }
}
