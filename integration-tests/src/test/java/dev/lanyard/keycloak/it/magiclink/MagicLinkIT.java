package dev.lanyard.keycloak.it.magiclink;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.BrowserFlows;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LanyardExtension.class)
class MagicLinkIT {

    private static final Pattern LINK = Pattern.compile("http://\\S+/api/public/magic-link\\?\\S+");
    private static final String APP_REDIRECT = "http://localhost:3000/after-login";

    @Test
    void linkIsMailedShownWithoutBeingConsumedAndSignsInExactlyOnce(Lanyard lanyard) throws Exception {
        String email = verifiedUser(lanyard, Lanyard.DEMO_REALM);
        Reply requested = request(lanyard, Lanyard.DEMO_REALM, email, APP_REDIRECT, "lanyard-demo-app");
        assertEquals(202, requested.status(), requested.toString());
        assertEquals("{\"status\":\"sent\"}", requested.body());

        URI link = linkIn(lanyard.awaitMail(email));
        Browser browser = lanyard.browser();
        for (int i = 0; i < 2; i++) {
            Reply page = browser.get(link);
            assertEquals(200, page.status(), "GET consumes nothing: " + page);
        }
        String token = Jsoup.parse(browser.get(link).body()).select("form#lanyard-confirm-form input[name=token]").val();

        Reply consumed = browser.postForm(link, Map.of("token", token));
        assertEquals(303, consumed.status(), consumed.toString());
        assertEquals(APP_REDIRECT, consumed.header("Location").orElseThrow());
        Reply session = browser.get(lanyard.api("/public/session"));
        assertEquals(200, session.status(), session.toString());
        assertEquals(email, session.json().get("user").get("email").asText());

        Reply again = lanyard.browser().postForm(link, Map.of("token", token));
        assertEquals(400, again.status(), "a link signs in once");
        assertEquals(1, lanyard.mail().getReceivedMessagesForDomain(email).length);

        String userId = lanyard.admin().userId(Lanyard.DEMO_REALM, email).orElseThrow();
        String actions = lanyard.admin().getJson("/" + Lanyard.DEMO_REALM + "/events?type=EXECUTE_ACTIONS&user=" + userId).toString();
        assertTrue(actions.contains("magic_link_requested") && actions.contains("magic_link_sent"), actions);
        JsonNode logins = lanyard.admin().getJson("/" + Lanyard.DEMO_REALM + "/events?type=LOGIN&user=" + userId);
        assertEquals("public/magic-link", logins.get(0).get("details").get("lanyard_route").asText(), logins.toString());
        JsonNode refusals = lanyard.admin().getJson("/" + Lanyard.DEMO_REALM + "/events?type=LOGIN_ERROR&max=500");
        assertTrue(StreamSupport.stream(refusals.spliterator(), false).anyMatch(event ->
                        "expired_code".equals(event.path("error").asText())
                                && "public/magic-link".equals(event.path("details").path("lanyard_route").asText())),
                "the second POST is a refusal event");
    }

    @Test
    void confirmationPostedFromAForeignOriginIsRefusedAndConsumesNothing(Lanyard lanyard) throws Exception {
        String email = verifiedUser(lanyard, Lanyard.DEMO_REALM);
        request(lanyard, Lanyard.DEMO_REALM, email, APP_REDIRECT, "lanyard-demo-app");
        URI link = linkIn(lanyard.awaitMail(email));
        String token = Jsoup.parse(lanyard.browser().get(link).body()).select("input[name=token]").val();

        Browser victim = lanyard.browser();
        Reply forged = victim.postForm(link, Map.of("token", token), "Origin", "https://evil.example");
        assertEquals(403, forged.status(), "a foreign page cannot sign the browser in: " + forged);
        Reply hidden = victim.postForm(link, Map.of("token", token), "Origin", "null", "Sec-Fetch-Site", "cross-site");
        assertEquals(403, hidden.status(), "nor can one that hides its origin (a sandboxed frame): " + hidden);
        assertTrue(victim.cookie("public-session").isEmpty());

        // Keycloak's pages send no referrer, so a browser posts their forms with Origin: null and Sec-Fetch-Site.
        Reply own = lanyard.browser().postForm(link, Map.of("token", token), "Origin", "null", "Sec-Fetch-Site", "same-origin");
        assertEquals(303, own.status(), "the link still works from its own page: " + own);
    }

