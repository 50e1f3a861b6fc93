package dev.lanyard.keycloak.it.permissions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.BrowserFlows;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LanyardExtension.class)
class PermissionIT {

    private Lanyard lanyard;
    private PermissionRealm realm;
    private String appToken;

    @BeforeEach
    void setUp(Lanyard lanyard) {
        this.lanyard = lanyard;
        this.realm = PermissionRealm.create(lanyard);
        this.appToken = realm.clientToken("app", true);
    }

    @Test
    void approvalIsAClientRoleMappingThatTokensCarryAndRevocationTakesItAway() throws Exception {
        Reply none = app("GET", realm.alice(), null);
        assertEquals(200, none.status(), none.toString());
        assertEquals("none", none.json().get("status").asText());
        assertTrue(none.json().get("role").isNull());
        assertTrue(none.json().has("requested_at") && none.json().has("updated_at"), none.toString());
        assertEquals("app", none.json().get("client_id").asText());

        Reply approved = app("PUT", realm.alice(), "{\"role\":\"user\",\"status\":\"approved\"}");
        assertEquals(200, approved.status(), approved.toString());
        assertEquals("approved", approved.json().get("status").asText());
        assertEquals("user", approved.json().get("role").asText());
        assertFalse(approved.json().get("updated_at").isNull());
        assertEquals("[\"user\"]", PermissionRealm.rolesIn(realm.userToken(realm.alice(), "app"), "app"),
                "the next token for the app carries the role");
        String appId = lanyard.admin().getJson("/" + realm.name() + "/clients?clientId=app").get(0).get("id").asText();
        assertTrue(lanyard.admin().getJson("/" + realm.name() + "/users/" + realm.alice() + "/role-mappings/clients/" + appId)
                .toString().contains("\"name\":\"user\""), "the console shows the role mapping");

        Reply promoted = app("PUT", realm.alice(), "{\"role\":\"admin\",\"status\":\"approved\"}");
        assertEquals("admin", promoted.json().get("role").asText());
        assertEquals("[\"admin\"]", PermissionRealm.rolesIn(realm.userToken(realm.alice(), "app"), "app"), "the old role went");

        Reply revoked = app("DELETE", realm.alice(), null);
        assertEquals(200, revoked.status(), revoked.toString());
        assertEquals("revoked", revoked.json().get("status").asText());
        assertEquals("", PermissionRealm.rolesIn(realm.userToken(realm.alice(), "app"), "app"), "no role after revocation");

        Reply nothing = app("DELETE", realm.bob(), null);
        assertEquals("none", nothing.json().get("status").asText(), "revoking what was never there answers none");
    }

    @Test
    void aRoleHeldThroughAGroupReadsAsApproved() {
        String appId = lanyard.admin().getJson("/" + realm.name() + "/clients?clientId=app").get(0).get("id").asText();
        Reply group = lanyard.admin().must("POST", "/" + realm.name() + "/groups", "{\"name\": \"app-admins\"}");
        String groupId = group.header("Location").orElseThrow().replaceAll(".*/", "");
        lanyard.admin().must("POST", "/" + realm.name() + "/groups/" + groupId + "/role-mappings/clients/" + appId,
                "[" + lanyard.admin().getJson("/" + realm.name() + "/clients/" + appId + "/roles/admin") + "]");
        lanyard.admin().must("PUT", "/" + realm.name() + "/users/" + realm.bob() + "/groups/" + groupId, null);

        Reply read = app("GET", realm.bob(), null);
        assertEquals("approved", read.json().get("status").asText(), read.toString());
        assertEquals("admin", read.json().get("role").asText());
    }

    @Test
    void badWritesAreRefusedAndChangeNothing() {
        app("PUT", realm.alice(), "{\"role\":\"user\",\"status\":\"approved\"}");
        String before = app("GET", realm.alice(), null).body();
        for (String body : new String[]{"{\"role\":\"superuser\",\"status\":\"approved\"}", "{\"role\":\"admin\",\"status\":\"maybe\"}",
                "{\"status\":\"approved\"}", "{\"role\":\"admin\",\"status\":\"none\"}", "{\"role\":", "[]", "{\"role\":5}"}) {
            Reply refused = app("PUT", realm.alice(), body);
            assertEquals(400, refused.status(), body + " → " + refused);
            assertEquals("invalid_request", refused.json().get("error").asText());
        }
        Reply wrongType = lanyard.browser().send("PUT", realm.permissionOf(realm.alice(), "app"), "text/plain", "role=admin",
                "Authorization", "Bearer " + appToken);
        assertEquals(415, wrongType.status());
        assertEquals(before, app("GET", realm.alice(), null).body(), "nothing changed");
    }

    @Test
    void requestAccessIsPendingOnceAndNeverDowngradesAnApproval() {
        String aliceToken = realm.userToken(realm.alice(), "app");
        Reply first = requestAccess(aliceToken, realm.alice());
        assertEquals(202, first.status(), first.toString());
        assertEquals("pending", first.json().get("status").asText());
        assertFalse(first.json().get("requested_at").isNull());
        Reply again = requestAccess(aliceToken, realm.alice());
        assertEquals(202, again.status());
        assertEquals(first.body(), again.body(), "idempotent while pending");

        app("PUT", realm.alice(), "{\"role\":\"user\",\"status\":\"approved\"}");
        Reply afterApproval = requestAccess(realm.userToken(realm.alice(), "app"), realm.alice());
        assertEquals(200, afterApproval.status(), afterApproval.toString());
        assertEquals("approved", afterApproval.json().get("status").asText());
        assertEquals("user", afterApproval.json().get("role").asText());
    }

