package dev.lanyard.keycloak.it.social;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Social login through a real broker round trip: a second realm on the same server plays the upstream
 * OpenID Connect provider under the alias {@code google}, and a browser-like client follows every redirect.
 */
@ExtendWith(LanyardExtension.class)
class SocialLoginIT {

    private static final String PASSWORD = "Upstream-Pass-9";
    private static final String APP_REDIRECT = "http://localhost:3000/after-social";
    private static final String PIN = "4826";

    @Test
    void providerLoginEndsWithAPublicSessionAtTheAppsRedirectUri(Lanyard lanyard) {
        Social social = Social.create(lanyard);

        Browser browser = lanyard.browser();
        Reply end = social.signIn(browser, social.email());
        assertEquals(303, end.status(), end.toString());
        assertEquals(APP_REDIRECT, end.header("Location").orElseThrow());
        Reply session = browser.get(social.api("/public/session"));
        assertEquals(200, session.status(), session.toString());
        assertEquals(social.email(), session.json().get("user").get("email").asText());

        String userId = lanyard.admin().userId(social.realm(), social.email()).orElseThrow();
        String links = lanyard.admin().getJson("/" + social.realm() + "/users/" + userId + "/federated-identity").toString();
        assertTrue(links.contains("\"identityProvider\":\"google\""), links);
        String logins = lanyard.admin().getJson("/" + social.realm() + "/events?type=LOGIN&user=" + userId).toString();
        assertTrue(logins.contains("\"identity_provider\":\"google\"") && logins.contains("auth/google/login"), logins);
        assertEquals(1, lanyard.admin().getJson("/" + social.realm() + "/users/" + userId + "/sessions").size(),
                "one user session, the sign-in pipeline's");
    }

    @Test
    void userWithAPinSeesThePinPageFirst(Lanyard lanyard) {
        Social social = Social.create(lanyard);
        social.signIn(lanyard.browser(), social.email());
        social.givePin(social.email());

        Browser browser = lanyard.browser();
        Reply pinPage = social.signIn(browser, social.email());
        assertEquals(200, pinPage.status(), pinPage.toString());
        Document page = Jsoup.parse(pinPage.body());
        assertFalse(page.select("form#lanyard-pin-form").isEmpty(), "the themed PIN page: " + pinPage.body());
        assertEquals(401, browser.get(social.api("/public/session")).status(), "not signed in before the PIN");
        Reply done = browser.postForm(URI.create(page.select("form#lanyard-pin-form").attr("action")),
                Map.of("pin_token", page.select("input[name=pin_token]").val(), "pin", PIN));
        assertEquals(303, done.status(), done.toString());
        assertEquals(APP_REDIRECT, done.header("Location").orElseThrow());
        assertEquals(200, browser.get(social.api("/public/session")).status());
    }

    @Test
    void theProvidersAnswerInAnotherBrowserSignsNobodyIn(Lanyard lanyard) {
        Social social = Social.create(lanyard);
        // The victim's browser is stopped where the provider answers; someone else delivers that answer.
        Reply upstreamAnswer = social.untilUpstreamAnswers(lanyard.browser());
        assertTrue(upstreamAnswer.header("Location").orElseThrow().contains("/broker/google/endpoint"), upstreamAnswer.toString());

        Browser attacker = lanyard.browser();
        Reply elsewhere = Social.follow(attacker, attacker.get(URI.create(upstreamAnswer.header("Location").orElseThrow())));
        assertTrue(elsewhere.status() >= 400 && elsewhere.status() < 500, "a 4xx, never a session: " + elsewhere);
        assertTrue(attacker.cookie("public-session").isEmpty());
        assertEquals(401, attacker.get(social.api("/public/session")).status());
    }