    @Test
    void unknownAndUnverifiedEmailsGetTheSameAnswerAndNoMail(Lanyard lanyard) throws Exception {
        String unknown = "nobody-" + UUID.randomUUID() + "@example.com";
        String unverified = "unverified-" + UUID.randomUUID() + "@example.com";
        lanyard.admin().createUser(Lanyard.DEMO_REALM, """
                {"username": "%s", "email": "%s", "emailVerified": false, "enabled": true}""".formatted(unverified, unverified));
        String verified = verifiedUser(lanyard, Lanyard.DEMO_REALM);

        Reply forUnknown = request(lanyard, Lanyard.DEMO_REALM, unknown, APP_REDIRECT, null);
        Reply forUnverified = request(lanyard, Lanyard.DEMO_REALM, unverified, APP_REDIRECT, null);
        Reply forVerified = request(lanyard, Lanyard.DEMO_REALM, verified, APP_REDIRECT, null);
        assertEquals(202, forUnknown.status());
        assertEquals(forVerified.status(), forUnknown.status());
        assertEquals(forVerified.body(), forUnknown.body());
        assertEquals(forVerified.body(), forUnverified.body());

        lanyard.awaitMail(verified);
        assertEquals(0, lanyard.mail().getReceivedMessagesForDomain(unknown).length);
        assertEquals(0, lanyard.mail().getReceivedMessagesForDomain(unverified).length);
    }

    @Test
    void unregisteredRedirectUriIsRefused(Lanyard lanyard) {
        String email = verifiedUser(lanyard, Lanyard.DEMO_REALM);
        Reply foreign = request(lanyard, Lanyard.DEMO_REALM, email, "https://evil.example/steal", null);
        assertEquals(400, foreign.status(), foreign.toString());
        assertEquals("invalid_redirect_uri", foreign.json().get("error").asText());
        Reply otherClients = request(lanyard, Lanyard.DEMO_REALM, email, "http://localhost:5173/x", "lanyard-demo-app");
        assertEquals(400, otherClients.status(), "registered on another client than the named one");
        Reply anyClient = request(lanyard, Lanyard.DEMO_REALM, email, "http://localhost:5173/x", null);
        assertEquals(202, anyClient.status(), anyClient.toString());
    }

    @Test
    void expiredLinkIsRefusedWithAWayToAskForANewOne(Lanyard lanyard) throws Exception {
        String realm = lanyard.newRealm("ml-ttl", ", \"attributes\": {\"lanyard.magicLink.ttlSeconds\": \"2\"}" + APP_CLIENT);
        String email = verifiedUser(lanyard, realm);
        request(lanyard, realm, email, APP_REDIRECT, "app");
        URI link = linkIn(lanyard.awaitMail(email));
        Thread.sleep(3500);

        Browser browser = lanyard.browser();
        Reply page = browser.get(link);
        assertEquals(400, page.status(), page.toString());
        Document expired = Jsoup.parse(page.body());
        assertFalse(expired.select("#lanyard-magic-link-expired").isEmpty(), page.body());
        String renewAction = expired.select("form#lanyard-magic-link-renew").attr("action");

        Reply renewed = browser.postForm(URI.create(renewAction), Map.of("email", email,
                "redirect_uri", expired.select("input[name=redirect_uri]").val(),
                "client_id", expired.select("input[name=client_id]").val()));
        assertEquals(200, renewed.status(), renewed.toString());
        for (int i = 0; i < 100 && lanyard.mail().getReceivedMessagesForDomain(email).length < 2; i++) {
            Thread.sleep(100);
        }
        assertEquals(2, lanyard.mail().getReceivedMessagesForDomain(email).length, "a new link was mailed");
    }

