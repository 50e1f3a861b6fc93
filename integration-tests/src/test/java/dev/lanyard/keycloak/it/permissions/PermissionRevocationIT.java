package dev.lanyard.keycloak.it.permissions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 36, point 7: revoking a user's permission for a gated app ends that user's sessions of the app, online and
 * offline, so Keycloak itself refuses the old refresh tokens (native token endpoint and {@code {api}/oauth/token});
 * the user's other apps keep theirs. And a refresh of a gated app is refused for a user without an approved
 * permission even where the session survived (a role taken away outside Lanyard).
 */
@ExtendWith(LanyardExtension.class)
class PermissionRevocationIT {

    private Lanyard lanyard;
    private PermissionRealm realm;

    @BeforeEach
    void setUp(Lanyard lanyard) {
        this.lanyard = lanyard;
        this.realm = PermissionRealm.create(lanyard);
        // Keycloak's offline_access scope, made optional on both apps (the permission realm names their scopes itself).
        String scopeId = null;
        for (JsonNode scope : lanyard.admin().getJson("/" + realm.name() + "/client-scopes")) {
            if ("offline_access".equals(scope.get("name").asText())) {
                scopeId = scope.get("id").asText();
            }
        }
        for (String app : new String[]{"app", "other"}) {
            lanyard.admin().must("PUT", "/" + realm.name() + "/clients/" + clientUuid(app) + "/optional-client-scopes/" + scopeId, null);
            approve(app, realm.alice());
        }
    }

    @Test
    void adminRevocationEndsTheAppsSessionsAndKeepsTheOtherApps() {
        Tokens tokens = signInEverywhere();

        Reply revoked = realm.session(realm.boss()).send("PUT", realm.api("/admin/users/" + realm.alice() + "/apps/app/permissions"),
                "application/json", "{\"role\":\"user\",\"status\":\"revoked\"}", "Origin", PermissionRealm.ORIGIN);
        assertEquals(200, revoked.status(), revoked.toString());
        assertEquals("revoked", revoked.json().get("status").asText());

        assertRefused(tokens);
        assertSessionsEndedEvent("admin/users/{userId}/apps/{clientId}/permissions");
    }

    @Test
    void appDeletingThePermissionEndsTheAppsSessionsAndKeepsTheOtherApps() {
        Tokens tokens = signInEverywhere();

        Reply deleted = lanyard.browser().send("DELETE", realm.permissionOf(realm.alice(), "app"), null, null,
                "Authorization", "Bearer " + realm.clientToken("app", true));
        assertEquals(200, deleted.status(), deleted.toString());
        assertEquals("revoked", deleted.json().get("status").asText());

        assertRefused(tokens);
        assertSessionsEndedEvent("users/{userId}/apps/{clientId}/permissions");
    }

    @Test
    void deniedOrPendingEndsTheSessionsTooButAnApprovedRoleChangeDoesNot() {
        String before = refreshToken("app", "openid");
        assertEquals(200, app("PUT", "{\"role\":\"admin\",\"status\":\"approved\"}").status());
        assertEquals(200, refresh(realm.api("/oauth/token"), "app", before).status(), "still approved: the session lives");

        assertEquals(200, app("PUT", "{\"role\":\"user\",\"status\":\"denied\"}").status());
        assertInvalidGrant(refresh(nativeToken(), "app", before), "denied");

        approve("app", realm.alice());
        String again = refreshToken("app", "openid");
        assertEquals(200, app("PUT", "{\"role\":\"user\",\"status\":\"pending\"}").status());
        assertInvalidGrant(refresh(nativeToken(), "app", again), "back to pending");
    }

    @Test
    void refreshIsRefusedWithoutAnApprovedPermissionEvenWhenTheSessionSurvived() {
        String appRefresh = refreshToken("app", "openid");
        String otherRefresh = refreshToken("other", "openid");

        // Outside Lanyard: the admin console takes the role away; no session is ended, the permission reads revoked.
        String appId = clientUuid("app");
        lanyard.admin().must("DELETE", "/" + realm.name() + "/users/" + realm.alice() + "/role-mappings/clients/" + appId,
                "[" + lanyard.admin().getJson("/" + realm.name() + "/clients/" + appId + "/roles/user") + "]");

        assertInvalidGrant(refresh(nativeToken(), "app", appRefresh), "native refresh without approval");
        assertInvalidGrant(refresh(realm.api("/oauth/token"), "app", appRefresh), "{api} refresh without approval");
        assertEquals(200, refresh(nativeToken(), "other", otherRefresh).status(), "the other app is still approved");

        approve("app", realm.alice());
        assertEquals(200, refresh(nativeToken(), "app", appRefresh).status(), "approved again: the surviving session refreshes");
    }