    @Test
    void theCodeOfASocialLoginSignsInOnlyTheBrowserThatStartedIt(Lanyard lanyard) {
        Social social = Social.create(lanyard);
        Browser starter = lanyard.browser();
        Reply atComplete = social.untilComplete(starter);
        URI complete = URI.create(atComplete.header("Location").orElseThrow(() -> new AssertionError("no code came back")));

        Browser other = lanyard.browser();
        Reply stolen = other.get(complete, "Accept", "application/json");
        assertEquals(403, stolen.status(), "the code is bound to the starting browser: " + stolen);
        assertTrue(other.cookie("public-session").isEmpty());
        Reply own = starter.get(complete);
        assertEquals(303, own.status(), "the starting browser still completes its own login: " + own);
        assertEquals(200, starter.get(social.api("/public/session")).status());
        Reply again = starter.get(complete, "Accept", "application/json");
        assertTrue(again.status() == 400 || again.status() == 403, "the code works once: " + again);
    }

    @Test
    void theCodeOfASocialLoginIsNoCodeForKeycloaksTokenEndpoint(Lanyard lanyard) {
        Social social = Social.create(lanyard);
        Browser browser = lanyard.browser();
        Reply atComplete = social.untilComplete(browser);
        URI complete = URI.create(atComplete.header("Location").orElseThrow());
        String code = complete.getQuery().replaceAll(".*(?:^|&)code=([^&]+).*", "$1");
        Reply token = lanyard.browser().postForm(lanyard.realm(social.realm(), "/protocol/openid-connect/token"), Map.of(
                "grant_type", "authorization_code", "client_id", "app", "code", code,
                "redirect_uri", complete.toString().substring(0, complete.toString().indexOf('?'))));
        assertEquals(400, token.status(), "nobody holds the PKCE verifier: " + token);
        assertTrue(token.body().contains("invalid_grant"), token.toString());
    }

    @Test
    void unknownProviderAndUnregisteredRedirectAre4xxBeforeAnyRedirect(Lanyard lanyard) {
        Social social = Social.create(lanyard);
        Reply unknown = lanyard.browser().get(social.api("/auth/myspace/login?redirect_uri=" + encode(APP_REDIRECT)),
                "Accept", "application/json");
        assertEquals(404, unknown.status(), unknown.toString());
        assertEquals("unknown_provider", unknown.json().get("error").asText());
        Reply unregistered = lanyard.browser().get(social.api("/auth/google/login?redirect_uri=" + encode("https://evil.example/cb")),
                "Accept", "application/json");
        assertEquals(400, unregistered.status(), unregistered.toString());
        assertEquals("invalid_redirect_uri", unregistered.json().get("error").asText());
        Reply missing = lanyard.browser().get(social.api("/auth/google/login"), "Accept", "application/json");
        assertEquals(400, missing.status(), missing.toString());
        Reply page = lanyard.browser().get(social.api("/auth/google/login?redirect_uri=" + encode("https://evil.example/cb")),
                "Accept", "text/html,application/xhtml+xml");
        assertEquals(400, page.status(), page.toString());
        assertTrue(page.contentType().startsWith("text/html"), "the themed error page for browsers: " + page.contentType());
        Reply forgedCode = lanyard.browser().get(social.api("/auth/google/complete?code=forged&state=x"), "Accept", "application/json");
        assertEquals(403, forgedCode.status(), "no login of this browser to complete: " + forgedCode);
    }

    @Test
    void oauthAuthorizeWithProviderResumesAndTheClientGetsItsCode(Lanyard lanyard) {
        Social social = Social.create(lanyard);
        Browser browser = lanyard.browser();
        Reply start = browser.get(social.api("/oauth/authorize?client_id=app&response_type=code&scope=openid&state=st-9"
                + "&redirect_uri=" + encode(APP_REDIRECT) + "&provider=google"));
        Reply end = social.loginUpstream(browser, follow(browser, start), social.email());
        assertEquals(302, end.status(), end.toString());
        String location = end.header("Location").orElseThrow();
        assertTrue(location.startsWith(APP_REDIRECT + "?") && location.contains("code=") && location.contains("state=st-9"), location);
    }