    @Test
    void adminsListPendingRequestsPageByPageAndDeletedUsersLeaveNoRecord() {
        requestAccess(realm.userToken(realm.bob(), "app"), realm.bob());
        requestAccess(realm.userToken(realm.alice(), "app"), realm.alice());
        Browser boss = realm.session(realm.boss());
        JsonNode pending = boss.get(realm.api("/admin/apps/app/permissions?status=pending")).json();
        assertEquals(2, pending.get("permissions").size(), pending.toString());
        JsonNode newest = boss.get(realm.api("/admin/apps/app/permissions?status=pending&max=1")).json();
        assertEquals(realm.alice(), newest.get("permissions").get(0).get("user_id").asText(), "newest first");
        assertEquals(realm.bob(), boss.get(realm.api("/admin/apps/app/permissions?status=pending&first=1&max=1")).json()
                .get("permissions").get(0).get("user_id").asText());
        assertEquals(0, boss.get(realm.api("/admin/apps/app/permissions?status=approved")).json().get("permissions").size());
        assertEquals(400, boss.get(realm.api("/admin/apps/app/permissions?max=1000")).status());
        assertEquals(400, boss.get(realm.api("/admin/apps/app/permissions?status=maybe")).status());
        assertEquals(403, realm.session(realm.alice()).get(realm.api("/admin/apps/app/permissions")).status());

        lanyard.admin().must("DELETE", "/" + realm.name() + "/users/" + realm.alice(), null);
        JsonNode afterDelete = boss.get(realm.api("/admin/apps/app/permissions?status=pending&max=1")).json();
        assertEquals(realm.bob(), afterDelete.get("permissions").get(0).get("user_id").asText(),
                "alice's record went with her (a stale newest row would leave this page empty)");
    }

    @Test
    void everyChangeIsAnAdminEventWithBeforeAndAfter() throws Exception {
        app("PUT", realm.alice(), "{\"role\":\"user\",\"status\":\"approved\"}");
        realm.session(realm.boss()).send("DELETE", realm.api("/admin/users/" + realm.alice() + "/apps/app/permissions"), null, null,
                "Origin", PermissionRealm.ORIGIN);
        JsonNode events = lanyard.admin().getJson("/" + realm.name() + "/admin-events?resourceTypes=CUSTOM");
        assertEquals(2, events.size(), events.toString());
        for (JsonNode event : events) {
            assertEquals("users/" + realm.alice() + "/apps/app/permissions", event.get("resourcePath").asText());
            JsonNode representation = Reply.JSON.readTree(event.get("representation").asText());
            assertTrue(representation.has("before") && representation.has("after"), representation.toString());
        }
        assertEquals("DELETE", events.get(0).get("operationType").asText(), "newest first: the admin's revocation");
        assertEquals(realm.boss(), events.get(0).get("authDetails").get("userId").asText());
    }

    @Test
    void loginGateLetsApprovedUsersInAndOffersOthersToAskForAccess() {
        BrowserFlows.useWithPermissionGate(lanyard.admin(), realm.name(), "gate",
                new BrowserFlows.Step("auth-username-password-form", "REQUIRED"));

        Browser alice = lanyard.browser();
        Reply gate = signIn(alice, realm.alice());
        assertEquals(200, gate.status(), gate.toString());
        Document page = Jsoup.parse(gate.body());
        assertEquals("none", page.select("#lanyard-app-permission-status").attr("data-status"), gate.body());
        Reply requested = alice.postForm(URI.create(page.select("form#lanyard-app-permission-form").attr("action")),
                Map.of("request", "true"));
        Document pendingPage = Jsoup.parse(requested.body());
        assertEquals("pending", pendingPage.select("#lanyard-app-permission-status").attr("data-status"), requested.body());
        assertEquals("pending", app("GET", realm.alice(), null).json().get("status").asText());

        app("PUT", realm.alice(), "{\"role\":\"user\",\"status\":\"approved\"}");
        Reply continued = alice.postForm(URI.create(pendingPage.select("form#lanyard-app-permission-form").attr("action")),
                Map.of("continue", "true"));
        assertEquals(302, continued.status(), continued.toString());
        assertTrue(continued.header("Location").orElseThrow().contains("code="), continued.toString());

        Reply approvedAtOnce = signIn(lanyard.browser(), realm.alice());
        assertEquals(302, approvedAtOnce.status(), "an approved user goes straight through");
    }

    private Reply signIn(Browser browser, String userId) {
        Reply login = browser.get(lanyard.realm(realm.name(), "/protocol/openid-connect/auth?client_id=app&response_type=code"
                + "&scope=openid&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcb"));
        String action = Jsoup.parse(login.body()).select("form#kc-form-login").attr("action");
        return browser.postForm(URI.create(action), Map.of("username", realm.username(userId), "password", PermissionRealm.PASSWORD));
    }

    private Reply requestAccess(String userToken, String userId) {
        return lanyard.browser().postJson(realm.api("/users/" + userId + "/apps/app/request-access"),
                "{\"email\":\"me@example.com\",\"name\":\"Me\"}", "Authorization", "Bearer " + userToken);
    }

    private Reply app(String method, String userId, String json) {
        return lanyard.browser().send(method, realm.permissionOf(userId, "app"), json == null ? null : "application/json", json,
                "Authorization", "Bearer " + appToken);
    }
}
