package dev.lanyard.keycloak.it.themes;

import dev.lanyard.keycloak.it.support.BrowserFlows;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.RealBrowser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The magic link's pages in a real browser: login, "email me a link", sent, the mailed link, and a used link. */
@ExtendWith(LanyardExtension.class)
class MagicLinkPagesIT {

    private static final Pattern LINK = Pattern.compile("http://\\S+/api/public/magic-link\\?\\S+");
    private static final String CALLBACK = "http://localhost:5173/cb";

    private static String realm;

    @BeforeAll
    static void setUp(Lanyard lanyard) {
        assumeTrue(RealBrowser.isInstalled(), "no Chromium at /usr/bin/chromium with /usr/bin/chromedriver: browser tests skipped"
                + " (apt-get install chromium chromium-driver; .ci/run does)");
        realm = lanyard.newRealm("pages", """
                , "loginTheme": "lanyard", "emailTheme": "lanyard",
                 "internationalizationEnabled": true, "supportedLocales": ["en", "de"], "defaultLocale": "en",
                 "clients": [{"clientId": "spa", "publicClient": true, "standardFlowEnabled": true,
                              "redirectUris": ["http://localhost:5173/*"]}]""");
        BrowserFlows.use(lanyard.admin(), realm, "magic", new BrowserFlows.Step("auth-username-password-form", "ALTERNATIVE"),
                new BrowserFlows.Step("lanyard-magic-link", "ALTERNATIVE"));
    }

    @Test
    void linkSignsInThroughEveryPageAndIsUsedOnce(Lanyard lanyard) throws Exception {
        String email = user(lanyard);
        try (RealBrowser browser = RealBrowser.open("en", RealBrowser.PHONE)) {
            browser.get(authorize(lanyard));
            LoginPages.PasswordPage login = new LoginPages.PasswordPage(browser);
            login.check("login-en");
            LoginPages.MagicLinkEmailPage emailPage = login.chooseMagicLink("Email me a sign-in link");
            emailPage.check("magic-link-email-en");
            LoginPages.MagicLinkSentPage sent = emailPage.send(email);
            assertEquals("Check your email", sent.heading());
            sent.check("magic-link-sent-en");

            String link = linkFor(lanyard, email);
            browser.get(link);
            LoginPages.MagicLinkConfirmPage confirm = new LoginPages.MagicLinkConfirmPage(browser);
            confirm.check("magic-link-confirm-en");
            confirm.confirm();
            String callback = browser.awaitAddress(CALLBACK);
            assertTrue(callback.contains("code="), callback);

            browser.get(link);
            new LoginPages.MagicLinkExpiredPage(browser).check("magic-link-used-en");
        }
    }

    @Test
    void pagesSpeakTheBrowsersLanguage(Lanyard lanyard) throws Exception {
        String email = user(lanyard);
        try (RealBrowser browser = RealBrowser.open("de", RealBrowser.PHONE)) {
            browser.get(authorize(lanyard));
            LoginPages.PasswordPage login = new LoginPages.PasswordPage(browser);
            login.check("login-de");
            LoginPages.MagicLinkSentPage sent = login.chooseMagicLink("Anmeldelink").send(email);
            assertEquals("Sehen Sie in Ihr Postfach", sent.heading());
            sent.check("magic-link-sent-de");
        }
    }

    private static String authorize(Lanyard lanyard) {
        return lanyard.realm(realm, "/protocol/openid-connect/auth?client_id=spa&response_type=code&scope=openid"
                + "&redirect_uri=http%3A%2F%2Flocalhost%3A5173%2Fcb").toString();
    }

    private static String user(Lanyard lanyard) {
        String email = "pages-" + UUID.randomUUID() + "@example.com";
        lanyard.admin().createUser(realm, email, email);
        return email;
    }

    private static String linkFor(Lanyard lanyard, String email) throws Exception {
        Matcher matcher = LINK.matcher(Lanyard.mailText(lanyard.awaitMail(email)));
        assertTrue(matcher.find(), "the mail holds the link");
        return matcher.group();
    }
}