    @Test
    void bothPathsAskAUserWithAPinForItOnce(Lanyard lanyard) {
        Social social = Social.create(lanyard);
        social.signIn(lanyard.browser(), social.email());
        social.givePin(social.email());
        social.usePostBrokerLoginSteps("lanyard-pin");

        Browser native_ = lanyard.browser();
        Reply start = native_.get(social.api("/oauth/authorize?client_id=app&response_type=code&scope=openid"
                + "&redirect_uri=" + encode(APP_REDIRECT) + "&provider=google"));
        Reply pinPage = social.loginUpstream(native_, follow(native_, start), social.email());
        String action = Jsoup.parse(pinPage.body()).select("form#lanyard-pin-form").attr("action");
        assertFalse(action.isEmpty(), "the post-broker-login flow asks for the PIN: " + pinPage);
        Reply code = follow(native_, native_.postForm(URI.create(action), Map.of("pin", PIN)));
        assertTrue(code.header("Location").orElseThrow().contains("code="), code.toString());

        Browser api = lanyard.browser();
        Reply apiPinPage = social.signIn(api, social.email());
        Document page = Jsoup.parse(apiPinPage.body());
        assertTrue(page.select("input[name=pin_token]").isEmpty(), "the flow's PIN page, not the pipeline's: " + apiPinPage);
        Reply done = follow(api, api.postForm(URI.create(page.select("form#lanyard-pin-form").attr("action")), Map.of("pin", PIN)));
        assertEquals(303, done.status(), "signed in without a second PIN: " + done);
        assertEquals(APP_REDIRECT, done.header("Location").orElseThrow());
        assertEquals(200, api.get(social.api("/public/session")).status());
    }

    @Test
    void anEmailTheProviderDoesNotVouchForIsLinkedOnlyAfterConfirmationAndProof(Lanyard lanyard) {
        Social social = Social.create(lanyard);
        social.useLanyardLinking(false);
        String localId = lanyard.admin().createUser(social.realm(), """
                {"username": "local-%s", "email": "%s", "emailVerified": true, "enabled": true, "firstName": "Lo", "lastName": "Cal",
                 "credentials": [{"type": "password", "value": "%s", "temporary": false}]}""".formatted(social.email(), social.email(), PASSWORD));

        social.usePostBrokerLoginSteps("lanyard-account-link-event");
        Browser browser = lanyard.browser();
        Reply confirm = social.signIn(browser, social.email());
        assertEquals(200, confirm.status(), "Keycloak asks before it links: " + confirm);
        assertTrue(lanyard.admin().getJson("/" + social.realm() + "/users/" + localId + "/federated-identity").isEmpty(),
                "nothing linked yet");
        assertEquals(401, browser.get(social.api("/public/session")).status());

        // Keycloak's first-broker-login flow: the user confirms, then proves the account is theirs by mail.
        Document page = Jsoup.parse(confirm.body());
        Reply proofAsked = follow(browser, browser.postForm(URI.create(page.select("form").attr("action")),
                Map.of("submitAction", "linkAccount")));
        assertEquals(200, proofAsked.status(), proofAsked.toString());
        assertTrue(lanyard.admin().getJson("/" + social.realm() + "/users/" + localId + "/federated-identity").isEmpty(),
                "not linked on the provider's word alone");
        Matcher link = Pattern.compile("http://\\S+/login-actions/action-token\\?\\S+").matcher(mailText(lanyard, social.email()));
        assertTrue(link.find(), "the proof by mail");
        Reply linked = follow(browser, browser.get(URI.create(link.group())));
        assertEquals(303, linked.status(), "linked once proven, and signed in: " + linked);
        assertEquals(APP_REDIRECT, linked.header("Location").orElseThrow());
        assertFalse(lanyard.admin().getJson("/" + social.realm() + "/users/" + localId + "/federated-identity").isEmpty());
        String events = lanyard.admin().getJson("/" + social.realm() + "/events?type=IDENTITY_PROVIDER_LINK_ACCOUNT&user=" + localId).toString();
        assertTrue(events.contains("\"identity_provider\":\"google\""), "the linking is a Keycloak event: " + events);
    }