    @Test
    void requestsOverTheLimitAre429WhetherOrNotTheAccountExists(Lanyard lanyard) {
        String realm = lanyard.newRealm("ml-rate", ", \"attributes\": {\"lanyard.magicLink.maxPerEmail\": \"2\"}" + APP_CLIENT);
        for (String email : new String[]{verifiedUser(lanyard, realm), "nobody-" + UUID.randomUUID() + "@example.com"}) {
            assertEquals(202, request(lanyard, realm, email, APP_REDIRECT, "app").status());
            assertEquals(202, request(lanyard, realm, email, APP_REDIRECT, "app").status());
            Reply limited = request(lanyard, realm, email, APP_REDIRECT, "app");
            assertEquals(429, limited.status(), limited.toString());
            assertEquals("too_many_requests", limited.json().get("error").asText());
            assertTrue(Long.parseLong(limited.header("Retry-After").orElseThrow()) > 0);
        }
    }

    /**
     * A stranger who spends the allowance for a victim's address from one source does not keep the victim, asking
     * from another, out. The test server trusts X-Forwarded-For (as behind the shipped proxy, which writes it).
     */
    @Test
    void strangersRequestsForAnAddressDoNotKeepItsOwnerOut(Lanyard lanyard) throws Exception {
        String realm = lanyard.newRealm("ml-victim", APP_CLIENT);
        String victim = verifiedUser(lanyard, realm);
        String body = "{\"email\":\"" + victim + "\",\"redirect_uri\":\"" + APP_REDIRECT + "\"}";
        URI route = lanyard.realm(realm, "/api/public/request-magic-link");
        Reply spent;
        int sent = 0;
        do {
            spent = lanyard.browser().postJson(route, body, "X-Forwarded-For", "198.51.100.7");
            sent += spent.status() == 202 ? 1 : 0;
        } while (spent.status() == 202 && sent < 50);
        assertEquals(429, spent.status(), "the stranger's own source is limited: " + spent);
        assertEquals(5, sent, "five per address and source");

        Reply own = lanyard.browser().postJson(route, body, "X-Forwarded-For", "192.0.2.44");
        assertEquals(202, own.status(), own.toString());
        Instant deadline = Instant.now().plusSeconds(10);
        while (lanyard.mail().getReceivedMessagesForDomain(victim).length < sent + 1 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertEquals(sent + 1, lanyard.mail().getReceivedMessagesForDomain(victim).length, "the owner's own link is mailed");
    }

    @Test
    void badInputAnswersJson4xx(Lanyard lanyard) {
        URI route = lanyard.api("/public/request-magic-link");
        Browser browser = lanyard.browser();
        assertError(browser.postJson(route, "{\"email\":\"a@example.com\"}"), 400);
        assertError(browser.postJson(route, "{\"email\":5,\"redirect_uri\":\"" + APP_REDIRECT + "\"}"), 400);
        assertError(browser.postJson(route, "{\"email\":"), 400);
        assertError(browser.send("POST", route, "text/plain", "email=a"), 415);
        assertError(browser.postJson(route, "{\"email\":\"a@example.com\",\"redirect_uri\":\"not a uri\"}"), 400);
    }

    @Test
    void authenticatorCompletesAnAuthorizationCodeFlowThroughTheMailedLink(Lanyard lanyard) throws Exception {
        completeAFlowThroughTheMailedLink(lanyard, lanyard.newRealm("ml-flow", FLOW_CLIENT));
    }

    /** The step is placed by a realm admin on purpose: it works where Lanyard's routes are not turned on. */
    @Test
    void authenticatorWorksInARealmWhereLanyardIsOff(Lanyard lanyard) throws Exception {
        String realm = lanyard.newRealm("ml-flow-off", FLOW_CLIENT, false);
        completeAFlowThroughTheMailedLink(lanyard, realm);
        Reply api = lanyard.browser().postJson(lanyard.realm(realm, "/api/public/request-magic-link"),
                "{\"email\":\"a@example.com\",\"redirect_uri\":\"http://localhost:5173/cb\"}");
        assertEquals(404, api.status(), api.toString());
        assertEquals(404, lanyard.browser().get(lanyard.realm(realm, "/api/public/magic-link?token=unknown")).status());
    }

    private static final String FLOW_CLIENT = """
            , "clients": [{"clientId": "spa", "publicClient": true, "standardFlowEnabled": true,
                           "redirectUris": ["http://localhost:5173/*"], "attributes": {"pkce.code.challenge.method": "S256"}}]""";

    private static void completeAFlowThroughTheMailedLink(Lanyard lanyard, String realm) throws Exception {
        BrowserFlows.useWithMagicLink(lanyard.admin(), realm, "magic");
        String email = verifiedUser(lanyard, realm);

        Browser browser = lanyard.browser();
        Document emailPage = chooseMagicLink(browser, lanyard.realm(realm, "/protocol/openid-connect/auth?client_id=spa&response_type=code"
                + "&scope=openid&state=st-1&nonce=n-1&redirect_uri=http%3A%2F%2Flocalhost%3A5173%2Fcb"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"));
        String action = emailPage.select("form#lanyard-magic-link-form").attr("action");
        Reply sent = browser.postForm(URI.create(action), Map.of("email", email));
        assertEquals(200, sent.status(), sent.toString());
        assertFalse(Jsoup.parse(sent.body()).select("#lanyard-magic-link-sent").isEmpty(), sent.body());

        URI link = linkIn(lanyard.awaitMail(email));
        String token = Jsoup.parse(browser.get(link).body()).select("input[name=token]").val();
        Reply confirmed = browser.postForm(link, Map.of("token", token));
        assertEquals(303, confirmed.status(), confirmed.toString());
        Reply resumed = browser.get(URI.create(confirmed.header("Location").orElseThrow()));
        assertEquals(302, resumed.status(), resumed.toString());
        String callback = resumed.header("Location").orElseThrow();
        assertTrue(callback.startsWith("http://localhost:5173/cb?"), callback);
        assertTrue(callback.contains("state=st-1"), callback);
        String code = callback.replaceAll(".*[?&]code=([^&]+).*", "$1");

        Reply tokens = lanyard.browser().postForm(lanyard.realm(realm, "/protocol/openid-connect/token"), Map.of(
                "grant_type", "authorization_code", "client_id", "spa", "code", code,
                "redirect_uri", "http://localhost:5173/cb",
                "code_verifier", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
        assertEquals(200, tokens.status(), tokens.toString());
        String idToken = tokens.json().get("id_token").asText();
        String claims = new String(Base64.getUrlDecoder().decode(idToken.split("\\.")[1]));
        assertTrue(claims.contains("\"nonce\":\"n-1\""), claims);
        assertTrue(claims.contains(email), claims);
    }

    @Test
    void authenticatorConfigFromTheConsoleSetsTheLimits(Lanyard lanyard) {
        String realm = lanyard.newRealm("ml-config", """
                , "clients": [{"clientId": "spa", "publicClient": true, "standardFlowEnabled": true,
                               "redirectUris": ["http://localhost:5173/*"]}]""");
        BrowserFlows.useWithMagicLink(lanyard.admin(), realm, "magic");
        BrowserFlows.configure(lanyard.admin(), realm, "magic", "lanyard-magic-link", "{\"lanyard.magicLink.maxPerEmail\": \"1\"}");
        String email = verifiedUser(lanyard, realm);
        URI authorize = lanyard.realm(realm, "/protocol/openid-connect/auth?client_id=spa&response_type=code&scope=openid"
                + "&redirect_uri=http%3A%2F%2Flocalhost%3A5173%2Fcb");

        for (int request = 1; request <= 2; request++) {
            Browser browser = lanyard.browser();
            String action = chooseMagicLink(browser, authorize).select("form#lanyard-magic-link-form").attr("action");
            Document answer = Jsoup.parse(browser.postForm(URI.create(action), Map.of("email", email)).body());
            assertEquals(request == 1, !answer.select("#lanyard-magic-link-sent").isEmpty(), "request " + request + ": " + answer);
            assertEquals(request == 2, answer.text().contains("Too many requests"), "one link per email and window: " + answer);
        }
    }

    @Test
    void linkConfirmedOnAnotherDeviceNeedsTheCodeOfTheWaitingPage(Lanyard lanyard) throws Exception {
        Browser laptop = lanyard.browser();
        Waiting waiting = waitForLink(lanyard, laptop, realmUser(lanyard, crossDeviceRealm(lanyard)));
        String email = waiting.email();
        String shownCode = waiting.code();
        String continueAction = waiting.continueAction();

        Reply early = laptop.postForm(URI.create(continueAction), Map.of("continue", "true"));
        assertEquals(200, early.status(), "nothing to continue before the link is confirmed");
        assertEquals(shownCode, Jsoup.parse(early.body()).select("#lanyard-match-code").text(), "the code stays on the page");
        continueAction = Jsoup.parse(early.body()).select("form#lanyard-magic-link-continue").attr("action");

        Browser phone = lanyard.browser();
        URI link = linkIn(lanyard.awaitMail(email));
        Document confirmPage = Jsoup.parse(phone.get(link).body());
        assertFalse(confirmPage.select("input[name=code]").isEmpty(), "another device is asked for the code");
        String token = confirmPage.select("input[name=token]").val();
        Reply withoutCode = phone.postForm(link, Map.of("token", token));
        assertEquals(200, withoutCode.status(), withoutCode.toString());
        assertFalse(Jsoup.parse(withoutCode.body()).select("input[name=code]").isEmpty(), "asked again for the code");
        Reply wrongCode = phone.postForm(link, Map.of("token", token, "code", otherCode(shownCode)));
        assertFalse(Jsoup.parse(wrongCode.body()).select("input[name=code]").isEmpty(), "a wrong code confirms nothing");
        Reply stillWaiting = laptop.postForm(URI.create(continueAction), Map.of("continue", "true"));
        assertEquals(200, stillWaiting.status(), "no code for the waiting login yet: " + stillWaiting);
        continueAction = Jsoup.parse(stillWaiting.body()).select("form#lanyard-magic-link-continue").attr("action");

        Reply confirmed = phone.postForm(link, Map.of("token", token, "code", shownCode));
        assertEquals(200, confirmed.status(), "the phone is told to go back to the waiting login: " + confirmed);
        assertTrue(phone.cookie("public-session").isEmpty(), "the phone is not signed in");

        Reply continued = laptop.postForm(URI.create(continueAction), Map.of("continue", "true"));
        assertEquals(302, continued.status(), continued.toString());
        assertTrue(continued.header("Location").orElseThrow().startsWith("http://localhost:5173/cb?"), continued.toString());
    }

    @Test
    void attackerWaitingForAVictimsConfirmationIsNeverSignedIn(Lanyard lanyard) throws Exception {
        // The attacker starts a login with the victim's email and waits for the victim to confirm the mail.
        RealmUser victim = realmUser(lanyard, crossDeviceRealm(lanyard));
        Browser attacker = lanyard.browser();
        Waiting waiting = waitForLink(lanyard, attacker, victim);

        // The victim gets a mail they did not ask for and clicks through, but cannot know the attacker's code.
        Browser victimsPhone = lanyard.browser();
        URI link = linkIn(lanyard.awaitMail(victim.email()));
        String token = Jsoup.parse(victimsPhone.get(link).body()).select("input[name=token]").val();
        victimsPhone.postForm(link, Map.of("token", token));
        for (int i = 0; i < 3; i++) {
            victimsPhone.postForm(link, Map.of("token", token, "code", otherCode(waiting.code())));
        }
        Reply rightCodeTooLate = victimsPhone.postForm(link, Map.of("token", token, "code", waiting.code()));
        assertEquals(400, rightCodeTooLate.status(), "the link is void after too many wrong codes: " + rightCodeTooLate);

        Reply continued = attacker.postForm(URI.create(waiting.continueAction()), Map.of("continue", "true"));
        assertEquals(200, continued.status(), "the attacker's login gets no code: " + continued);
        assertTrue(continued.header("Location").isEmpty(), continued.toString());
    }

    private static String crossDeviceRealm(Lanyard lanyard) {
        String realm = lanyard.newRealm("ml-device", """
                , "clients": [{"clientId": "spa", "publicClient": true, "standardFlowEnabled": true,
                               "redirectUris": ["http://localhost:5173/*"]}]""");
        BrowserFlows.useWithMagicLink(lanyard.admin(), realm, "magic");
        return realm;
    }

    /** Starts a browser login and asks for a link for {@code email}: the waiting page's code and "continue" form. */
    private static Waiting waitForLink(Lanyard lanyard, Browser browser, RealmUser user) {
        String email = user.email();
        Document emailPage = chooseMagicLink(browser, lanyard.realm(user.realm(), "/protocol/openid-connect/auth?client_id=spa"
                + "&response_type=code&scope=openid&redirect_uri=http%3A%2F%2Flocalhost%3A5173%2Fcb"));
        Document sentPage = Jsoup.parse(browser.postForm(URI.create(emailPage.select("form#lanyard-magic-link-form").attr("action")),
                Map.of("email", email)).body());
        String code = sentPage.select("#lanyard-match-code").text();
        assertTrue(code.matches("[0-9]{3}"), "the waiting page shows a short code: " + sentPage.html());
        return new Waiting(email, code, sentPage.select("form#lanyard-magic-link-continue").attr("action"));
    }

    private record Waiting(String email, String code, String continueAction) {
    }

    private record RealmUser(String realm, String email) {
    }

    private static RealmUser realmUser(Lanyard lanyard, String realm) {
        return new RealmUser(realm, verifiedUser(lanyard, realm));
    }

    /** Opens the login page of {@code authorize} and picks "Email me a sign-in link" under "Try another way". */
    private static Document chooseMagicLink(Browser browser, URI authorize) {
        Reply login = browser.get(authorize);
        assertEquals(200, login.status(), login.toString());
        Document passwordPage = Jsoup.parse(login.body());
        assertFalse(passwordPage.select("input[name=password]").isEmpty(), "the usual login page comes first");
        String tryAnotherWay = passwordPage.select("form#kc-select-try-another-way-form").attr("action");
        Reply choices = browser.postForm(URI.create(tryAnotherWay), Map.of("tryAnotherWay", "on"));
        Element magicChoice = Jsoup.parse(choices.body()).select("form:has(input[name=authenticationExecution])").stream()
                .filter(option -> option.nextElementSibling() != null
                        && option.nextElementSibling().text().contains("Email me a sign-in link"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the login page offers the magic link: " + choices.body()));
        Reply emailPage = browser.postForm(URI.create(magicChoice.attr("action")),
                Map.of("authenticationExecution", magicChoice.select("input[name=authenticationExecution]").val()));
        assertEquals(200, emailPage.status(), emailPage.toString());
        return Jsoup.parse(emailPage.body());
    }

    private static String otherCode(String code) {
        return String.format("%03d", (Integer.parseInt(code) + 1) % 1000);
    }

    private static final String APP_CLIENT = """
            , "clients": [{"clientId": "app", "publicClient": false, "secret": "s", "standardFlowEnabled": true,
                           "redirectUris": ["http://localhost:3000/*"]}]""";

    private static Reply request(Lanyard lanyard, String realm, String email, String redirectUri, String clientId) {
        String body = "{\"email\":\"" + email + "\",\"redirect_uri\":\"" + redirectUri + "\""
                + (clientId == null ? "" : ",\"client_id\":\"" + clientId + "\"") + "}";
        return lanyard.browser().postJson(lanyard.realm(realm, "/api/public/request-magic-link"), body);
    }

    private static String verifiedUser(Lanyard lanyard, String realm) {
        String email = "ml-" + UUID.randomUUID() + "@example.com";
        lanyard.admin().createUser(realm, email, email);
        return email;
    }

    private static URI linkIn(MimeMessage mail) throws Exception {
        assertEquals("Your sign-in link", mail.getSubject());
        Matcher matcher = LINK.matcher(Lanyard.mailText(mail));
        assertTrue(matcher.find(), Lanyard.mailText(mail));
        return URI.create(matcher.group());
    }

    private static void assertError(Reply reply, int status) {
        assertEquals(status, reply.status(), reply.toString());
        assertTrue(reply.contentType().startsWith("application/json"), reply.toString());
        assertFalse(reply.json().path("error").asText().isEmpty(), reply.toString());
    }
}
