package dev.lanyard.keycloak.it.themes;

import dev.lanyard.keycloak.it.support.KeycloakServer;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.RealBrowser;
import jakarta.mail.internet.MimeMessage;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.Color;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A mail shown in the browser, its HTML part in light and in dark colours and then its text part, each photographed
 * and checked for the realm's branding.
 */
final class MailView {

    /** The branding a mail wears: the test server's, unless its realm sets its own. */
    record Brand(String productName, String logoUrl, String primaryColor) {
        static final Brand SERVER = new Brand(KeycloakServer.PRODUCT_NAME, KeycloakServer.LOGO_URL, KeycloakServer.PRIMARY_COLOR);
    }

    private static final Pattern LINK = Pattern.compile("https?://\\S+");
    private static final String WHITE = "rgba(255, 255, 255, 1)";

    private MailView() {
    }

    /** As {@link #show(RealBrowser, MimeMessage, String, Brand)}, with the test server's branding. */
    static void show(RealBrowser browser, MimeMessage mail, String name) throws Exception {
        show(browser, mail, name, Brand.SERVER);
    }

    /**
     * Shows both parts of {@code mail}, which must speak the browser's language (the mail was asked for from it) and
     * wear {@code brand}: the product name first, the logo, the primary colour on the card and on a button for each
     * link, with the link spelled out beneath it. Its text stays readable in dark colours; the text part is headed by
     * the product name and spells out the HTML part's links, each on a line of its own.
     */
    static void show(RealBrowser browser, MimeMessage mail, String name, Brand brand) throws Exception {
        String text = Lanyard.mailText(mail);
        browser.show("text/html", Lanyard.mailPart(mail, "text/html"));
        assertEquals(browser.language(), browser.find(By.tagName("html")).getAttribute("lang"), name + " in the browser's language");
        assertEquals(brand.productName(), browser.find(By.tagName("body")).getText().lines().findFirst().orElse(""),
                "the product name heads " + name);
        WebElement logo = browser.find(By.tagName("img"));
        assertEquals(brand.logoUrl(), logo.getAttribute("src"), "the logo on " + name);
        assertTrue(browser.isShown(logo), "the logo loads and shows on " + name);
        String primary = Color.fromString(brand.primaryColor()).asRgba();
        assertEquals(primary, browser.find(By.cssSelector(".lanyard-mail-card")).getCssValue("border-top-color"),
                "the primary colour tops the card of " + name);

        List<WebElement> anchors = browser.driver().findElements(By.cssSelector("a[href]"));
        Set<String> links = anchors.stream().map(anchor -> anchor.getAttribute("href")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(LINK.matcher(text).results().map(link -> link.group()).collect(Collectors.toCollection(TreeSet::new)), links,
                "the text part spells out the HTML part's links, and no others: " + text);
        for (String link : links) {
            List<WebElement> to = anchors.stream().filter(anchor -> link.equals(anchor.getAttribute("href"))).toList();
            WebElement button = to.stream().filter(anchor -> primary.equals(anchor.getCssValue("background-color"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no button in the primary colour to " + link + " in " + name));
            assertEquals(WHITE, button.getCssValue("color"), "white on the primary colour in " + name);
            WebElement spelledOut = to.stream().filter(anchor -> anchor.getText().replaceAll("\\s", "").equals(link)).findFirst()
                    .orElseThrow(() -> new AssertionError("the link is not spelled out in " + name + ": " + link));
            assertTrue(spelledOut.getRect().getY() > button.getRect().getY(), "the link spelled out beneath its button in " + name);
            assertTrue(text.lines().anyMatch(link::equals), "the link on a line of its own in the text part: " + text);
        }
        assertEquals("", browser.overflowingElements(), "nothing wider than the phone's screen in " + name);
        assertEquals(List.of(), browser.contrastViolations(), "text readable on its background in " + name);
        LoginPages.screenshotAndAudit(browser, name + "-html-" + browser.language());

        // Mail clients in dark mode that honour the mail's own dark colours (Apple Mail, for one) show these.
        assertEquals("light dark", browser.find(By.cssSelector("meta[name=color-scheme]")).getAttribute("content"));
        browser.preferDarkColours(true);
        try {
            var card = Color.fromString(browser.find(By.cssSelector(".lanyard-mail-card")).getCssValue("background-color")).getColor();
            assertTrue(card.getRed() + card.getGreen() + card.getBlue() < 3 * 64, "a dark card in dark mode: " + card + " in " + name);
            assertEquals(List.of(), browser.contrastViolations(), "text readable on its background in dark mode in " + name);
            LoginPages.screenshotAndAudit(browser, name + "-html-dark-" + browser.language());
        } finally {
            browser.preferDarkColours(false);
        }

        assertEquals(brand.productName(), text.lines().findFirst().orElse(""), "the product name heads the text part of " + name);
        browser.show("text/plain", text);
        LoginPages.screenshotAndAudit(browser, name + "-text-" + browser.language());
    }
}
