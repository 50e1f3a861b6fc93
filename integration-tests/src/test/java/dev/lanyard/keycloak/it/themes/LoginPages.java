package dev.lanyard.keycloak.it.themes;

import dev.lanyard.keycloak.it.support.KeycloakServer;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.RealBrowser;
import org.openqa.selenium.By;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Page objects of the login theme's pages, each able to check itself, photograph itself and move on. */
final class LoginPages {

    /** The languages every message bundle ships in; the browser tests run each flow in each. */
    static final List<String> LANGUAGES = List.of("en", "de", "fr");
    /** A test realm's JSON fields that offer those languages. */
    static final String REALM_LANGUAGES = ", \"loginTheme\": \"lanyard\", \"emailTheme\": \"lanyard\", \"internationalizationEnabled\": true,"
            + " \"defaultLocale\": \"en\", \"supportedLocales\": "
            + LANGUAGES.stream().map(language -> "\"" + language + "\"").collect(Collectors.joining(", ", "[", "]"));

    private LoginPages() {
    }

    /** A new realm of the page tests: Lanyard's themes in every language, and a public client {@code spa}. */
    static String realmWithSpa(Lanyard lanyard, String prefix) {
        return lanyard.newRealm(prefix, REALM_LANGUAGES + """
                , "clients": [{"clientId": "spa", "publicClient": true, "standardFlowEnabled": true,
                               "redirectUris": ["http://localhost:5173/*"]}]""");
    }

    /** The languages, as the source of the browser tests' parameters. */
    static Stream<String> languages() {
        return LANGUAGES.stream();
    }

    /** Shared by every page: where it is, a screenshot under its name, and no critical accessibility violation. */
    abstract static class Page {

        final RealBrowser browser;
        private final List<String> keyboardPath;

        Page(RealBrowser browser, By marker) {
            this(browser, marker, List.of());
        }

        /** A page that opens with the focus on its first field, from which Tab walks {@code keyboardPath} (by id). */
        Page(RealBrowser browser, By marker, List<String> keyboardPath) {
            this.browser = browser;
            this.keyboardPath = keyboardPath;
            browser.find(marker);
        }

        /**
         * Asserts the page speaks the browser's language and carries the test server's branding, saves a screenshot
         * named {@code name-language} and asserts axe-core finds nothing critical on it.
         */
        void check(String name) {
            assertEquals(browser.language(), browser.find(By.tagName("html")).getAttribute("lang"), name + " in the browser's language");
            assertEquals(KeycloakServer.PRODUCT_NAME, browser.find(By.cssSelector(".lanyard-brand")).getDomProperty("textContent").trim(),
                    "the product name of LANYARD_PRODUCT_NAME on " + name);
            WebElement logo = browser.find(By.cssSelector("img.lanyard-logo"));
            assertEquals(KeycloakServer.LOGO_URL, logo.getAttribute("src"), "the logo of LANYARD_LOGO_URL on " + name);
            assertTrue(browser.isShown(logo), "the logo loads and shows on " + name);
            assertEquals("", browser.overflowingElements(), "nothing wider than the phone's screen on " + name);
            if (!keyboardPath.isEmpty()) {
                assertEquals(keyboardPath, browser.keyboardPath(keyboardPath.size() - 1), "the keyboard's way through " + name);
            }
            screenshotAndAudit(browser, name + "-" + browser.language());
        }

        String heading() {
            return browser.find(By.id("kc-page-title")).getText().trim();
        }

        /** Types each value into the field of that id ({@code id, value, id, value...}), then submits {@code form}. */
        void fillAndSubmit(String form, String... idsAndValues) {
            for (int i = 0; i < idsAndValues.length; i += 2) {
                browser.find(By.id(idsAndValues[i])).sendKeys(idsAndValues[i + 1]);
            }
            browser.find(By.cssSelector("#" + form + " [type=submit]")).click();
        }

        /** The space, in CSS pixels, from the bottom of {@code above} to the top of {@code below} (0 where they touch). */
        int spaceBetween(By above, By below) {
            Rectangle top = browser.find(above).getRect();
            return browser.find(below).getRect().getY() - (top.getY() + top.getHeight());
        }

