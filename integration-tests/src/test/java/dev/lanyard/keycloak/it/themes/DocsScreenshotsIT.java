package dev.lanyard.keycloak.it.themes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.keycloak.it.support.KeycloakServer;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.RealBrowser;
import dev.lanyard.keycloak.it.support.RequiresChromium;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The pictures of docs/themes.md (docs/screenshots/, copied from {@code target/screenshots/docs/}): four pages of
 * the demo realm {@code lanyard-demo} as realm-config imports it, headed by its display name, each reached through
 * its real flow. The test server's branding (LANYARD_PRODUCT_NAME, LANYARD_PRIMARY_COLOR, LANYARD_LOGO_URL) is a
 * test's; the pictures show the demo realm as a server without those settings draws it (docker-compose.yml's
 * defaults). A realm with a long name on a phone is the other page tests' (their realms are named at random).
 * The demo realm is left as imported: its users and clients here are the test's own and removed again, and its
 * branding attributes are put back.
 */
@ExtendWith(LanyardExtension.class)
@RequiresChromium
class DocsScreenshotsIT {

    /** realm-config's display name of the demo realm. */
    private static final String DISPLAY_NAME = "Lanyard Demo";
    /** What a server without LANYARD_PRODUCT_NAME and LANYARD_PRIMARY_COLOR shows: Branding's defaults. */
    private static final Map<String, String> SHIPPED_BRANDING = Map.of(
            "lanyard.brand.productName", "Lanyard", "lanyard.brand.primaryColor", "#0066cc");
    /** The size of the pictures in docs/themes.md's table, tall enough for the whole login page. */
    private static final Dimension WINDOW = new Dimension(500, 844);
    private static final String DEMO = Lanyard.DEMO_REALM;
    private static final String PASSWORD = "Docs-Screenshots-9";
    /** Any S256 challenge: the demo SPA requires PKCE, and no code is redeemed here. */
    private static final String PKCE = "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";

    @Test
    void loginPageInEnglish(Lanyard lanyard) {
        photograph(lanyard, "en", "login-en", browser -> {
            browser.get(authorize(lanyard, "lanyard-demo-spa") + PKCE);
            new LoginPages.PasswordPage(browser);
        });
    }

    @Test
    void magicLinkSentPageInGerman(Lanyard lanyard) {
        String email = "alex@example.com";
        String userId = newUser(lanyard, email, "");
        try {
            photograph(lanyard, "de", "magic-link-sent-de", browser -> {
                browser.get(authorize(lanyard, "lanyard-demo-spa") + PKCE);
                LoginPages.MagicLinkSentPage sent = new LoginPages.PasswordPage(browser).chooseMagicLink().send(email);
                assertEquals("Sehen Sie in Ihr Postfach", sent.heading());
            });
        } finally {
            lanyard.admin().must("DELETE", "/" + DEMO + "/users/" + userId, null);
        }
    }

    @Test
    void deviceCodePageInFrench(Lanyard lanyard) {
        String clientId = "docs-tv-" + UUID.randomUUID().toString().substring(0, 8);
        String id = createClient(lanyard, """
                {"clientId": "%s", "name": "Living-room TV", "publicClient": true, "standardFlowEnabled": false,
                 "consentRequired": true, "attributes": {"oauth2.device.authorization.grant.enabled": "true"}}""".formatted(clientId));
        try {
            Reply device = lanyard.browser().postForm(lanyard.realm(DEMO, "/protocol/openid-connect/auth/device"),
                    Map.of("client_id", clientId, "scope", "openid"));
            assertEquals(200, device.status(), device.toString());
            photograph(lanyard, "fr", "device-code-fr", browser -> {
                browser.get(device.json().get("verification_uri").asText());
                new LoginPages.DeviceCodePage(browser);
            });
        } finally {
            lanyard.admin().must("DELETE", "/" + DEMO + "/clients/" + id, null);
        }
    }

