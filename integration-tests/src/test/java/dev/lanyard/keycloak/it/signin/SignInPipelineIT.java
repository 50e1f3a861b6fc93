package dev.lanyard.keycloak.it.signin;

import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.BrowserFlows;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.jsoup.Jsoup;
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

/** One sign-in pipeline: every route refuses what password login refuses, and no API session is weaker than the browser flow. */
@ExtendWith(LanyardExtension.class)
class SignInPipelineIT {

    private static final String PASSWORD = "Correct-Horse-9";
    private static final Pattern LINK = Pattern.compile("http://\\S+/api/public/magic-link\\?\\S+");
    private static final String REDIRECT = "http://localhost:3000/after-login";
    private static final String CLIENTS = """
            , "clients": [{"clientId": "app", "publicClient": true, "standardFlowEnabled": true,
                           "redirectUris": ["http://localhost:3000/*"]}]""";

    @Test
    void magicLinkOfALockedUserSignsNobodyIn(Lanyard lanyard) throws Exception {
        String realm = lanyard.newRealm("pipe-lock", ", \"failureFactor\": 2" + CLIENTS);
        String email = newUser(lanyard, realm, "");
        String userId = lanyard.admin().userId(realm, email).orElseThrow();
        for (int i = 0; i < 2; i++) {
            lanyard.browser().postJson(lanyard.realm(realm, "/api/public/login"), credentials(email, "Wrong-Password-1"));
        }
        lanyard.admin().awaitLocked(realm, userId);

        Browser browser = lanyard.browser();
        Reply consumed = consumeMagicLink(lanyard, browser, realm, email);
        assertFalse(consumed.status() == 303, "no redirect into the app: " + consumed);
        assertEquals(401, browser.get(lanyard.realm(realm, "/api/public/session")).status(), "not signed in");
        assertEquals(0, lanyard.admin().getJson("/" + realm + "/users/" + userId + "/sessions").size(), "no user session");
    }

    @Test
    void magicLinkOfAUserWithAPendingRequiredActionSignsNobodyIn(Lanyard lanyard) throws Exception {
        String realm = lanyard.newRealm("pipe-action", CLIENTS);
        for (String action : new String[]{"UPDATE_PASSWORD", "CONFIGURE_TOTP", "lanyard-set-pin"}) {
            String email = newUser(lanyard, realm, ", \"requiredActions\": [\"" + action + "\"]");
            Browser browser = lanyard.browser();
            Reply consumed = consumeMagicLink(lanyard, browser, realm, email);
            assertEquals(403, consumed.status(), action + ": " + consumed);
            assertEquals(401, browser.get(lanyard.realm(realm, "/api/public/session")).status(), action + ": not signed in");
            Reply login = lanyard.browser().postJson(lanyard.realm(realm, "/api/public/login"), credentials(email, PASSWORD));
            assertEquals(403, login.status(), "password login refuses it alike: " + login);
            assertEquals(action, login.json().get("required_action").asText());
        }
    }

    @Test
    void apiLoginOfAUserWithOtpStillMeetsTheOtpStepOfTheBuiltInBrowserFlow(Lanyard lanyard) {
        String otpUser = "otp-" + UUID.randomUUID() + "@example.com";
        String realm = lanyard.newRealm("pipe-otp", CLIENTS + """
                , "users": [{"username": "%s", "email": "%s", "emailVerified": true, "enabled": true,
                  "credentials": [{"type": "password", "value": "%s"},
                                  {"type": "otp", "userLabel": "phone", "secretData": "{\\"value\\":\\"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP\\"}",
                                   "credentialData": "{\\"subType\\":\\"totp\\",\\"digits\\":6,\\"period\\":30,\\"algorithm\\":\\"HmacSHA1\\",\\"counter\\":0}"}]}]"""
                .formatted(otpUser, otpUser, PASSWORD));
        String plainUser = newUser(lanyard, realm, "");

        Browser withOtp = lanyard.browser();
        Reply login = withOtp.postJson(lanyard.realm(realm, "/api/public/login"), credentials(otpUser, PASSWORD));
        assertEquals(200, login.status(), login.toString());
        assertEquals(200, withOtp.get(lanyard.realm(realm, "/api/public/session")).status(), "the API session works");
        Reply authorize = withOtp.get(authorize(lanyard, realm));
        assertEquals(200, authorize.status(), "a login page, no code: " + authorize);
        assertTrue(authorize.header("Location").isEmpty());

        Browser withoutOtp = lanyard.browser();
        assertEquals(200, withoutOtp.postJson(lanyard.realm(realm, "/api/public/login"), credentials(plainUser, PASSWORD)).status());
        Reply sso = withoutOtp.get(authorize(lanyard, realm));
        assertEquals(302, sso.status(), "a user with nothing more to check keeps single sign-on: " + sso);
        assertTrue(sso.header("Location").orElseThrow().contains("code="), sso.toString());
    }

    @Test
    void apiLoginMeetsAnOtpStepTheBrowserFlowRequiresOfEveryone(Lanyard lanyard) {
        String realm = lanyard.newRealm("pipe-otp-all", CLIENTS);
        BrowserFlows.use(lanyard.admin(), realm, "otp-for-all", new BrowserFlows.Step("auth-username-password-form", "REQUIRED"),
                new BrowserFlows.Step("auth-otp-form", "REQUIRED"));
        String email = newUser(lanyard, realm, "");
        Browser browser = lanyard.browser();
        assertEquals(200, browser.postJson(lanyard.realm(realm, "/api/public/login"), credentials(email, PASSWORD)).status());
        Reply authorize = browser.get(authorize(lanyard, realm));
        assertEquals(200, authorize.status(), "the flow's OTP setup comes first, no code: " + authorize);
        assertTrue(authorize.header("Location").isEmpty());
    }

