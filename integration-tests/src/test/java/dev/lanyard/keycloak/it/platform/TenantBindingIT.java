package dev.lanyard.keycloak.it.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static dev.lanyard.keycloak.it.platform.PlatformRealm.CHALLENGE;
import static dev.lanyard.keycloak.it.platform.PlatformRealm.PASSWORD;
import static dev.lanyard.keycloak.it.platform.PlatformRealm.VERIFIER;
import static dev.lanyard.keycloak.it.platform.PlatformRealm.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tenant's own app ({@code lanyard.platform.tenant} = {@code acme}) gets tokens only for members of acme, on every
 * grant and path, native ones included, and its tokens name acme. Alice is a member of acme; Bob only of globex.
 */
@ExtendWith(LanyardExtension.class)
class TenantBindingIT {

    private static final String CALLBACK = "http://localhost:7001/cb";

    private Lanyard lanyard;
    private PlatformRealm platform;

    @BeforeEach
    void setUp(Lanyard lanyard) {
        this.lanyard = lanyard;
        this.platform = PlatformRealm.create(lanyard);
        lanyard.admin().must("POST", "/" + platform.name() + "/clients", """
                {"clientId": "acme-cli", "publicClient": true, "standardFlowEnabled": false, "directAccessGrantsEnabled": true,
                 "defaultClientScopes": ["basic", "profile", "email"], "optionalClientScopes": ["organization"],
                 "attributes": {"lanyard.platform.tenant": "acme"}}""");
        lanyard.admin().must("POST", "/" + platform.name() + "/clients", """
                {"clientId": "acme-tv", "publicClient": true, "standardFlowEnabled": false,
                 "defaultClientScopes": ["basic", "profile", "email"],
                 "attributes": {"lanyard.platform.tenant": "acme", "oauth2.device.authorization.grant.enabled": "true",
                                "oauth2.device.polling.interval": "1"}}""");
    }

    @Test
    void thePasswordGrantServesMembersOnlyAtBothTokenEndpoints() {
        for (URI endpoint : List.of(lanyard.realm(platform.name(), "/protocol/openid-connect/token"), platform.api("/oauth/token"))) {
            Reply member = passwordGrant(endpoint, platform.alice(), "openid");
            assertEquals(200, member.status(), endpoint + ": " + member);
            assertNamesAcme(member);

            for (String scope : List.of("openid", "openid organization:globex")) {
                Reply outsider = passwordGrant(endpoint, platform.bob(), scope);
                assertEquals(400, outsider.status(), endpoint + " " + scope + ": " + outsider);
                assertEquals("access_denied", outsider.json().get("error").asText(), outsider.toString());
            }
        }
    }

    @Test
    void nativeAuthorizeAndTheTenantRouteServeMembersOnly() {
        String nativeAuthorize = lanyard.realm(platform.name(), "/protocol/openid-connect/auth") + "?client_id=acme-app"
                + "&response_type=code&scope=" + enc("openid organization:globex") + "&state=s1&redirect_uri=" + enc(CALLBACK)
                + "&code_challenge=" + CHALLENGE + "&code_challenge_method=S256";
        String tenantRoute = platform.api("/v1/auth/tenants/acme/oauth/authorize") + "?client_id=acme-app&response_type=code"
                + "&scope=openid&state=s1&redirect_uri=" + enc(CALLBACK) + "&code_challenge=" + CHALLENGE + "&code_challenge_method=S256";
        for (String start : List.of(nativeAuthorize, tenantRoute)) {
            Reply outsider = redeem(signIn(start, platform.bob()));
            assertEquals(400, outsider.status(), start + ": " + outsider);
            assertEquals("access_denied", outsider.json().get("error").asText(), outsider.toString());

            Reply member = redeem(signIn(start, platform.alice()));
            assertEquals(200, member.status(), start + ": " + member);
            assertNamesAcme(member);
        }
    }

    @Test
    void theDeviceFlowServesMembersOnly() throws InterruptedException {
        for (String email : List.of(platform.bob(), platform.alice())) {
            Reply started = lanyard.browser().postForm(platform.platform("/oauth/device/authorize"),
                    Map.of("client_id", "acme-tv", "scope", "openid"));
            assertEquals(200, started.status(), started.toString());
            JsonNode device = started.json();
            Browser person = platform.signedIn(email);
            Reply approved = person.postJson(platform.platform("/oauth/device/verify"), "{\"user_code\":\""
                    + device.get("user_code").asText() + "\",\"decision\":\"approve\"}", "Origin", platform.origin());
            Thread.sleep(1100); // the polling interval
            Reply poll = lanyard.browser().postForm(platform.platform("/oauth/token"), Map.of(
                    "grant_type", "urn:ietf:params:oauth:grant-type:device_code", "client_id", "acme-tv",
                    "device_code", device.get("device_code").asText()));
            if (email.equals(platform.bob())) {
                assertTrue(approved.status() == 403 || poll.status() == 400, "approval " + approved + ", poll " + poll);
                assertEquals(400, poll.status(), poll.toString());
                assertEquals("access_denied", poll.json().get("error").asText(), poll.toString());
            } else {
                assertEquals(200, approved.status(), approved.toString());
                assertEquals(200, poll.status(), poll.toString());
                assertNamesAcme(poll);
            }
        }
    }

    private Reply passwordGrant(URI endpoint, String email, String scope) {
        return lanyard.browser().postForm(endpoint, Map.of("grant_type", "password", "client_id", "acme-cli",
                "username", email, "password", PASSWORD, "scope", scope));
    }

    /** Signs {@code email} in at the realm's login page from {@code start}; the callback with the code. */
    private String signIn(String start, String email) {
        Browser browser = lanyard.browser();
        Reply reply = browser.get(URI.create(start));
        while (reply.status() == 302 && !reply.header("Location").orElseThrow().startsWith(CALLBACK)) {
            reply = browser.get(URI.create(reply.header("Location").orElseThrow()));
            if (reply.status() == 200) {
                break;
            }
        }
        // The realm has Organizations on: its login asks for the username first, then the password.
        for (int page = 0; page < 3 && reply.status() == 200; page++) {
            String action = Jsoup.parse(reply.body()).select("form#kc-form-login").attr("action");
            assertTrue(!action.isEmpty(), "the realm's login page: " + reply);
            reply = browser.postForm(URI.create(action), Map.of("username", email, "password", PASSWORD));
            while (reply.status() == 302 && reply.header("Location").orElseThrow().contains("/login-actions/")) {
                reply = browser.get(URI.create(reply.header("Location").orElseThrow()));
            }
        }
        Reply last = reply;
        String callback = reply.header("Location").orElseThrow(() -> new AssertionError("no callback: " + start + " ended at "
                + last.status() + " " + last.body().substring(0, Math.min(2000, last.body().length()))));
        assertTrue(callback.startsWith(CALLBACK) && callback.contains("code="), callback);
        return callback.replaceAll(".*[?&]code=([^&]+).*", "$1");
    }

    private Reply redeem(String code) {
        return lanyard.browser().postForm(lanyard.realm(platform.name(), "/protocol/openid-connect/token"), Map.of(
                "grant_type", "authorization_code", "client_id", "acme-app", "code", code, "redirect_uri", CALLBACK,
                "code_verifier", VERIFIER));
    }

    private static void assertNamesAcme(Reply tokens) {
        JsonNode access = Reply.claimsOf(tokens.json().get("access_token").asText());
        assertEquals(List.of("acme"), Reply.texts(access.get("organization")), access.toString());
    }
}
