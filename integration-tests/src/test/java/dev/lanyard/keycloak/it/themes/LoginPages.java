package dev.lanyard.keycloak.it.themes;

import dev.lanyard.keycloak.it.support.RealBrowser;
import org.openqa.selenium.By;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Page objects of the login theme's pages, each able to check itself, photograph itself and move on. */
final class LoginPages {

    private LoginPages() {
    }

    /** Shared by every page: where it is, a screenshot under its name, and no critical accessibility violation. */
    abstract static class Page {

        final RealBrowser browser;

        Page(RealBrowser browser, By marker) {
            this.browser = browser;
            browser.find(marker);
        }

        /** Saves a screenshot named {@code name} and asserts axe-core finds nothing critical on the page. */
        void check(String name) {
            browser.screenshot(name);
            assertEquals(List.of(), browser.criticalAccessibilityViolations(), "critical accessibility violations of " + name);
        }

        String heading() {
            return browser.find(By.id("kc-page-title")).getText().trim();
        }
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

        /** "Try another way", then "Email me a sign-in link". */
        MagicLinkEmailPage chooseMagicLink(String choiceLabel) {
            browser.find(By.id("try-another-way")).click();
            browser.find(By.xpath("//div[@role='button'][.//h2[contains(normalize-space(.), '" + choiceLabel + "')]]")).click();
            return new MagicLinkEmailPage(browser);
        }
    }

    /** The magic link's first page: the email to send the link to. */
    static final class MagicLinkEmailPage extends Page {

        MagicLinkEmailPage(RealBrowser browser) {
            super(browser, By.id("lanyard-magic-link-form"));
        }

        MagicLinkSentPage send(String email) {
            browser.find(By.id("email")).sendKeys(email);
            browser.find(By.cssSelector("#lanyard-magic-link-form [type=submit]")).click();
            return new MagicLinkSentPage(browser);
        }
    }

    /** "Check your email", with the code the link's page may ask for. */
    static final class MagicLinkSentPage extends Page {

        MagicLinkSentPage(RealBrowser browser) {
            super(browser, By.id("lanyard-magic-link-sent"));
        }

        String matchCode() {
            return browser.find(By.id("lanyard-match-code")).getText().trim();
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
            super(browser, By.id("lanyard-pin-form"));
        }

        void enter(String pin) {
            browser.find(By.id("pin")).sendKeys(pin);
            browser.find(By.cssSelector("#lanyard-pin-form [type=submit]")).click();
        }

        /** The error the page shows (Keycloak's alert), once it shows one. */
        String error() {
            return browser.find(By.cssSelector(".pf-v5-c-alert__title, .kc-feedback-text, #input-error")).getText().trim();
        }
    }

    /** The first login of a user without a PIN, where the flow asks for one: choose it twice. */
    static final class SetPinPage extends Page {

        SetPinPage(RealBrowser browser) {
            super(browser, By.id("lanyard-set-pin-form"));
        }

        void choose(String pin) {
            browser.find(By.id("pin")).sendKeys(pin);
            browser.find(By.id("pin-confirm")).sendKeys(pin);
            browser.find(By.cssSelector("#lanyard-set-pin-form [type=submit]")).click();
        }
    }
}
