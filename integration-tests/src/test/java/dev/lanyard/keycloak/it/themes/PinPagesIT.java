package dev.lanyard.keycloak.it.themes;

import dev.lanyard.keycloak.it.support.BrowserFlows;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.RealBrowser;
import dev.lanyard.keycloak.it.support.RequiresChromium;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PIN pages in a real browser, in each shipped language: a PIN chosen at the first login, then asked for (a wrong one first). */
@ExtendWith(LanyardExtension.class)
@RequiresChromium
class PinPagesIT {

    private static final String PASSWORD = "pin-pages-password";
    private static final String CALLBACK = "http://localhost:5173/cb";
    /** The set-PIN page's heading, as each bundle words it. */
    private static final Map<String, String> SET_PIN = Map.of("en", "Choose a PIN", "de", "PIN festlegen", "fr", "Choisissez un code PIN");

    private static String realm;

    @BeforeAll
    static void setUp(Lanyard lanyard) {
        realm = LoginPages.realmWithSpa(lanyard, "pin-pages");
        BrowserFlows.use(lanyard.admin(), realm, "pin", new BrowserFlows.Step("auth-username-password-form", "REQUIRED"),
                new BrowserFlows.Step("lanyard-pin", "REQUIRED"));
    }

    @ParameterizedTest
    @MethodSource("dev.lanyard.keycloak.it.themes.LoginPages#languages")
    void pinChosenAtTheFirstLoginIsAskedForAtTheNext(String language, Lanyard lanyard) {
        String email = "pin-pages-" + UUID.randomUUID() + "@example.com";
        lanyard.admin().createUserWithPassword(realm, email, PASSWORD);
        try (RealBrowser browser = RealBrowser.open(language, RealBrowser.PHONE)) {
            browser.get(authorize(lanyard));
            new LoginPages.PasswordPage(browser).signIn(email, PASSWORD);
            LoginPages.SetPinPage setPin = new LoginPages.SetPinPage(browser);
            assertEquals(SET_PIN.get(language), setPin.heading());
            setPin.check("set-pin");
            setPin.choose("482615");
            assertTrue(browser.awaitAddress(CALLBACK).contains("code="));
        }
        try (RealBrowser browser = RealBrowser.open(language, RealBrowser.PHONE)) {
            browser.get(authorize(lanyard));
            new LoginPages.PasswordPage(browser).signIn(email, PASSWORD);
            LoginPages.PinPage pin = new LoginPages.PinPage(browser);
            pin.check("pin");
            pin.enter("999999");
            LoginPages.PinPage again = new LoginPages.PinPage(browser);
            assertTrue(again.error().contains("PIN"), again.error());
            again.check("pin-wrong");
            again.enter("482615");
            assertTrue(browser.awaitAddress(CALLBACK).contains("code="));
        }
    }

    private static String authorize(Lanyard lanyard) {
        return lanyard.realm(realm, "/protocol/openid-connect/auth?client_id=spa&response_type=code&scope=openid"
                + "&redirect_uri=http%3A%2F%2Flocalhost%3A5173%2Fcb").toString();
    }
}
