package dev.lanyard.keycloak.it.themes;

import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.RealBrowser;
import dev.lanyard.keycloak.it.support.RequiresChromium;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The platform's pages in a real browser, in each shipped language: the email-first page, the tenant's login with
 * a wrong password first, the app's callback; and Keycloak's error page for a redirect the app never registered.
 */
@ExtendWith(LanyardExtension.class)
@RequiresChromium
class PlatformPagesIT {

    private static final String PASSWORD = "platform-pages-password";
    private static final String CALLBACK = "http://localhost:7000/cb";

    private static String realm;

    @BeforeAll
    static void setUp(Lanyard lanyard) {
        realm = lanyard.newRealm("platform-pages", LoginPages.REALM_LANGUAGES + """
                , "organizationsEnabled": true, "clients": [
                  {"clientId": "global-spa", "publicClient": true, "standardFlowEnabled": true, "redirectUris": ["http://localhost:7000/*"],
                   "defaultClientScopes": ["basic", "profile", "email", "roles", "web-origins", "acr"], "optionalClientScopes": ["organization"],
                   "attributes": {"lanyard.platform.scope": "GLOBAL"}}]""");
        lanyard.admin().must("POST", "/" + realm + "/organizations", """
                {"name": "Acme", "alias": "acme", "enabled": true, "domains": [{"name": "acme.test", "verified": true}]}""");
    }

    @ParameterizedTest
    @MethodSource("dev.lanyard.keycloak.it.themes.LoginPages#languages")
    void emailFirstLeadsToTheTenantsLogin(String language, Lanyard lanyard) {
        String email = "platform-pages-" + UUID.randomUUID() + "@acme.test";
        lanyard.admin().createUserWithPassword(realm, email, PASSWORD);
        try (RealBrowser browser = RealBrowser.open(language, RealBrowser.PHONE)) {
            browser.get(lanyard.realm(realm, "/api/v1/platform/oauth/authorize?client_id=global-spa&response_type=code"
                    + "&scope=openid&state=s&redirect_uri=http%3A%2F%2Flocalhost%3A7000%2Fcb").toString());
            LoginPages.EmailFirstPage emailFirst = new LoginPages.EmailFirstPage(browser);
            emailFirst.check("email-first");
            emailFirst.enter(email);

            LoginPages.PasswordPage login = new LoginPages.PasswordPage(browser);
            login.signInAs(email, "not-" + PASSWORD);
            LoginPages.PasswordPage wrong = new LoginPages.PasswordPage(browser);
            assertFalse(wrong.error().isEmpty(), "the wrong password is named");
            wrong.check("login-wrong-password");
            wrong.signInAs(email, PASSWORD);
            String callback = browser.awaitAddress(CALLBACK);
            assertTrue(callback.contains("code=") && callback.contains("state=s"), callback);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.lanyard.keycloak.it.themes.LoginPages#languages")
    void anUnregisteredRedirectGetsTheErrorPage(String language, Lanyard lanyard) {
        try (RealBrowser browser = RealBrowser.open(language, RealBrowser.PHONE)) {
            browser.get(lanyard.realm(realm, "/protocol/openid-connect/auth?client_id=global-spa&response_type=code"
                    + "&scope=openid&redirect_uri=https%3A%2F%2Fevil.example%2Fcb").toString());
            LoginPages.MessagePage error = new LoginPages.MessagePage(browser);
            assertTrue(error.message().contains("redirect_uri"), error.message());
            error.check("error");
            assertTrue(browser.driver().getCurrentUrl().startsWith(lanyard.baseUri().toString()), "no redirect to the unregistered address");
        }
    }
}
