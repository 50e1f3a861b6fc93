package dev.lanyard.keycloak.it.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.keycloak.it.support.KeycloakServer;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.RealBrowser;
import dev.lanyard.keycloak.it.support.RequiresChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lanyard's pages of Keycloak's admin console, in Chromium as an admin uses them: an existing client's entry shows
 * the client's true settings, and saving one change leaves every other attribute as it was.
 */
@ExtendWith(LanyardExtension.class)
@RequiresChromium
class ConsolePagesIT {

    private static final Dimension DESKTOP = new Dimension(1400, 1000);
    /** Tall enough for the whole demo browser flow in one picture. */
    private static final Dimension TALL = new Dimension(1400, 2300);

    @Test
    void anEntryShowsTheClientsSettingsAndSavingChangesOnlyWhatTheAdminChanged(Lanyard lanyard) {
        String realm = ConsoleSettingsIT.realmWithASettledClient(lanyard, "console-pages");
        JsonNode before = lanyard.admin().client(realm, "spa").get("attributes");
        try (RealBrowser browser = RealBrowser.open("en", DESKTOP)) {
            signInToConsole(lanyard, browser);
            open(browser, console(lanyard, realm, "/page-section/" + URLEncoder.encode("Lanyard clients", StandardCharsets.UTF_8).replace("+", "%20")));
            WebElement link = await(browser, d -> d.findElement(By.linkText("spa")));
            browser.screenshot("console-lanyard-clients");
            link.click();

            WebElement firstParty = await(browser, d -> d.findElement(By.cssSelector("input#firstParty")));
            assertEquals("https://api.example.test/", await(browser, d -> d.findElement(By.cssSelector("input[data-testid=resourceUri]"))).getAttribute("value"),
                    "the entry shows the client's resource URI");
            assertTrue(firstParty.isSelected(), "the entry shows the client as first-party");
            WebElement permission = browser.find(By.cssSelector("input#permissionRequired"));
            assertFalse(permission.isSelected());
            String form = browser.find(By.tagName("body")).getText();
            assertTrue(form.contains("First-party app") && !form.contains("lanyardConsole"), "labels, not message keys: " + form);
            browser.screenshot("console-lanyard-client-entry");

            ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].click()", permission);
            browser.find(By.cssSelector("button[data-testid=save]")).click();
            await(browser, d -> d.findElement(By.cssSelector("[class*='c-alert'][class*='m-success']")));
        }
        ObjectNode expected = ((ObjectNode) before.deepCopy()).put("lanyard.permission.required", "true");
        assertEquals(expected, lanyard.admin().client(realm, "spa").get("attributes"),
                "the one switch changed, every other attribute as it was");
    }

    @Test
    void theDemoBrowserFlowAsTheConsoleShowsIt(Lanyard lanyard) {
        try (RealBrowser browser = RealBrowser.open("en", TALL)) {
            signInToConsole(lanyard, browser);
            open(browser, console(lanyard, Lanyard.DEMO_REALM, "/authentication"));
            await(browser, d -> d.findElement(By.linkText("lanyard browser"))).click();
            await(browser, d -> d.findElement(By.tagName("body")).getText().contains("lanyard browser magic link") ? true : null);
            // The picture of the placement in docs/routes.md (docs/screenshots/demo-browser-flow.png is copied from it).
            browser.screenshot("console-demo-browser-flow");
        }
    }

    private static void signInToConsole(Lanyard lanyard, RealBrowser browser) {
        browser.get(lanyard.baseUri().resolve("/admin/master/console/").toString());
        await(browser, d -> d.findElement(By.id("username"))).sendKeys(KeycloakServer.ADMIN_USERNAME);
        browser.find(By.id("password")).sendKeys(KeycloakServer.ADMIN_PASSWORD);
        browser.find(By.id("kc-login")).click();
        // Signed in once the console draws its menu.
        await(browser, d -> d.findElement(By.linkText("Realm settings")));
    }

    /** Opens a page of the console afresh, as a bookmark would: a new hash alone does not switch the console's realm. */
    private static void open(RealBrowser browser, String url) {
        browser.get(url);
        browser.driver().navigate().refresh();
    }

    private static String console(Lanyard lanyard, String realm, String route) {
        return lanyard.baseUri().resolve("/admin/master/console/").toString() + "#/" + realm + route;
    }

    /** The console is a single-page app that loads in steps: a minute for what a click brings. */
    private static <T> T await(RealBrowser browser, Function<org.openqa.selenium.WebDriver, T> condition) {
        try {
            return new WebDriverWait(browser.driver(), Duration.ofSeconds(60)).until(condition::apply);
        } catch (TimeoutException e) {
            browser.screenshot("console-timeout");
            throw new AssertionError("waited in vain on " + browser.driver().getCurrentUrl() + ":\n"
                    + browser.driver().findElement(By.tagName("body")).getText(), e);
        }
    }
}