        /** The error the page shows (Keycloak's alert or a field's message), once it shows one. */
        String error() {
            return browser.find(By.cssSelector(".pf-v5-c-alert__title, .kc-feedback-text, #input-error")).getText().trim();
        }
    }

    /** Saves a screenshot of whatever the browser shows and asserts axe-core finds nothing critical there. */
    static void screenshotAndAudit(RealBrowser browser, String name) {
        browser.screenshot(name);
        assertEquals(List.of(), browser.criticalAccessibilityViolations(), "critical accessibility violations of " + name);
    }

    /** Keycloak's username and password page in the lanyard theme. */
    static final class PasswordPage extends Page {

        PasswordPage(RealBrowser browser) {
            super(browser, By.id("kc-form-login"));
            browser.find(By.cssSelector("link[href$='css/lanyard.css']"));
        }

        /** Submits the username (or email) and password; the next page is the caller's to expect. */
        void signIn(String username, String password) {
            browser.find(By.id("username")).sendKeys(username);
            browser.find(By.id("password")).sendKeys(password);
            browser.find(By.id("kc-login")).click();
        }

        /**
         * Signs in as {@code email}, whom the page may already know (a login hint): the username where the page still
         * asks for it, then the password, on this page or the next (an identity-first login).
         */
        void signInAs(String email, String password) {
            List<WebElement> username = browser.driver().findElements(By.id("username"));
            if (!username.isEmpty() && username.get(0).getAttribute("value").isEmpty()) {
                username.get(0).sendKeys(email);
            }
            if (browser.driver().findElements(By.id("password")).isEmpty()) {
                browser.find(By.id("kc-login")).click();
            }
            WebElement field = browser.find(By.id("password"));
            field.clear();
            field.sendKeys(password);
            browser.find(By.id("kc-login")).click();
        }

        /** "Try another way", then "Email me a sign-in link" (the flow's second way, after the password). */
        MagicLinkEmailPage chooseMagicLink() {
            browser.find(By.id("try-another-way")).click();
            // Each choice is a row that submits its own form (a role=button row since Keycloak 26.7).
            browser.find(By.xpath("(//div[contains(@onclick, 'requestSubmit')])[last()]")).click();
            return new MagicLinkEmailPage(browser);
        }

        /** The primary button's colour, as the browser computed it (rgb(r, g, b)). */
        String buttonColor() {
            return browser.find(By.id("kc-login")).getCssValue("background-color");
        }
    }

    /** The magic link's first page: the email to send the link to. */
    static final class MagicLinkEmailPage extends Page {

        MagicLinkEmailPage(RealBrowser browser) {
            super(browser, By.id("lanyard-magic-link-form"), List.of("email", "submit"));
        }

        MagicLinkSentPage send(String email) {
            fillAndSubmit("lanyard-magic-link-form", "email", email);
            return new MagicLinkSentPage(browser);
        }
    }

    /** "Check your email", with the code the link's page may ask for. */
    static final class MagicLinkSentPage extends Page {

        MagicLinkSentPage(RealBrowser browser) {
            super(browser, By.id("lanyard-magic-link-sent"));
        }

        /** The code to type where the link is confirmed on another device. */
        String matchCode() {
            return browser.find(By.id("lanyard-match-code")).getText().trim();
        }

        /** "Continue" before the link was confirmed: the same page, waiting, with an error. */
        MagicLinkSentPage continueUnconfirmed() {
            browser.find(By.cssSelector("#lanyard-magic-link-continue [type=submit]")).click();
            browser.find(By.cssSelector(".pf-v5-c-alert"));
            return new MagicLinkSentPage(browser);
        }

    }

    /** The mailed link's page: one click to sign in. */
    static final class MagicLinkConfirmPage extends Page {

        MagicLinkConfirmPage(RealBrowser browser) {
            super(browser, By.id("lanyard-confirm-form"));
        }

        void confirm() {
            browser.find(By.cssSelector("#lanyard-confirm-form [type=submit]")).click();
        }
    }

