package dev.lanyard.keycloak.it.themes;

import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.RealBrowser;
import jakarta.mail.internet.MimeMessage;
import org.openqa.selenium.By;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A mail shown in the browser, its HTML part and then its text part, each photographed. */
final class MailView {

    private MailView() {
    }

    /**
     * Shows both parts of {@code mail}, which must speak the browser's language (the mail was asked for from it);
     * every link of the HTML part must be in the text part too.
     */
    static void show(RealBrowser browser, MimeMessage mail, String name) throws Exception {
        browser.show("text/html", Lanyard.mailPart(mail, "text/html"));
        assertEquals(browser.language(), browser.find(By.tagName("html")).getAttribute("lang"), name + " in the browser's language");
        List<String> links = browser.driver().findElements(By.cssSelector("a[href]")).stream()
                .map(link -> link.getAttribute("href")).toList();
        LoginPages.screenshotAndAudit(browser, name + "-html-" + browser.language());
        browser.show("text/plain", Lanyard.mailText(mail));
        String text = browser.find(By.tagName("body")).getText();
        links.forEach(link -> assertTrue(text.contains(link), "the text part has the HTML part's link " + link));
        LoginPages.screenshotAndAudit(browser, name + "-text-" + browser.language());
    }
}
