package dev.lanyard.keycloak.it.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.lanyard.keycloak.it.platform.PlatformRealm.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The platform's email-first authorize: the email decides the tenant, and the token names exactly that tenant. */
@ExtendWith(LanyardExtension.class)
class PlatformAuthorizeIT {

    private Lanyard lanyard;
    private PlatformRealm platform;

    @BeforeEach
    void setUp(Lanyard lanyard) {
        this.lanyard = lanyard;
        this.platform = PlatformRealm.create(lanyard);
    }

    @Test
    void eachEmailLandsInItsTenantAndTheTokenNamesIt() {
        JsonNode alice = tokenClaimsOf(platform.alice());
        assertEquals("acme", tenants(alice), "verified domain: " + alice);
        JsonNode bob = tokenClaimsOf(platform.bob());
        assertEquals("globex", tenants(bob), "membership: " + bob);
        JsonNode carol = tokenClaimsOf(platform.carol());
        assertEquals("", tenants(carol), "no tenant: the realm's login, no organization claim: " + carol);
    }

    @Test
    void theEmailPageKeepsEveryParameterAndSendsTheEmailAsLoginHint() {
        Reply page = lanyard.browser().get(platform.spaAuthorize("st-1", "&nonce=n-1&prompt=login"));
        assertEquals(200, page.status(), page.toString());
        assertTrue(page.contentType().startsWith("text/html"), page.toString());
        Element form = Jsoup.parse(page.body()).selectFirst("form#lanyard-email-first-form");
        assertTrue(form != null, "the email-first form: " + page.body());
        Map<String, String> hidden = form.select("input[type=hidden]").stream()
                .collect(Collectors.toMap(input -> input.attr("name"), input -> input.attr("value")));
        assertEquals("st-1", hidden.get("state"));
        assertEquals("n-1", hidden.get("nonce"));
        assertEquals("login", hidden.get("prompt"));
        assertEquals(PlatformRealm.CHALLENGE, hidden.get("code_challenge"));
        assertEquals(1, form.select("input[name=login_hint]").size());
    }

    @Test
    void anEmailOfNoVerifiedDomainGoesToTheRealmsLoginAndTellsNothingAboutAccounts() {
        String tenant = location(lanyard.browser().get(platform.spaAuthorize("s", "&login_hint=" + enc(platform.alice()))));
        assertTrue(tenant.contains(enc("organization:acme")), tenant);
        String member = location(lanyard.browser().get(platform.spaAuthorize("s", "&login_hint=" + enc(platform.bob()))));
        String nobody = location(lanyard.browser().get(platform.spaAuthorize("s", "&login_hint=" + enc("nobody@elsewhere.test"))));
        assertTrue(member.contains("/protocol/openid-connect/auth?") && !member.contains(enc("organization:")), member);
        assertEquals(member.replace(enc(platform.bob()), "EMAIL"), nobody.replace(enc("nobody@elsewhere.test"), "EMAIL"),
                "a member's email and an unknown one get the same answer");
    }

    @Test
    void promptNoneShowsNoPageAndGoesOnWithEveryParameter() {
        String next = location(lanyard.browser().get(platform.spaAuthorize("s-none", "&prompt=none")));
        assertTrue(next.contains("/protocol/openid-connect/auth?") && next.contains("prompt=none") && next.contains("state=s-none"), next);
        assertTrue(next.contains("scope=openid+organization"), "the user's own organization, after sign-in: " + next);
    }

    @Test
    void aTenantsIdentityProviderTakesItsUsers() {
        lanyard.admin().must("POST", "/" + platform.name() + "/identity-provider/instances", """
                {"alias": "acme-sso", "providerId": "oidc", "enabled": true, "config": {"clientId": "x", "clientSecret": "y",
                 "authorizationUrl": "http://localhost:1/auth", "tokenUrl": "http://localhost:1/token", "kc.org.domain": "acme.test"}}""");
        String acme = lanyard.admin().getJson("/" + platform.name() + "/organizations?search=acme").get(0).get("id").asText();
        lanyard.admin().must("POST", "/" + platform.name() + "/organizations/" + acme + "/identity-providers", "\"acme-sso\"");

        String next = location(lanyard.browser().get(platform.spaAuthorize("s", "&login_hint=" + enc(platform.alice()))));
        assertTrue(next.contains("kc_idp_hint=acme-sso"), next);
        assertTrue(next.contains(enc("organization:acme")), next);
    }