    /**
     * A magic link is what it is: in a realm whose browser flow offers no magic-link step, it signs into the app
     * (Lanyard's public session) but never into Keycloak's SSO, so the admin console of a realm admin asks for the
     * password, and sso/validate does not call the session an admin's.
     */
    @Test
    void aMagicLinkNeverStandsInForThePasswordTheBrowserFlowAsks(Lanyard lanyard) throws Exception {
        String realm = lanyard.newRealm("pipe-link-admin", CLIENTS);
        String email = newUser(lanyard, realm, "");
        String userId = lanyard.admin().userId(realm, email).orElseThrow();
        lanyard.admin().grantRealmManagement(realm, userId, "realm-admin");

        Browser browser = lanyard.browser();
        Reply consumed = consumeMagicLink(lanyard, browser, realm, email);
        assertEquals(303, consumed.status(), "the link signs into the app: " + consumed);
        assertEquals(200, browser.get(lanyard.realm(realm, "/api/public/session")).status());
        assertTrue(browser.cookie("KEYCLOAK_IDENTITY").isEmpty(), "no SSO cookie for a method the browser flow does not offer");

        Reply console = browser.get(lanyard.realm(realm, "/protocol/openid-connect/auth?client_id=security-admin-console"
                + "&response_type=code&scope=openid&redirect_uri=" + URLEncoder.encode(lanyard.baseUri() + "/admin/" + realm
                + "/console/", StandardCharsets.UTF_8) + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                + "&code_challenge_method=S256"));
        assertEquals(200, console.status(), "the admin console's login page, no code: " + console);
        assertTrue(console.header("Location").isEmpty(), console.toString());
        Reply validate = browser.get(lanyard.realm(realm, "/api/sso/validate"));
        assertEquals("public", validate.json().get("type").asText(), validate.toString());
    }

    /** Where the browser flow offers the magic-link step and asks nothing more, the link counts for SSO too. */
    @Test
    void aMagicLinkCountsForSsoWhereTheBrowserFlowOffersIt(Lanyard lanyard) throws Exception {
        String realm = lanyard.newRealm("pipe-link-sso", CLIENTS);
        BrowserFlows.useWithMagicLink(lanyard.admin(), realm, "magic");
        String email = newUser(lanyard, realm, "");
        Browser browser = lanyard.browser();
        assertEquals(303, consumeMagicLink(lanyard, browser, realm, email).status());
        Reply sso = browser.get(authorize(lanyard, realm));
        assertEquals(302, sso.status(), "single sign-on: " + sso);
        assertTrue(sso.header("Location").orElseThrow().contains("code="), sso.toString());
    }

    @Test
    void publicSessionAndKeycloakSsoCookiesCannotStandInForEachOther(Lanyard lanyard) {
        String realm = lanyard.newRealm("pipe-cookie", CLIENTS);
        String email = newUser(lanyard, realm, "");
        Browser browser = lanyard.browser();
        Reply login = browser.postJson(lanyard.realm(realm, "/api/public/login"), credentials(email, PASSWORD));
        String publicSession = browser.cookie("public-session").orElseThrow();
        String identity = browser.cookie("KEYCLOAK_IDENTITY").orElseThrow(() -> new AssertionError(login.toString()));

        Reply asPublicSession = lanyard.browser().get(lanyard.realm(realm, "/api/public/session"),
                "Cookie", "public-session=" + identity);
        assertEquals(401, asPublicSession.status(), "Keycloak's SSO cookie is no public session: " + asPublicSession);
        Reply asIdentity = lanyard.browser().get(authorize(lanyard, realm), "Cookie", "KEYCLOAK_IDENTITY=" + publicSession);
        assertEquals(200, asIdentity.status(), "the public session is no SSO cookie (login page, no code): " + asIdentity);
        assertEquals(200, lanyard.browser().get(lanyard.realm(realm, "/api/public/session"),
                "Cookie", "public-session=" + publicSession).status(), "while each works in its own place");
    }

    private static Reply consumeMagicLink(Lanyard lanyard, Browser browser, String realm, String email) throws Exception {
        Reply requested = lanyard.browser().postJson(lanyard.realm(realm, "/api/public/request-magic-link"),
                "{\"email\":\"" + email + "\",\"redirect_uri\":\"" + REDIRECT + "\"}");
        assertEquals(202, requested.status(), requested.toString());
        Matcher link = LINK.matcher(Lanyard.mailText(lanyard.awaitMail(email)));
        assertTrue(link.find());
        URI uri = URI.create(link.group());
        String token = Jsoup.parse(browser.get(uri).body()).select("input[name=token]").val();
        return browser.postForm(uri, Map.of("token", token));
    }

    private static URI authorize(Lanyard lanyard, String realm) {
        return lanyard.realm(realm, "/protocol/openid-connect/auth?client_id=app&response_type=code&scope=openid"
                + "&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcb");
    }

    private static String newUser(Lanyard lanyard, String realm, String extra) {
        String email = "pipe-" + UUID.randomUUID() + "@example.com";
        lanyard.admin().createUser(realm, """
                {"username": "%s", "email": "%s", "emailVerified": true, "enabled": true, "firstName": "Pi", "lastName": "Pe",
                 "credentials": [{"type": "password", "value": "%s", "temporary": false}]%s}""".formatted(email, email, PASSWORD, extra));
        return email;
    }

    private static String credentials(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }
}
