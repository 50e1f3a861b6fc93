package dev.lanyard.keycloak.it.themes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.RealBrowser;
import dev.lanyard.keycloak.it.support.RequiresChromium;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The device flow's pages in a real browser, in each shipped language: the code entry (a wrong code first), the
 * login, the consent, "done"; then a second device, denied at the consent.
 */
@ExtendWith(LanyardExtension.class)
@RequiresChromium
class DevicePagesIT {

    private static final String PASSWORD = "device-pages-password";

    private static String realm;

    @BeforeAll
    static void setUp(Lanyard lanyard) {
        realm = lanyard.newRealm("device-pages", LoginPages.REALM_LANGUAGES + """
                , "clients": [{"clientId": "tv", "name": "Living-room TV", "publicClient": true, "standardFlowEnabled": false,
                               "consentRequired": true, "attributes": {"oauth2.device.authorization.grant.enabled": "true"}}]""");
    }

    @ParameterizedTest
    @MethodSource("dev.lanyard.keycloak.it.themes.LoginPages#languages")
    void deviceIsApprovedAfterAWrongCodeAndTheNextOneDenied(String language, Lanyard lanyard) {
        String email = "device-pages-" + UUID.randomUUID() + "@example.com";
        lanyard.admin().createUserWithPassword(realm, email, PASSWORD);
        try (RealBrowser browser = RealBrowser.open(language, RealBrowser.PHONE)) {
            JsonNode device = authorizeDevice(lanyard);
            browser.get(device.get("verification_uri").asText());
            LoginPages.DeviceCodePage code = new LoginPages.DeviceCodePage(browser);
            code.check("device-code");
            code.enter("WXYZ-WXYZ");
            LoginPages.DeviceCodePage wrong = new LoginPages.DeviceCodePage(browser);
            assertFalse(wrong.error().isEmpty(), "the wrong code is named");
            wrong.check("device-code-wrong");
            wrong.enter(device.get("user_code").asText());

            new LoginPages.PasswordPage(browser).signIn(email, PASSWORD);
            LoginPages.ConsentPage consent = new LoginPages.ConsentPage(browser);
            consent.check("consent");
            consent.approve();
            new LoginPages.MessagePage(browser).check("device-done");
            assertEquals(200, poll(lanyard, device).status(), "the device got its tokens");

            JsonNode second = authorizeDevice(lanyard);
            browser.get(second.get("verification_uri_complete").asText());
            LoginPages.ConsentPage again = new LoginPages.ConsentPage(browser);
            again.deny();
            new LoginPages.MessagePage(browser).check("device-denied");
            assertEquals("access_denied", poll(lanyard, second).json().get("error").asText());
        }
    }

    private static JsonNode authorizeDevice(Lanyard lanyard) {
        Reply reply = lanyard.browser().postForm(lanyard.realm(realm, "/protocol/openid-connect/auth/device"),
                Map.of("client_id", "tv", "scope", "openid"));
        assertEquals(200, reply.status(), reply.toString());
        return reply.json();
    }

    private static Reply poll(Lanyard lanyard, JsonNode device) {
        return lanyard.browser().postForm(lanyard.realm(realm, "/protocol/openid-connect/token"), Map.of(
                "grant_type", "urn:ietf:params:oauth:grant-type:device_code", "client_id", "tv",
                "device_code", device.get("device_code").asText()));
    }
}