    @Test
    void onlyGlobalAppsAndNeverAnUnregisteredRedirect() {
        Browser browser = lanyard.browser();
        Reply plain = browser.get(URI.create(platform.platform("/oauth/authorize") + "?client_id=plain-app&response_type=code&scope=openid"
                + "&redirect_uri=" + enc("http://localhost:7002/cb")));
        assertEquals(400, plain.status(), plain.toString());
        assertEquals("unauthorized_client", plain.json().get("error").asText());
        assertTrue(plain.header("Location").isEmpty());

        Reply unknown = browser.get(URI.create(platform.platform("/oauth/authorize") + "?client_id=nope&response_type=code&scope=openid"
                + "&redirect_uri=" + enc("http://localhost:7000/cb")));
        assertEquals(400, unknown.status(), unknown.toString());
        assertEquals("invalid_client", unknown.json().get("error").asText());

        Reply evil = browser.get(URI.create(platform.platform("/oauth/authorize") + "?client_id=global-spa&response_type=code&scope=openid"
                + "&redirect_uri=" + enc("https://evil.example/cb") + "&login_hint=" + enc(platform.alice())));
        assertEquals(400, evil.status(), evil.toString());
        assertEquals("invalid_request", evil.json().get("error").asText());
        assertTrue(evil.header("Location").isEmpty(), "no redirect anywhere: " + evil);
    }

    @Test
    void missingParametersAnswerSeedOnesValidationShape() {
        Reply reply = lanyard.browser().get(URI.create(platform.platform("/oauth/authorize") + "?response_type=code&scope=openid"));
        assertEquals(422, reply.status(), reply.toString());
        Map<String, String> problems = new LinkedHashMap<>();
        for (JsonNode problem : reply.json().get("detail")) {
            assertEquals("query", problem.get("loc").get(0).asText());
            problems.put(problem.get("loc").get(1).asText(), problem.get("type").asText());
            assertTrue(problem.get("msg").isTextual());
        }
        assertEquals(Map.of("client_id", "missing", "redirect_uri", "missing"), problems);
    }

    @Test
    void tenantRoutesServeOneTenantForItsOwnAndGlobalApps() {
        Browser browser = lanyard.browser();
        String acmeApp = "?client_id=acme-app&response_type=code&scope=openid&redirect_uri=" + enc("http://localhost:7001/cb");
        Reply own = browser.get(URI.create(platform.api("/v1/auth/tenants/acme/oauth/authorize") + acmeApp));
        assertEquals(302, own.status(), own.toString());
        assertTrue(location(own).contains(enc("organization:acme")), own.toString());

        Reply global = browser.get(URI.create(platform.api("/v1/auth/tenants/globex/oauth/authorize")
                + "?client_id=global-spa&response_type=code&scope=openid&redirect_uri=" + enc(PlatformRealm.SPA_CALLBACK)));
        assertEquals(302, global.status(), global.toString());
        assertTrue(location(global).contains(enc("organization:globex")), global.toString());

        Reply foreign = browser.get(URI.create(platform.api("/v1/auth/tenants/globex/oauth/authorize") + acmeApp));
        assertEquals(400, foreign.status(), foreign.toString());
        assertEquals("unauthorized_client", foreign.json().get("error").asText());

        Reply unknown = browser.get(URI.create(platform.api("/v1/auth/tenants/no-such-tenant/oauth/authorize") + acmeApp));
        assertEquals(404, unknown.status(), unknown.toString());
        assertTrue(unknown.json().has("error"));
    }

    /** Email page → Keycloak's login → code → platform token: the access token's claims. */
    private JsonNode tokenClaimsOf(String email) {
        Browser browser = lanyard.browser();
        Reply page = browser.get(platform.spaAuthorize("s-" + email.charAt(0), ""));
        Document document = Jsoup.parse(page.body());
        Element form = document.selectFirst("form#lanyard-email-first-form");
        StringBuilder query = new StringBuilder();
        for (Element input : form.select("input[type=hidden]")) {
            query.append(enc(input.attr("name"))).append('=').append(enc(input.attr("value"))).append('&');
        }
        query.append("login_hint=").append(enc(email));
        Reply next = browser.get(URI.create(form.attr("action") + "?" + query));
        assertEquals(302, next.status(), next.toString());
        Reply done = platform.signInAt(browser, URI.create(location(next)), email);
        assertEquals(302, done.status(), done.toString());
        String callback = location(done);
        assertTrue(callback.startsWith(PlatformRealm.SPA_CALLBACK) && callback.contains("state=s-"), callback);
        String code = callback.replaceAll(".*[?&]code=([^&]+).*", "$1");
        Reply token = lanyard.browser().postForm(platform.platform("/oauth/token"), Map.of("grant_type", "authorization_code",
                "code", code, "client_id", "global-spa", "redirect_uri", PlatformRealm.SPA_CALLBACK,
                "code_verifier", PlatformRealm.VERIFIER));
        assertEquals(200, token.status(), token.toString());
        return Reply.claimsOf(token.json().get("access_token").asText());
    }

    /** The token's organization claim: the aliases it names, joined. */
    private static String tenants(JsonNode claims) {
        JsonNode organization = claims.path("organization");
        if (organization.isObject()) {
            return String.join(",", (Iterable<String>) organization::fieldNames);
        }
        return String.join(",", Reply.texts(organization));
    }

    private static String location(Reply reply) {
        return reply.header("Location").orElseThrow(() -> new AssertionError("no redirect: " + reply));
    }
}