    /** A used or expired link: the way to ask for a new one. */
    static final class MagicLinkExpiredPage extends Page {

        MagicLinkExpiredPage(RealBrowser browser) {
            super(browser, By.id("lanyard-magic-link-expired"));
        }
    }

    /** The PIN step of a browser login. */
    static final class PinPage extends Page {

        PinPage(RealBrowser browser) {
            super(browser, By.id("lanyard-pin-form"), List.of("pin", "submit"));
        }

        void enter(String pin) {
            fillAndSubmit("lanyard-pin-form", "pin", pin);
        }
    }

    /** The first login of a user without a PIN, where the flow asks for one: choose it twice. */
    static final class SetPinPage extends Page {

        SetPinPage(RealBrowser browser) {
            super(browser, By.id("lanyard-set-pin-form"), List.of("pin", "pin-confirm", "submit"));
        }

        void choose(String pin) {
            fillAndSubmit("lanyard-set-pin-form", "pin", pin, "pin-confirm", pin);
        }
    }

    /** Keycloak's device page: the code the device shows. */
    static final class DeviceCodePage extends Page {

        DeviceCodePage(RealBrowser browser) {
            super(browser, By.id("kc-user-verify-device-user-code-form"));
        }

        void enter(String userCode) {
            // By the form's names: keycloak.v2 draws this page only since Keycloak 26.7 (base's before, other ids).
            WebElement field = browser.find(By.name("device_user_code"));
            field.clear();
            field.sendKeys(userCode);
            browser.find(By.cssSelector("#kc-user-verify-device-user-code-form [type=submit]")).click();
        }
    }

    /** Keycloak's consent page: what the app asks for, yes or no. */
    static final class ConsentPage extends Page {

        ConsentPage(RealBrowser browser) {
            super(browser, By.id("kc-oauth"));
        }

        void approve() {
            browser.find(By.id("kc-login")).click();
        }

        void deny() {
            browser.find(By.id("kc-cancel")).click();
        }
    }

    /** Keycloak's info or error page: a heading and a message, nothing to fill in. */
    static final class MessagePage extends Page {

        MessagePage(RealBrowser browser) {
            super(browser, By.cssSelector("#kc-info-message, #kc-error-message"));
        }

        String message() {
            return browser.find(By.cssSelector("#kc-info-message .instruction, #kc-error-message .instruction")).getText().trim();
        }
    }

    /** The platform's email-first page: the email picks the tenant. */
    static final class EmailFirstPage extends Page {

        EmailFirstPage(RealBrowser browser) {
            super(browser, By.id("lanyard-email-first-form"), List.of("login_hint", "submit"));
        }

        void enter(String email) {
            fillAndSubmit("lanyard-email-first-form", "login_hint", email);
        }
    }

    /** "Require app permission": where the user stands with the app. */
    static final class AppPermissionPage extends Page {

        AppPermissionPage(RealBrowser browser) {
            super(browser, By.id("lanyard-app-permission-status"));
        }

        /** none, pending, denied, revoked. */
        String status() {
            return browser.find(By.id("lanyard-app-permission-status")).getAttribute("data-status");
        }

        AppPermissionPage requestAccess() {
            browser.clickToNextPage(By.cssSelector("button[name=request]"));
            return new AppPermissionPage(browser);
        }

        /** The page again, as it stands now: the same marker is on both, so the old one must be gone first. */
        AppPermissionPage checkAgain() {
            browser.clickToNextPage(By.cssSelector("button[name=continue]"));
            return new AppPermissionPage(browser);
        }
    }

    /** Keycloak's "update password" page, where a mailed set-password link leads. */
    static final class UpdatePasswordPage extends Page {

        UpdatePasswordPage(RealBrowser browser) {
            super(browser, By.id("kc-passwd-update-form"));
        }

        void choose(String password, String repeated) {
            browser.find(By.id("password-new")).sendKeys(password);
            browser.find(By.id("password-confirm")).sendKeys(repeated);
            browser.find(By.id("kc-submit")).click();
        }
    }
}
