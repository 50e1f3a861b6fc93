package dev.lanyard.keycloak.it.platform;

import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.Reply;
import org.jsoup.Jsoup;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A platform realm: organizations on, two tenants ({@code acme} with the verified domain {@code acme.test},
 * {@code globex} with {@code globex.test}), a GLOBAL public PKCE app {@code global-spa}, a GLOBAL confidential
 * app {@code global-app} (secret {@code platform-secret}, service account, device grant, token exchange), the
 * tenant app {@code acme-app}, a non-platform {@code plain-app}, and users: {@code alice@acme.test} (found by
 * domain; a member of acme, as Keycloak names only members' organizations in tokens), {@code bob@elsewhere.test}
 * (a member of globex, which Keycloak's organization scope names after sign-in) and {@code carol@nowhere.test}
 * (no tenant).
 */
record PlatformRealm(Lanyard lanyard, String name, String suffix) {

    static final String PASSWORD = "Correct-Horse-9";
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    static final String SPA_CALLBACK = "http://localhost:7000/cb";
    static final String APP_CALLBACK = "http://localhost:7003/cb";
    static final String SECRET = "platform-secret";

    private static final String SETTINGS = """
            , "organizationsEnabled": true, "loginTheme": "lanyard", "clients": [
              {"clientId": "global-spa", "name": "Global SPA", "publicClient": true, "standardFlowEnabled": true,
               "redirectUris": ["http://localhost:7000/*"], "defaultClientScopes": ["basic", "profile", "email", "roles", "web-origins", "acr"], "optionalClientScopes": ["organization"],
               "attributes": {"lanyard.platform.scope": "GLOBAL", "pkce.code.challenge.method": "S256",
                              "post.logout.redirect.uris": "http://localhost:7000/bye"}},
              {"clientId": "global-app", "name": "Global App", "publicClient": false, "secret": "platform-secret",
               "standardFlowEnabled": true, "serviceAccountsEnabled": true, "redirectUris": ["http://localhost:7003/*"],
               "defaultClientScopes": ["basic", "profile", "email", "roles", "web-origins", "acr"], "optionalClientScopes": ["organization"],
               "attributes": {"lanyard.platform.scope": "GLOBAL", "oauth2.device.authorization.grant.enabled": "true",
                              "standard.token.exchange.enabled": "true", "post.logout.redirect.uris": "+"},
               "protocolMappers": [{"name": "self-audience", "protocol": "openid-connect", "protocolMapper": "oidc-audience-mapper",
                                    "config": {"included.client.audience": "global-app", "access.token.claim": "true"}}]},
              {"clientId": "acme-app", "publicClient": true, "standardFlowEnabled": true, "redirectUris": ["http://localhost:7001/*"],
               "defaultClientScopes": ["basic", "profile", "email", "roles", "web-origins", "acr"], "optionalClientScopes": ["organization"], "attributes": {"lanyard.platform.tenant": "acme"}},
              {"clientId": "plain-app", "publicClient": true, "standardFlowEnabled": true, "redirectUris": ["http://localhost:7002/*"]},
              {"clientId": "tv", "name": "Living-room TV", "publicClient": true, "standardFlowEnabled": false,
               "attributes": {"lanyard.platform.scope": "GLOBAL", "oauth2.device.authorization.grant.enabled": "true",
                              "oauth2.device.polling.interval": "1"}},
              {"clientId": "tv-gated", "publicClient": true, "standardFlowEnabled": false,
               "attributes": {"oauth2.device.authorization.grant.enabled": "true", "lanyard.permission.required": "true"}},
              {"clientId": "tv-short", "publicClient": true, "standardFlowEnabled": false,
               "attributes": {"oauth2.device.authorization.grant.enabled": "true", "oauth2.device.code.lifespan": "1"}}]""";

    static PlatformRealm create(Lanyard lanyard) {
        String realm = lanyard.newRealm("platform", SETTINGS);
        PlatformRealm platform = new PlatformRealm(lanyard, realm, UUID.randomUUID().toString().substring(0, 8));
        String acme = platform.organization("Acme", "acme", "acme.test");
        String globex = platform.organization("Globex", "globex", "globex.test");
        String alice = platform.user(platform.alice());
        String bob = platform.user(platform.bob());
        platform.user(platform.carol());
        lanyard.admin().must("POST", "/" + realm + "/organizations/" + acme + "/members", "\"" + alice + "\"");
        lanyard.admin().must("POST", "/" + realm + "/organizations/" + globex + "/members", "\"" + bob + "\"");
        return platform;
    }

    String alice() {
        return "alice-" + suffix + "@acme.test";
    }

    String bob() {
        return "bob-" + suffix + "@elsewhere.test";
    }

    String carol() {
        return "carol-" + suffix + "@nowhere.test";
    }

    URI api(String path) {
        return lanyard.realm(name, "/api" + path);
    }

    URI platform(String path) {
        return api("/v1/platform" + path);
    }

    /** The platform authorize URL of {@code global-spa} with PKCE, state and {@code extra} query parameters. */
    URI spaAuthorize(String state, String extra) {
        return URI.create(platform("/oauth/authorize") + "?client_id=global-spa&response_type=code&scope=openid&state=" + state
                + "&code_challenge=" + CHALLENGE + "&code_challenge_method=S256&redirect_uri=" + enc(SPA_CALLBACK) + extra);
    }

    /** Follows a redirect to Keycloak's authorize endpoint through its login page; the final answer. */
    Reply signInAt(Browser browser, URI nativeAuthorize, String email) {
        Reply page = browser.get(nativeAuthorize);
        assertEquals(200, page.status(), "the realm's login page: " + page);
        String action = Jsoup.parse(page.body()).select("form#kc-form-login").attr("action");
        Reply reply = browser.postForm(URI.create(action), Map.of("username", email, "password", PASSWORD));
        while (reply.status() == 302 && reply.header("Location").orElseThrow().contains("/login-actions/")) {
            reply = browser.get(URI.create(reply.header("Location").orElseThrow()));
        }
        return reply;
    }

    /** A signed-in browser (password login on the public API). */
    Browser signedIn(String email) {
        Browser browser = lanyard.browser();
        Reply login = browser.postJson(api("/public/login"), "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(200, login.status(), login.toString());
        return browser;
    }

    String origin() {
        return lanyard.origin();
    }

    static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }


    private String organization(String displayName, String alias, String domain) {
        Reply created = lanyard.admin().must("POST", "/" + name + "/organizations", """
                {"name": "%s", "alias": "%s", "enabled": true, "domains": [{"name": "%s", "verified": true}]}"""
                .formatted(displayName + " " + suffix, alias, domain));
        String location = created.header("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private String user(String email) {
        return lanyard.admin().createUserWithPassword(name, email, PASSWORD);
    }
}
