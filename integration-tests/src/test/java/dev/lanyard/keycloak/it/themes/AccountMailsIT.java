package dev.lanyard.keycloak.it.themes;

import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.RealBrowser;
import dev.lanyard.keycloak.it.support.RequiresChromium;
import dev.lanyard.keycloak.it.support.Reply;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mails a registration over an existing account sends, in a real browser and in each shipped language: the
 * account-exists notice, and the set-password mail of a social-only account with the page its link opens.
 */
@ExtendWith(LanyardExtension.class)
@RequiresChromium
class AccountMailsIT {

    private static final Pattern ACTION_LINK = Pattern.compile("http://\\S+/login-actions/action-token\\?key=[A-Za-z0-9._-]+");
    private static final String PASSWORD = "Account-Mails-9";

    private static String realm;

    @BeforeAll
    static void setUp(Lanyard lanyard) {
        realm = lanyard.newRealm("account-mails", LoginPages.REALM_LANGUAGES + """
                , "verifyEmail": true,
                 "identityProviders": [{"alias": "google", "providerId": "google", "enabled": true,
                                        "config": {"clientId": "id", "clientSecret": "secret"}}]""");
    }

    @ParameterizedTest
    @MethodSource("dev.lanyard.keycloak.it.themes.LoginPages#languages")
    void accountExistsNotice(String language, Lanyard lanyard) throws Exception {
        String email = user(lanyard, true);
        register(lanyard, email, language);
        try (RealBrowser browser = RealBrowser.open(language, RealBrowser.PHONE)) {
            MailView.show(browser, lanyard.awaitMail(email), "account-exists-mail");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.lanyard.keycloak.it.themes.LoginPages#languages")
    void socialOnlyAccountsOwnerSetsAPasswordThroughTheMailedLink(String language, Lanyard lanyard) throws Exception {
        String email = user(lanyard, false);
        register(lanyard, email, language);
        MimeMessage mail = lanyard.awaitMail(email);
        Matcher link = ACTION_LINK.matcher(Lanyard.mailText(mail));
        assertTrue(link.find(), Lanyard.mailText(mail));
        try (RealBrowser browser = RealBrowser.open(language, RealBrowser.PHONE)) {
            MailView.show(browser, mail, "set-password-mail");

            browser.get(link.group());
            // Keycloak may first say which action the link performs, with a link on to it.
            List<?> proceed = browser.driver().findElements(By.cssSelector("#kc-info-message a"));
            if (!proceed.isEmpty()) {
                new LoginPages.MessagePage(browser).check("set-password-proceed");
                browser.find(By.cssSelector("#kc-info-message a")).click();
            }
            LoginPages.UpdatePasswordPage page = new LoginPages.UpdatePasswordPage(browser);
            page.check("set-password");
            page.choose("Owners-Own-Choice-7", "Owners-Other-Choice-7");
            LoginPages.UpdatePasswordPage mismatch = new LoginPages.UpdatePasswordPage(browser);
            assertFalse(mismatch.error().isEmpty(), "the two passwords differ");
            mismatch.check("set-password-mismatch");
            mismatch.choose("Owners-Own-Choice-7", "Owners-Own-Choice-7");
            new LoginPages.MessagePage(browser).check("set-password-done");
        }
        Reply login = lanyard.browser().postJson(lanyard.realm(realm, "/api/public/login"),
                "{\"email\":\"" + email + "\",\"password\":\"Owners-Own-Choice-7\"}");
        assertEquals(200, login.status(), "the owner's own password works: " + login);
    }

    /** A user with no language of their own: with a password, or social-only (a Google link and no password). */
    private static String user(Lanyard lanyard, boolean withPassword) {
        String email = "account-mails-" + UUID.randomUUID() + "@example.com";
        String userId = lanyard.admin().createUser(realm, """
                {"username": "%s", "email": "%s", "emailVerified": true, "enabled": true, "firstName": "Mail", "lastName": "Reader"%s}"""
                .formatted(email, email, withPassword ? ", \"credentials\": [{\"type\": \"password\", \"value\": \"" + PASSWORD + "\", \"temporary\": false}]" : ""));
        if (!withPassword) {
            lanyard.admin().must("POST", "/" + realm + "/users/" + userId + "/federated-identity/google",
                    "{\"identityProvider\": \"google\", \"userId\": \"g-" + userId + "\", \"userName\": \"" + email + "\"}");
        }
        return email;
    }

    /** A registration over the account, from a client that speaks {@code language}: the mail must speak it too. */
    private static void register(Lanyard lanyard, String email, String language) {
        Reply registered = lanyard.browser().postJson(lanyard.realm(realm, "/api/public/register"),
                "{\"email\":\"" + email + "\",\"password\":\"Someone-Elses-9\",\"name\":\"Some One\"}",
                "Accept-Language", language);
        assertEquals(202, registered.status(), registered.toString());
    }
}