    @Test
    void accessPendingPageInEnglish(Lanyard lanyard) {
        String clientId = "docs-wiki-" + UUID.randomUUID().toString().substring(0, 8);
        String id = createClient(lanyard, """
                {"clientId": "%s", "name": "Team Wiki", "publicClient": true, "standardFlowEnabled": true,
                 "redirectUris": ["http://localhost:5173/*"], "attributes": {"lanyard.permission.required": "true"}}""".formatted(clientId));
        String email = "sam@example.com";
        String userId = null;
        try {
            lanyard.admin().must("POST", "/" + DEMO + "/clients/" + id + "/roles", "{\"name\": \"user\"}");
            userId = newUser(lanyard, email, """
                    , "credentials": [{"type": "password", "value": "%s", "temporary": false}]""".formatted(PASSWORD));
            photograph(lanyard, "en", "access-pending-en", browser -> {
                browser.get(authorize(lanyard, clientId));
                new LoginPages.PasswordPage(browser).signIn(email, PASSWORD);
                LoginPages.AppPermissionPage none = new LoginPages.AppPermissionPage(browser);
                assertEquals("none", none.status());
                assertEquals("pending", none.requestAccess().status());
            });
        } finally {
            if (userId != null) {
                lanyard.admin().must("DELETE", "/" + DEMO + "/users/" + userId, null);
            }
            lanyard.admin().must("DELETE", "/" + DEMO + "/clients/" + id, null);
        }
    }

    /**
     * With the demo realm drawn as shipped, opens a browser in {@code language}, lets {@code reach} bring it to the
     * page, checks that the page is the demo realm's in that language, and saves it as
     * {@code target/screenshots/docs/{name}.png} (axe-core finding nothing critical on it).
     */
    private static void photograph(Lanyard lanyard, String language, String name, Consumer<RealBrowser> reach) {
        JsonNode attributes = lanyard.admin().getJson("/" + DEMO).get("attributes");
        ObjectNode shipped = attributes.deepCopy();
        SHIPPED_BRANDING.forEach(shipped::put);
        lanyard.admin().must("PUT", "/" + DEMO, "{\"attributes\": " + shipped + "}");
        try (RealBrowser browser = RealBrowser.open(language, WINDOW)) {
            reach.accept(browser);
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d ->
                    "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
            assertEquals(language, browser.find(By.tagName("html")).getAttribute("lang"), name + " in the browser's language");
            WebElement brand = browser.find(By.cssSelector(".lanyard-brand"));
            String product = brand.getDomProperty("textContent").trim();
            assertEquals("Lanyard", product, "the shipped product name on " + name);
            String header = browser.find(By.id("kc-header-wrapper")).getDomProperty("textContent").trim();
            assertEquals(DISPLAY_NAME, header.substring(header.indexOf(product) + product.length()).trim(),
                    "the demo realm's display name heads " + name + " (header: " + header + ")");
            // The test server's LANYARD_LOGO_URL, which no realm setting can unset: the shipped demo has no logo.
            WebElement logo = browser.find(By.cssSelector("img.lanyard-logo"));
            assertEquals(KeycloakServer.LOGO_URL, logo.getAttribute("src"), "only the test server's logo is taken off " + name);
            ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].remove()", logo);
            assertEquals("", browser.overflowingElements(), "nothing wider than the window on " + name);
            LoginPages.screenshotAndAudit(browser, "docs/" + name);
        } finally {
            lanyard.admin().must("PUT", "/" + DEMO, "{\"attributes\": " + attributes + "}");
            assertEquals(attributes, lanyard.admin().getJson("/" + DEMO).get("attributes"), "the demo realm's attributes as they were");
        }
    }

    private static String authorize(Lanyard lanyard, String clientId) {
        return lanyard.realm(DEMO, "/protocol/openid-connect/auth?client_id=" + clientId
                + "&response_type=code&scope=openid&redirect_uri=http%3A%2F%2Flocalhost%3A5173%2Fcb").toString();
    }

    /**
     * Creates a user of the demo realm named {@code email} (verified), with {@code extraFields} (comma-led JSON
     * members), and returns its id. The pictures show a plain address, not a random one: a user of that name left by
     * a run stopped short of removing it goes first.
     */
    private static String newUser(Lanyard lanyard, String email, String extraFields) {
        lanyard.admin().userId(DEMO, email).ifPresent(leftover -> lanyard.admin().must("DELETE", "/" + DEMO + "/users/" + leftover, null));
        return lanyard.admin().createUser(DEMO, """
                {"username": "%s", "email": "%s", "emailVerified": true, "enabled": true%s}""".formatted(email, email, extraFields));
    }

    /** Creates a client of the demo realm from its JSON and returns its id. */
    private static String createClient(Lanyard lanyard, String json) {
        Reply created = lanyard.admin().must("POST", "/" + DEMO + "/clients", json);
        return created.header("Location").orElseThrow().replaceAll(".*/", "");
    }
}
