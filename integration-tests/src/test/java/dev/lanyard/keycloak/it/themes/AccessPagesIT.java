package dev.lanyard.keycloak.it.themes;

import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.BrowserFlows;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.RealBrowser;
import dev.lanyard.keycloak.it.support.RequiresChromium;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The "Require app permission" pages in a real browser, in each shipped language: no access yet, access asked
 * for and pending, then declined by an administrator.
 */
@ExtendWith(LanyardExtension.class)
@RequiresChromium
class AccessPagesIT {

    private static final String PASSWORD = "access-pages-password";

    private static String realm;
    private static String boss;

    @BeforeAll
    static void setUp(Lanyard lanyard) {
        realm = lanyard.newRealm("access-pages", LoginPages.REALM_LANGUAGES + """
                , "clients": [{"clientId": "gated", "name": "Gated App", "publicClient": true, "standardFlowEnabled": true,
                               "redirectUris": ["http://localhost:5173/*"], "attributes": {"lanyard.permission.required": "true"}}],
                 "roles": {"client": {"gated": [{"name": "user"}]}}""");
        BrowserFlows.useWithPermissionGate(lanyard.admin(), realm, "gate", new BrowserFlows.Step("auth-username-password-form", "REQUIRED"));
        boss = "access-boss-" + UUID.randomUUID() + "@example.com";
        String bossId = lanyard.admin().createUserWithPassword(realm, boss, PASSWORD);
        lanyard.admin().grantRealmManagement(realm, bossId, "manage-users");
    }

    @ParameterizedTest
    @MethodSource("dev.lanyard.keycloak.it.themes.LoginPages#languages")
    void accessIsAskedForThenDeclined(String language, Lanyard lanyard) {
        String email = "access-pages-" + UUID.randomUUID() + "@example.com";
        String userId = lanyard.admin().createUserWithPassword(realm, email, PASSWORD);
        try (RealBrowser browser = RealBrowser.open(language, RealBrowser.PHONE)) {
            browser.get(lanyard.realm(realm, "/protocol/openid-connect/auth?client_id=gated&response_type=code&scope=openid"
                    + "&redirect_uri=http%3A%2F%2Flocalhost%3A5173%2Fcb").toString());
            new LoginPages.PasswordPage(browser).signIn(email, PASSWORD);
            LoginPages.AppPermissionPage none = new LoginPages.AppPermissionPage(browser);
            assertEquals("none", none.status());
            none.check("access-none");
            LoginPages.AppPermissionPage pending = none.requestAccess();
            assertEquals("pending", pending.status());
            pending.check("access-pending");

            decline(lanyard, userId);
            LoginPages.AppPermissionPage denied = pending.checkAgain();
            assertEquals("denied", denied.status());
            denied.check("access-denied");
        }
    }

    /** An administrator (manage-users, signed in) declines the request through the admin route. */
    private static void decline(Lanyard lanyard, String userId) {
        Browser admin = lanyard.browser();
        Reply login = admin.postJson(lanyard.realm(realm, "/api/public/login"), "{\"email\":\"" + boss + "\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(200, login.status(), login.toString());
        Reply declined = admin.send("PUT", lanyard.realm(realm, "/api/admin/users/" + userId + "/apps/gated/permissions"),
                "application/json", "{\"role\":\"user\",\"status\":\"denied\"}", "Origin", lanyard.origin());
        assertEquals(200, declined.status(), declined.toString());
    }
}