    /** Refresh tokens of alice: online and offline for the gated app, online for the other app; each works now. */
    private Tokens signInEverywhere() {
        Tokens tokens = new Tokens(refreshToken("app", "openid"), refreshToken("app", "openid offline_access"),
                refreshToken("other", "openid"));
        assertEquals("Offline", Reply.claimsOf(tokens.appOffline()).get("typ").asText());
        assertEquals(200, refresh(nativeToken(), "app", tokens.appOnline()).status(), "refresh works before the revocation");
        assertEquals(200, refresh(nativeToken(), "app", tokens.appOffline()).status(), "offline refresh works before the revocation");
        return tokens;
    }

    private void assertRefused(Tokens tokens) {
        assertInvalidGrant(refresh(nativeToken(), "app", tokens.appOnline()), "native refresh after revocation");
        assertInvalidGrant(refresh(realm.api("/oauth/token"), "app", tokens.appOnline()), "{api}/oauth/token refresh after revocation");
        assertInvalidGrant(refresh(nativeToken(), "app", tokens.appOffline()), "offline refresh after revocation");
        assertInvalidGrant(refresh(realm.api("/oauth/token"), "app", tokens.appOffline()), "{api} offline refresh after revocation");
        Reply other = refresh(nativeToken(), "other", tokens.otherOnline());
        assertEquals(200, other.status(), "the user's other app keeps its session: " + other);
        assertEquals(200, refresh(realm.api("/oauth/token"), "other", tokens.otherOnline()).status());
    }

    /** One REVOKE_GRANT event for alice and the app, naming the route and how many sessions of each kind ended. */
    private void assertSessionsEndedEvent(String route) {
        JsonNode events = lanyard.admin().getJson("/" + realm.name() + "/events?type=REVOKE_GRANT&user=" + realm.alice());
        assertEquals(1, events.size(), events.toString());
        JsonNode details = events.get(0).get("details");
        assertEquals("app", events.get(0).get("clientId").asText(), events.toString());
        assertEquals("app", details.get("revoked_client").asText(), events.toString());
        assertEquals(route, details.get("lanyard_route").asText(), events.toString());
        assertEquals("1", details.get("lanyard_sessions_ended").asText(), "one online session: " + events);
        assertEquals("1", details.get("lanyard_offline_sessions_ended").asText(), "one offline session: " + events);
    }

    private static void assertInvalidGrant(Reply reply, String what) {
        assertEquals(400, reply.status(), what + ": " + reply);
        assertEquals("invalid_grant", reply.json().get("error").asText(), what + ": " + reply);
    }

    /** A fresh password-grant login of alice to {@code clientId}; its refresh token. */
    private String refreshToken(String clientId, String scope) {
        Reply reply = lanyard.browser().postForm(nativeToken(), Map.of("grant_type", "password", "client_id", clientId,
                "client_secret", clientId + "-secret", "username", realm.username(realm.alice()), "password", PermissionRealm.PASSWORD,
                "scope", scope));
        assertEquals(200, reply.status(), reply.toString());
        return reply.json().get("refresh_token").asText();
    }

    private Reply refresh(java.net.URI endpoint, String clientId, String refreshToken) {
        return lanyard.browser().postForm(endpoint, Map.of("grant_type", "refresh_token", "client_id", clientId,
                "client_secret", clientId + "-secret", "refresh_token", refreshToken));
    }

    private java.net.URI nativeToken() {
        return lanyard.realm(realm.name(), "/protocol/openid-connect/token");
    }

    private void approve(String clientId, String userId) {
        Reply approved = lanyard.browser().send("PUT", realm.permissionOf(userId, clientId), "application/json",
                "{\"role\":\"user\",\"status\":\"approved\"}", "Authorization", "Bearer " + realm.clientToken(clientId, true));
        assertEquals(200, approved.status(), approved.toString());
    }

    private Reply app(String method, String json) {
        return lanyard.browser().send(method, realm.permissionOf(realm.alice(), "app"), "application/json", json,
                "Authorization", "Bearer " + realm.clientToken("app", true));
    }

    private String clientUuid(String clientId) {
        return lanyard.admin().getJson("/" + realm.name() + "/clients?clientId=" + clientId).get(0).get("id").asText();
    }

    private record Tokens(String appOnline, String appOffline, String otherOnline) {
    }
}
