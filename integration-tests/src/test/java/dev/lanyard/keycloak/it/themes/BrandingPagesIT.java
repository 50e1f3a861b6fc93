package dev.lanyard.keycloak.it.themes;

import dev.lanyard.keycloak.it.support.BrowserFlows;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.RealBrowser;
import dev.lanyard.keycloak.it.support.RequiresChromium;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.Color;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A realm's own branding (the admin console's Lanyard tab writes these realm attributes) on Keycloak's and Lanyard's
 * pages and on Lanyard's mails in a real browser, over the server's; and a product name made to break out of the
 * stylesheet or the mail's HTML stays a name.
 */
@ExtendWith(LanyardExtension.class)
@RequiresChromium
class BrandingPagesIT {

    private static final String LOGO = "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(
            "<svg xmlns='http://www.w3.org/2000/svg' width='64' height='64'><circle cx='32' cy='32' r='30' fill='#0b7a3b'/></svg>"
                    .getBytes(StandardCharsets.UTF_8));
    /** Quotes, a backslash, braces and tags: written into a CSS string or a mail's HTML, they must not end it. */
    private static final String NAME = "Acme \"Cloud\" <i>\\</i> }:root{--pf-v5-global--primary-color--100:red}";
    private static final String COLOR = "#0b7a3b";

    private static String realm;

    @BeforeAll
    static void setUp(Lanyard lanyard) {
        realm = lanyard.newRealm("branded", LoginPages.REALM_LANGUAGES + """
                , "verifyEmail": true,
                 "attributes": {"lanyard.brand.productName": %s, "lanyard.brand.logoUrl": "%s", "lanyard.brand.primaryColor": "%s"},
                 "clients": [{"clientId": "spa", "publicClient": true, "standardFlowEnabled": true,
                              "redirectUris": ["http://localhost:5173/*"]}]""".formatted(Reply.JSON.valueToTree(NAME), LOGO, COLOR));
    }

    @Test
    void realmsBrandingShowsOnItsPages(Lanyard lanyard) {
        Reply css = lanyard.browser().get(lanyard.realm(realm, "/api/public/branding.css"));
        assertEquals(200, css.status(), css.toString());
        assertTrue(css.header("Content-Type").orElse("").startsWith("text/css"), css.toString());

        BrowserFlows.useWithMagicLink(lanyard.admin(), realm, "magic");

        try (RealBrowser browser = RealBrowser.open("en", RealBrowser.PHONE)) {
            browser.get(lanyard.realm(realm, "/protocol/openid-connect/auth?client_id=spa&response_type=code&scope=openid"
                    + "&redirect_uri=http%3A%2F%2Flocalhost%3A5173%2Fcb").toString());
            LoginPages.PasswordPage login = new LoginPages.PasswordPage(browser);
            assertEquals(NAME, browser.find(By.cssSelector(".lanyard-brand")).getDomProperty("textContent").trim());
            WebElement logo = browser.find(By.cssSelector("img.lanyard-logo"));
            assertEquals(LOGO, logo.getAttribute("src"));
            assertTrue(browser.isShown(logo), "the realm's logo loads");
            assertEquals(Color.fromString(COLOR).asRgba(), login.buttonColor(), "the realm's colour, not the name's red nor the server's");
            assertEquals(Color.fromString(COLOR).asRgba(), browser.find(By.cssSelector(".lanyard-brand")).getCssValue("color"),
                    "the product name in the realm's colour too");
            LoginPages.screenshotAndAudit(browser, "login-branded-en");

            // Lanyard's own pages space their fields and buttons as Keycloak's do.
            LoginPages.MagicLinkEmailPage emailPage = login.chooseMagicLink();
            int gap = emailPage.spaceBetween(By.id("email"), By.cssSelector("#lanyard-magic-link-form [type=submit]"));
            assertTrue(gap >= 8, "the email field and the button below it are " + gap + "px apart");
            LoginPages.screenshotAndAudit(browser, "magic-link-email-branded-en");
        }
    }

    /** The account-exists mail of a registration over an existing account: Lanyard's mail layout, in the realm's branding. */
    @Test
    void realmsBrandingShowsOnItsMails(Lanyard lanyard) throws Exception {
        String email = "branded-" + UUID.randomUUID() + "@example.com";
        lanyard.admin().createUserWithPassword(realm, email, "Branded-Mail-9");
        Reply registered = lanyard.browser().postJson(lanyard.realm(realm, "/api/public/register"),
                "{\"email\":\"" + email + "\",\"password\":\"Someone-Elses-9\",\"name\":\"Some One\"}", "Accept-Language", "en");
        assertEquals(202, registered.status(), registered.toString());
        try (RealBrowser browser = RealBrowser.open("en", RealBrowser.PHONE)) {
            MailView.show(browser, lanyard.awaitMail(email), "account-exists-mail-branded", new MailView.Brand(NAME, LOGO, COLOR));
        }
    }
}