    private static String mailText(Lanyard lanyard, String address) {
        try {
            return Lanyard.mailText(lanyard.awaitMail(address));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anEmailTheProviderVouchesForIsLinkedAtOnce(Lanyard lanyard) {
        Social social = Social.create(lanyard);
        social.useLanyardLinking(true);
        social.usePostBrokerLoginSteps("lanyard-account-link-event");
        String localId = lanyard.admin().createUser(social.realm(), """
                {"username": "local-%s", "email": "%s", "emailVerified": true, "enabled": true, "firstName": "Lo", "lastName": "Cal"}"""
                .formatted(social.email(), social.email()));

        Browser browser = lanyard.browser();
        Reply end = social.signIn(browser, social.email());
        assertEquals(303, end.status(), "linked at once and signed in: " + end);
        assertFalse(lanyard.admin().getJson("/" + social.realm() + "/users/" + localId + "/federated-identity").isEmpty());
        assertEquals(localId, browser.get(social.api("/public/session")).json().get("user").get("id").asText(), "as the existing account");
        String events = lanyard.admin().getJson("/" + social.realm() + "/events?type=IDENTITY_PROVIDER_LINK_ACCOUNT&user=" + localId).toString();
        assertTrue(events.contains("\"identity_provider\":\"google\""), events);
    }

    /**
     * Account takeover refused: the provider is trusted for emails, but its account claims the victim's address
     * without having verified it ({@code email_verified: false} in its ID token). Keycloak's confirm-link step runs.
     */
    @Test
    void anUnverifiedUpstreamEmailIsNeverLinkedAtOnceEvenWhenTheProviderIsTrusted(Lanyard lanyard) {
        Social social = Social.create(lanyard);
        social.useLanyardLinking(true);
        social.usePostBrokerLoginSteps("lanyard-account-link-event");
        String upstreamId = lanyard.admin().userId(social.upstream(), social.email()).orElseThrow();
        ObjectNode upstreamUser = (ObjectNode) lanyard.admin().getJson("/" + social.upstream() + "/users/" + upstreamId);
        lanyard.admin().must("PUT", "/" + social.upstream() + "/users/" + upstreamId, upstreamUser.put("emailVerified", false).toString());
        String victimId = lanyard.admin().createUser(social.realm(), """
                {"username": "victim-%s", "email": "%s", "emailVerified": true, "enabled": true, "firstName": "Vic", "lastName": "Tim"}"""
                .formatted(social.email(), social.email()));

        Browser attacker = lanyard.browser();
        Reply end = social.signIn(attacker, social.email());
        assertEquals(200, end.status(), "Keycloak asks before it links, no sign-in: " + end);
        assertTrue(lanyard.admin().getJson("/" + social.realm() + "/users/" + victimId + "/federated-identity").isEmpty(),
                "not linked on an unverified claim");
        assertEquals(401, attacker.get(social.api("/public/session")).status(), "not signed in as the victim");
    }

    @Test
    void callbackHandsTheProvidersAnswerToKeycloaksBrokerEndpoint(Lanyard lanyard) {
        Social social = Social.create(lanyard);
        Reply unknown = lanyard.browser().get(social.api("/auth/myspace/callback?state=x"), "Accept", "application/json");
        assertEquals(404, unknown.status(), unknown.toString());
        Reply callback = lanyard.browser().get(social.api("/auth/google/callback?state=forged&code=abc"));
        assertEquals(302, callback.status(), callback.toString());
        String location = callback.header("Location").orElseThrow();
        assertTrue(location.contains("/realms/" + social.realm() + "/broker/google/endpoint?")
                && location.contains("state=forged") && location.contains("code=abc"), location);
        Reply handled = lanyard.browser().get(URI.create(location));
        assertTrue(handled.status() >= 400 && handled.status() < 500, "a forged state is refused there: " + handled);
    }

    private static Reply follow(Browser browser, Reply reply) {
        return Social.follow(browser, reply);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A realm with an OpenID Connect provider {@code google} that is another realm of the same server. */
    private record Social(Lanyard lanyard, String realm, String upstream, String email) {

        static Social create(Lanyard lanyard) {
            String upstream = lanyard.newRealm("upstream", "");
            String realm = lanyard.newRealm("social", "");
            URI base = lanyard.baseUri();
            String upstreamBase = base.resolve("/realms/" + upstream).toString();
            lanyard.admin().must("POST", "/" + upstream + "/clients", """
                    {"clientId": "downstream", "publicClient": false, "secret": "downstream-secret", "standardFlowEnabled": true,
                     "redirectUris": ["%s"]}""".formatted(base.resolve("/realms/" + realm + "/broker/google/endpoint")));
            lanyard.admin().must("POST", "/" + realm + "/identity-provider/instances", """
                    {"alias": "google", "providerId": "oidc", "enabled": true, "trustEmail": true,
                     "config": {"clientId": "downstream", "clientSecret": "downstream-secret", "clientAuthMethod": "client_secret_post",
                       "authorizationUrl": "%1$s/protocol/openid-connect/auth", "tokenUrl": "%1$s/protocol/openid-connect/token",
                       "userInfoUrl": "%1$s/protocol/openid-connect/userinfo", "jwksUrl": "%1$s/protocol/openid-connect/certs",
                       "issuer": "%1$s", "validateSignature": "true", "useJwksUrl": "true", "defaultScope": "openid email profile",
                       "syncMode": "IMPORT"}}""".formatted(upstreamBase));
            lanyard.admin().must("POST", "/" + realm + "/clients", """
                    {"clientId": "app", "publicClient": true, "standardFlowEnabled": true,
                     "redirectUris": ["http://localhost:3000/*"], "webOrigins": ["http://localhost:3000"],
                     "attributes": {"lanyard.firstParty": "true"}}""");
            return new Social(lanyard, realm, upstream, upstreamUser(lanyard, upstream));
        }

        /** A user of the upstream provider, with a verified email and a full profile. */
        private static String upstreamUser(Lanyard lanyard, String upstream) {
            String email = "social-" + UUID.randomUUID() + "@example.com";
            lanyard.admin().createUser(upstream, """
                    {"username": "%s", "email": "%s", "emailVerified": true, "enabled": true, "firstName": "So", "lastName": "Cial",
                     "credentials": [{"type": "password", "value": "%s", "temporary": false}]}""".formatted(email, email, PASSWORD));
            return email;
        }

        /**
         * Puts "Link when the provider vouches" into the realm's first-broker-login flow (before Keycloak's
         * confirm-link step, as the demo realm's flow has it) and sets whether the provider vouches for emails.
         */
        void useLanyardLinking(boolean trustEmail) {
            String flows = "/" + realm + "/authentication/flows";
            lanyard.admin().must("POST", flows + "/first%20broker%20login/copy", "{\"newName\": \"lanyard-fbl\"}");
            String subflow = null;
            for (JsonNode execution : lanyard.admin().getJson(flows + "/lanyard-fbl/executions")) {
                if (execution.path("displayName").asText().endsWith("User creation or linking")) {
                    subflow = execution.get("displayName").asText();
                }
            }
            String linking = flows + "/" + URLEncoder.encode(subflow, StandardCharsets.UTF_8).replace("+", "%20") + "/executions";
            lanyard.admin().must("POST", linking + "/execution", "{\"provider\": \"lanyard-vouched-account-link\"}");
            JsonNode step = null;
            for (JsonNode execution : lanyard.admin().getJson(linking)) {
                if ("lanyard-vouched-account-link".equals(execution.path("providerId").asText())) {
                    step = execution;
                }
            }
            ((ObjectNode) step).put("requirement", "ALTERNATIVE");
            lanyard.admin().must("PUT", linking, step.toString());
            lanyard.admin().must("POST", "/" + realm + "/authentication/executions/" + step.get("id").asText() + "/raise-priority", null);
            JsonNode provider = lanyard.admin().getJson("/" + realm + "/identity-provider/instances/google");
            ((ObjectNode) provider).put("trustEmail", trustEmail);
            ((ObjectNode) provider).put("firstBrokerLoginFlowAlias", "lanyard-fbl");
            lanyard.admin().must("PUT", "/" + realm + "/identity-provider/instances/google", provider.toString());
        }

        /** Makes the provider's post-broker-login flow the given steps, each REQUIRED. */
        void usePostBrokerLoginSteps(String... providers) {
            String flows = "/" + realm + "/authentication/flows";
            lanyard.admin().must("POST", flows, "{\"alias\": \"after-broker\", \"providerId\": \"basic-flow\", \"topLevel\": true}");
            for (String step : providers) {
                lanyard.admin().must("POST", flows + "/after-broker/executions/execution", "{\"provider\": \"" + step + "\"}");
            }
            for (JsonNode execution : lanyard.admin().getJson(flows + "/after-broker/executions")) {
                ((ObjectNode) execution).put("requirement", "REQUIRED");
                lanyard.admin().must("PUT", flows + "/after-broker/executions", execution.toString());
            }
            JsonNode provider = lanyard.admin().getJson("/" + realm + "/identity-provider/instances/google");
            ((ObjectNode) provider).put("postBrokerLoginFlowAlias", "after-broker");
            lanyard.admin().must("PUT", "/" + realm + "/identity-provider/instances/google", provider.toString());
        }

        /** Gives the local account of {@code email} a password and the PIN. */
        void givePin(String email) {
            String userId = lanyard.admin().userId(realm, email).orElseThrow();
            lanyard.admin().must("PUT", "/" + realm + "/users/" + userId + "/reset-password",
                    "{\"type\": \"password\", \"value\": \"" + PASSWORD + "\", \"temporary\": false}");
            Browser browser = lanyard.browser();
            assertEquals(200, browser.postJson(api("/public/login"), "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}").status());
            assertEquals(204, browser.send("PUT", api("/public/pin"), "application/json",
                    "{\"pin\":\"" + PIN + "\",\"password\":\"" + PASSWORD + "\"}", "Origin", "http://localhost:3000").status());
        }

        URI api(String path) {
            return lanyard.realm(realm, "/api" + path);
        }

        /** {@code auth/google/login} for the app, the upstream login, and every redirect after it. */
        Reply signIn(Browser browser, String email) {
            Reply start = browser.get(api("/auth/google/login?client_id=app&redirect_uri=" + encode(APP_REDIRECT)));
            assertEquals(302, start.status(), start.toString());
            return loginUpstream(browser, follow(browser, start), email);
        }

        /** Up to the provider's redirect back to the broker endpoint, not followed. */
        Reply untilUpstreamAnswers(Browser browser) {
            Reply start = browser.get(api("/auth/google/login?client_id=app&redirect_uri=" + encode(APP_REDIRECT)));
            Document loginPage = Jsoup.parse(follow(browser, start).body());
            return browser.postForm(URI.create(loginPage.select("form#kc-form-login").attr("action")),
                    Map.of("username", email, "password", PASSWORD));
        }

        /** Up to the redirect that brings the code back to {@code auth/google/complete}, not followed. */
        Reply untilComplete(Browser browser) {
            Reply reply = untilUpstreamAnswers(browser);
            for (int hop = 0; hop < 15 && !reply.header("Location").orElse("").contains("/auth/google/complete"); hop++) {
                reply = browser.get(URI.create(reply.header("Location").orElseThrow(() -> new AssertionError("no code came back"))));
            }
            return reply;
        }

        Reply loginUpstream(Browser browser, Reply loginPage, String email) {
            String action = Jsoup.parse(loginPage.body()).select("form#kc-form-login").attr("action");
            assertFalse(action.isEmpty(), "the provider's login page: " + loginPage);
            return follow(browser, browser.postForm(URI.create(action), Map.of("username", email, "password", PASSWORD)));
        }

        /** Follows redirects on the server (not to the app), as a browser would. */
        static Reply follow(Browser browser, Reply reply) {
            for (int hop = 0; hop < 15 && (reply.status() == 302 || reply.status() == 303); hop++) {
                String location = reply.header("Location").orElseThrow();
                if (location.startsWith("http://localhost:3000")) {
                    return reply;
                }
                reply = browser.get(URI.create(location));
            }
            return reply;
        }
    }
}
