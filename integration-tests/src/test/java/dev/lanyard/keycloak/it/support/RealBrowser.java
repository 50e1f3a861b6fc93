package dev.lanyard.keycloak.it.support;

import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Debian's headless Chromium driven through its chromedriver: a real browser for the theme tests, with a
 * screenshot of each page and axe-core's accessibility check run in the page, and for the passkey tests, with a
 * virtual authenticator and the page's own {@code fetch}. Tests are skipped where no
 * Chromium is installed ({@link #isInstalled()}); {@code .ci/run} always installs it.
 */
public final class RealBrowser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** A phone-sized screen: every page must be usable there. */
    public static final Dimension PHONE = new Dimension(390, 844);
    /** Why a browser test is skipped where no browser is installed. */
    public static final String NOT_INSTALLED = "no Chromium at /usr/bin/chromium with /usr/bin/chromedriver: browser tests skipped"
            + " (apt-get install chromium chromium-driver; .ci/run does)";

    private final ChromeDriver driver;
    private final String language;

    private RealBrowser(ChromeDriver driver, String language) {
        this.driver = driver;
        this.language = language;
    }

    public static boolean isInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** A fresh browser (no cookies) asking for pages in {@code language}, with a window of {@code size}. */
    public static RealBrowser open(String language, Dimension size) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // As root in a sandbox without network: no sandboxing, no GPU, none of Chromium's own connections.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--lang=" + language,
                "--window-size=" + size.getWidth() + "," + size.getHeight());
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        return new RealBrowser(new ChromeDriver(service, options), language);
    }

    public WebDriver driver() {
        return driver;
    }

    /** The language this browser asks pages in. */
    public String language() {
        return language;
    }

    /** Shows {@code body} (a mail's HTML or text part, of type {@code mimeType}) as a page of its own. */
    public void show(String mimeType, String body) {
        driver.get("data:" + mimeType + ";charset=utf-8;base64,"
                + Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
    }

    public void get(String url) {
        driver.get(url);
    }

    /** Opens a new tab of this browser (its cookies are the same) and goes on in it; returns the tab left behind. */
    public String openTab() {
        String left = driver.getWindowHandle();
        driver.switchTo().newWindow(WindowType.TAB);
        return left;
    }

    /** Goes on in {@code tab}, as {@link #openTab()} returned it. */
    public void switchToTab(String tab) {
        driver.switchTo().window(tab);
    }

    /** The element {@code by} of the page at hand, waiting for it a while (as after a click that loads a page). */
    public WebElement find(By by) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElement(by));
        } catch (TimeoutException e) {
            throw new AssertionError("no " + by + " on " + driver.getCurrentUrl() + ":\n"
                    + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    /** Clicks {@code button} and waits until the page it posts to has replaced the page at hand. */
    public void clickToNextPage(By button) {
        WebElement page = driver.findElement(By.tagName("html"));
        find(button).click();
        try {
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(page));
        } catch (TimeoutException e) {
            throw new AssertionError("the page did not change after " + button + " on " + driver.getCurrentUrl(), e);
        }
    }

    /** Waits until the browser is at an address starting with {@code prefix} (where a login ends), and returns it. */
    public String awaitAddress(String prefix) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().startsWith(prefix));
            return driver.getCurrentUrl();
        } catch (TimeoutException e) {
            throw new AssertionError("not at " + prefix + " but " + driver.getCurrentUrl() + ":\n" + driver.getPageSource(), e);
        }
    }

    /** Whether {@code image} loads, within a few seconds, with a size (a broken image has none). */
    public boolean isShown(WebElement image) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> Boolean.TRUE.equals(
                    driver.executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", image)));
        } catch (TimeoutException e) {
            return false;
        }
    }

    /**
     * Where the keyboard goes: the element that has the focus, then each one Tab moves it to, {@code tabs} times;
     * by id, "submit" for a submit button without one.
     */
    public List<String> keyboardPath(int tabs) {
        List<String> path = new ArrayList<>();
        for (int i = 0; ; i++) {
            WebElement focused = driver.switchTo().activeElement();
            String id = focused.getAttribute("id");
            path.add(id != null && !id.isEmpty() ? id : "submit".equals(focused.getAttribute("type")) ? "submit" : focused.getTagName());
            if (i == tabs) {
                return path;
            }
            focused.sendKeys(Keys.TAB);
        }
    }

    /**
     * The elements that reach past the window's right edge (so that the page scrolls sideways), as "tag#id.class
     * right-edge" lines; empty when the page fits.
     */
    public String overflowingElements() {
        return (String) driver.executeScript("""
                const width = document.documentElement.clientWidth;
                return [...document.body.querySelectorAll('*')]
                    .filter(e => e.getBoundingClientRect().right > width + 1 && e.getClientRects().length)
                    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined
                        ? '.' + String(e.className).trim().split(/\\s+/).join('.') : '') + ' ' + Math.round(e.getBoundingClientRect().right))
                    .join('\\n');""");
    }

    /**
     * A passkey authenticator built into this browser, as a phone's or a laptop's is: it keeps discoverable credentials
     * and verifies its user, and answers {@code navigator.credentials} at once (WebDriver's virtual authenticator).
     */
    public VirtualAuthenticator addPasskeyAuthenticator() {
        return driver.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true));
    }

    /**
     * {@code fetch} from the page at hand (its origin, its cookies), as the page's own script would call the API:
     * {@code body}, when not null, is sent as JSON. The answer's headers are left out.
     */
    public Reply fetch(String method, URI uri, String body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = (Map<String, Object>) await("""
                const [method, url, body] = args;
                const init = {method, credentials: 'include'};
                if (body !== null) {
                    init.headers = {'Content-Type': 'application/json'};
                    init.body = body;
                }
                const response = await fetch(url, init);
                return {status: response.status, body: await response.text()};""", method, uri.toString(), body);
        return new Reply(((Number) answer.get("status")).intValue(), HttpHeaders.of(Map.of(), (name, value) -> true),
                (String) answer.get("body"));
    }

    /**
     * {@code navigator.credentials.create} for {@code optionsJson} (a {@code PublicKeyCredentialCreationOptionsJSON}),
     * answering the new credential's {@code RegistrationResponseJSON}.
     */
    public String createPasskey(String optionsJson) {
        return (String) await(WEBAUTHN_JSON + """
                const options = JSON.parse(args[0]);
                const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON
                    ? PublicKeyCredential.parseCreationOptionsFromJSON(options)
                    : {...options, challenge: bytes(options.challenge), user: {...options.user, id: bytes(options.user.id)},
                       excludeCredentials: (options.excludeCredentials ?? []).map(c => ({...c, id: bytes(c.id)}))};
                return JSON.stringify(toJson(await navigator.credentials.create({publicKey})));""", optionsJson);
    }

    /**
     * {@code navigator.credentials.get} for {@code optionsJson} (a {@code PublicKeyCredentialRequestOptionsJSON}),
     * answering the assertion's {@code AuthenticationResponseJSON}.
     */
    public String getPasskey(String optionsJson) {
        return (String) await(WEBAUTHN_JSON + """
                const options = JSON.parse(args[0]);
                const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON
                    ? PublicKeyCredential.parseRequestOptionsFromJSON(options)
                    : {...options, challenge: bytes(options.challenge),
                       allowCredentials: (options.allowCredentials ?? []).map(c => ({...c, id: bytes(c.id)}))};
                return JSON.stringify(toJson(await navigator.credentials.get({publicKey})));""", optionsJson);
    }

    /**
     * The WebAuthn Level 3 JSON forms by hand, for a Chromium older than {@code parse...FromJSON} and {@code toJSON}
     * (Chromium 129): base64url both ways, and a credential's fields as its {@code toJSON} would give them.
     */
    private static final String WEBAUTHN_JSON = """
            const bytes = base64url => Uint8Array.from(atob(base64url.replace(/-/g, '+').replace(/_/g, '/')), c => c.charCodeAt(0));
            const text = buffer => btoa(String.fromCharCode(...new Uint8Array(buffer)))
                .replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
            const toJson = credential => credential.toJSON ? credential.toJSON() : {
                id: credential.id, rawId: text(credential.rawId), type: credential.type,
                authenticatorAttachment: credential.authenticatorAttachment, clientExtensionResults: {},
                response: Object.fromEntries(['clientDataJSON', 'attestationObject', 'authenticatorData', 'signature', 'userHandle']
                    .filter(name => credential.response[name]).map(name => [name, text(credential.response[name])])
                    .concat(credential.response.getTransports ? [['transports', credential.response.getTransports()]] : []))};
            """;

    /**
     * Runs {@code script}, the body of an async function that finds its arguments in {@code args}, in the page at hand,
     * and returns what it resolves to; a rejection (a refused WebAuthn call, a failed fetch) fails the test.
     */
    public Object await(String script, Object... args) {
        @SuppressWarnings("unchecked")
        Map<String, Object> outcome = (Map<String, Object>) driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                (async args => {
                %s
                })([...arguments].slice(0, -1)).then(value => done({value}), error => done({error: String(error)}));"""
                .formatted(script), args);
        if (outcome.containsKey("error")) {
            throw new AssertionError(outcome.get("error") + " on " + driver.getCurrentUrl());
        }
        return outcome.get("value");
    }

    /** Waits for the page's {@code window.prompt}, answers it {@code answer}, and returns its question. */
    public String answerPrompt(String answer) {
        try {
            Alert prompt = new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent());
            String question = prompt.getText();
            prompt.sendKeys(answer);
            prompt.accept();
            return question;
        } catch (TimeoutException e) {
            throw new AssertionError("no prompt on " + driver.getCurrentUrl() + ":\n" + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    /** Saves the page as {@code target/screenshots/{name}.png} ({@code name} may name a folder: {@code docs/login-en}). */
    public Path screenshot(String name) {
        Path dir = Path.of(System.getProperty("lanyard.screenshots.dir", "target/screenshots"));
        try {
            Path file = dir.resolve(name + ".png");
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Shows pages as to a reader whose system is set to dark colours ({@code prefers-color-scheme: dark}), or to
     * light ones again, until told otherwise.
     */
    public void preferDarkColours(boolean dark) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
    }

    /** axe-core's critical violations on the page at hand, as "rule: nodes" lines (none for a sound page). */
    public List<String> criticalAccessibilityViolations() {
        return accessibilityViolations("{}").stream()
                .filter(v -> "critical".equals(v.get("impact")))
                .map(v -> v.get("id") + ": " + v.get("nodes"))
                .toList();
    }

    /** axe-core's colour-contrast violations on the page at hand, of any impact: text too faint on its background. */
    public List<String> contrastViolations() {
        return accessibilityViolations("{runOnly: ['color-contrast']}").stream()
                .map(v -> v.get("id") + ": " + v.get("nodes"))
                .toList();
    }

    /** axe-core's violations under {@code options} (a JavaScript object), each with its id, impact and nodes. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> accessibilityViolations(String options) {
        try {
            String axe = Files.readString(Path.of(System.getProperty("lanyard.axe.js")));
            JavascriptExecutor page = driver;
            page.executeScript(axe);
            return (List<Map<String, Object>>) page.executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "axe.run(document, " + options + ").then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact,"
                            + " nodes: v.nodes.map(n => n.html).join(' | ')}))));");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
