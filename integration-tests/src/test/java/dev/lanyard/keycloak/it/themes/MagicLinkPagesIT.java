package dev.lanyard.keycloak.it.themes;

import dev.lanyard.keycloak.it.support.BrowserFlows;
import dev.lanyard.keycloak.it.support.KeycloakServer;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.RealBrowser;
import dev.lanyard.keycloak.it.support.RequiresChromium;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.awt.Color;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The magic link's pages in a real browser, in each shipped language: login, "email me a link", sent (and
 * "continue" before the link is confirmed), the mail, the mailed link, and the same link once used; and a link
 * confirmed in a second tab while the first still waits.
 */
@ExtendWith(LanyardExtension.class)
@RequiresChromium
class MagicLinkPagesIT {

    private static final Pattern LINK = Pattern.compile("http://\\S+/api/public/magic-link\\?\\S+");
    private static final String CALLBACK = "http://localhost:5173/cb";
    /** The sent page's heading, as each bundle words it: the page is not English under a translated frame. */
    private static final Map<String, String> SENT = Map.of("en", "Check your email", "de", "Sehen Sie in Ihr Postfach",
            "fr", "Consultez vos e-mails");

    private static String realm;

    @BeforeAll
    static void setUp(Lanyard lanyard) {
        realm = LoginPages.realmWithSpa(lanyard, "pages");
        BrowserFlows.useWithMagicLink(lanyard.admin(), realm, "magic");
    }

    @ParameterizedTest
    @MethodSource("dev.lanyard.keycloak.it.themes.LoginPages#languages")
    void linkSignsInThroughEveryPageAndIsUsedOnce(String language, Lanyard lanyard) throws Exception {
        String email = "pages-" + UUID.randomUUID() + "@example.com";
        lanyard.admin().createUser(realm, email, email);
        try (RealBrowser browser = RealBrowser.open(language, RealBrowser.PHONE)) {
            browser.get(lanyard.realm(realm, "/protocol/openid-connect/auth?client_id=spa&response_type=code&scope=openid"
                    + "&redirect_uri=http%3A%2F%2Flocalhost%3A5173%2Fcb").toString());
            LoginPages.PasswordPage login = new LoginPages.PasswordPage(browser);
            login.check("login");
            Color brand = Color.decode(KeycloakServer.PRIMARY_COLOR);
            assertEquals("rgba(%d, %d, %d, 1)".formatted(brand.getRed(), brand.getGreen(), brand.getBlue()), login.buttonColor(),
                    "the primary button in LANYARD_PRIMARY_COLOR");
            LoginPages.MagicLinkEmailPage emailPage = login.chooseMagicLink();
            emailPage.check("magic-link-email");
            LoginPages.MagicLinkSentPage sent = emailPage.send(email);
            assertEquals(SENT.get(language), sent.heading());
            sent.check("magic-link-sent");
            String code = sent.matchCode();
            LoginPages.MagicLinkSentPage waiting = sent.continueUnconfirmed();
            assertFalse(waiting.error().isEmpty(), "not confirmed yet");
            assertEquals(code, waiting.matchCode(), "the same code while it waits");
            waiting.check("magic-link-waiting");

            MimeMessage mail = lanyard.awaitMail(email);
            String link = linkIn(Lanyard.mailText(mail));
            MailView.show(browser, mail, "magic-link-mail");

            browser.get(link);
            LoginPages.MagicLinkConfirmPage confirm = new LoginPages.MagicLinkConfirmPage(browser);
            confirm.check("magic-link-confirm");
            confirm.confirm();
            String callback = browser.awaitAddress(CALLBACK);
            assertTrue(callback.contains("code="), callback);

            browser.get(link);
            new LoginPages.MagicLinkExpiredPage(browser).check("magic-link-used");
        }
    }

    /**
     * The link opened in a second tab of the browser that waits: that tab signs in, and the waiting tab follows it
     * (Keycloak's check for a sign-in in another tab) to the app with a code of its own, never with an error.
     */
    @Test
    void linkConfirmedInAnotherTabSignsInTheWaitingTabToo(Lanyard lanyard) throws Exception {
        String email = "tabs-" + UUID.randomUUID() + "@example.com";
        lanyard.admin().createUser(realm, email, email);
        try (RealBrowser browser = RealBrowser.open("en", RealBrowser.PHONE)) {
            browser.get(lanyard.realm(realm, "/protocol/openid-connect/auth?client_id=spa&response_type=code&scope=openid"
                    + "&state=waiting-tab&redirect_uri=http%3A%2F%2Flocalhost%3A5173%2Fcb").toString());
            new LoginPages.PasswordPage(browser).chooseMagicLink().send(email);

            String waitingTab = browser.openTab();
            browser.get(linkIn(Lanyard.mailText(lanyard.awaitMail(email))));
            new LoginPages.MagicLinkConfirmPage(browser).confirm();
            String confirming = browser.awaitAddress(CALLBACK);
            assertTrue(confirming.contains("code="), confirming);

            browser.switchToTab(waitingTab);
            String waiting = browser.awaitAddress(CALLBACK);
            assertTrue(waiting.contains("code=") && !waiting.contains("error="), "the waiting tab signed in: " + waiting);
            assertTrue(waiting.contains("state=waiting-tab"), waiting);
        }
    }

    private static String linkIn(String mailText) {
        Matcher matcher = LINK.matcher(mailText);
        assertTrue(matcher.find(), "the mail holds the link: " + mailText);
        return matcher.group();
    }
}
