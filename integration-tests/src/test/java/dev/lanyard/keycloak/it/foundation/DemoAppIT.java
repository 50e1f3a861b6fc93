package dev.lanyard.keycloak.it.foundation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.RealBrowser;
import dev.lanyard.keycloak.it.support.RequiresChromium;
import dev.lanyard.keycloak.it.support.ServerProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo app run.sh serves (demo-app/, started here with Node.js as run.sh starts it) against the test server:
 * a browser login and a magic link both land on its page, which says who is signed in, and its sign-out signs out.
 */
@ExtendWith(LanyardExtension.class)
@RequiresChromium
class DemoAppIT {

    private static final Pattern LINK = Pattern.compile("http://\\S+/api/public/magic-link\\?\\S+");
    private static final String PASSWORD = "Demo-App-Password-1";

    private static Process demoApp;
    private static String appUrl;
    /** The demo realm's app client as realm-config made it, put back after the tests. */
    private static JsonNode importedClient;

    @BeforeAll
    static void startDemoApp(Lanyard lanyard) throws Exception {
        // The test server's host, so that the app and Keycloak are one site (cookies flow), as localhost:3000 and :8080.
        appUrl = "http://" + lanyard.baseUri().getHost() + ":" + ServerProcesses.freePort();
        Path dir = Path.of(System.getProperty("lanyard.demo-app.dir"));
        ProcessBuilder builder = new ProcessBuilder("node", dir.resolve("server.js").toString())
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target/demo-app.log").toFile());
        builder.environment().put("LANYARD_DEMO_APP_URL", appUrl);
        builder.environment().put("LANYARD_PUBLIC_URL", lanyard.baseUri().toString());
        demoApp = builder.start();
        awaitAnswer(URI.create(appUrl + "/"));

        // What LANYARD_DEMO_APP_URL sets at import, for this app's address.
        importedClient = lanyard.admin().client(Lanyard.DEMO_REALM, "lanyard-demo-app");
        ObjectNode client = importedClient.deepCopy();
        ((ArrayNode) client.get("redirectUris")).add(appUrl + "/*");
        ((ObjectNode) client.get("attributes")).put("post.logout.redirect.uris", appUrl + "/*");
        lanyard.admin().must("PUT", clientPath(), client.toString());
    }

    @AfterAll
    static void stopDemoApp(Lanyard lanyard) {
        if (importedClient != null) {
            lanyard.admin().must("PUT", clientPath(), importedClient.toString());
        }
        ServerProcesses.stop(demoApp);
    }

    @Test
    void browserLoginLandsOnThePageThatSaysWhoIsSignedInAndSignOutSignsOut(Lanyard lanyard) {
        String email = newUser(lanyard);
        try (RealBrowser browser = RealBrowser.open("en", RealBrowser.PHONE)) {
            browser.get(appUrl + "/");
            awaitStatus(browser, "Not signed in");

            browser.find(By.id("sign-in")).click();
            browser.find(By.id("username")).sendKeys(email);
            browser.find(By.id("password")).sendKeys(PASSWORD);
            browser.find(By.id("kc-login")).click();
            String landed = browser.awaitAddress(appUrl + "/");
            awaitStatus(browser, "Signed in as " + email);
            assertEquals(appUrl + "/", browser.driver().getCurrentUrl(), "the code and state are cleared from " + landed);

            browser.find(By.id("sign-out")).click();
            awaitStatus(browser, "Not signed in");
            browser.get(appUrl + "/");
            awaitStatus(browser, "Not signed in");
            assertEquals(0, lanyard.admin().getJson("/" + Lanyard.DEMO_REALM + "/users/"
                    + lanyard.admin().userId(Lanyard.DEMO_REALM, email).orElseThrow() + "/sessions").size(), "the session ended");
        }
    }

    @Test
    void confirmedMagicLinkLandsOnThePageSignedIn(Lanyard lanyard) throws Exception {
        String email = newUser(lanyard);
        assertEquals(202, lanyard.browser().postJson(lanyard.api("/public/request-magic-link"),
                "{\"email\":\"" + email + "\",\"redirect_uri\":\"" + appUrl + "/\"}").status());
        Matcher link = LINK.matcher(Lanyard.mailText(lanyard.awaitMail(email)));
        assertTrue(link.find(), "the mail holds the link");
        try (RealBrowser browser = RealBrowser.open("en", RealBrowser.PHONE)) {
            browser.get(link.group());
            browser.find(By.cssSelector("#lanyard-confirm-form [type=submit]")).click();
            browser.awaitAddress(appUrl + "/");
            awaitStatus(browser, "Signed in as " + email);
        }
    }

    private static String newUser(Lanyard lanyard) {
        String email = "demo-app-" + UUID.randomUUID() + "@example.com";
        lanyard.admin().createUserWithPassword(Lanyard.DEMO_REALM, email, PASSWORD);
        return email;
    }

    private static String clientPath() {
        return "/" + Lanyard.DEMO_REALM + "/clients/" + importedClient.get("id").asText();
    }

    /** Waits for the page's status line (it asks Keycloak after loading) to read {@code expected}. */
    private static void awaitStatus(RealBrowser browser, String expected) {
        try {
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                    .until(driver -> expected.equals(driver.findElement(By.id("status")).getText().trim()));
        } catch (TimeoutException e) {
            throw new AssertionError("the page at " + browser.driver().getCurrentUrl() + " says \""
                    + browser.find(By.id("status")).getText() + "\", not \"" + expected + "\"", e);
        }
    }

    private static void awaitAnswer(URI uri) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            assertTrue(demoApp.isAlive(), "the demo app exited; see target/demo-app.log");
            try {
                if (client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the demo app did not answer at " + uri);
    }
}
