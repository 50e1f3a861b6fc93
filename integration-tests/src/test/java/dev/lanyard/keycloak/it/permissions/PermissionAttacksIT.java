package dev.lanyard.keycloak.it.permissions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Attacks on app permissions: admin tokens, oversized and parallel requests, roles beyond the app's own. */
@ExtendWith(LanyardExtension.class)
class PermissionAttacksIT {

    @Test
    void adminTokenIsJudgedByTheRolesItCarriesAsKeycloaksAdminApiJudgesIt(Lanyard lanyard) {
        PermissionRealm realm = PermissionRealm.create(lanyard);
        lanyard.admin().must("POST", "/" + realm.name() + "/clients", """
                {"clientId": "limited", "publicClient": false, "secret": "limited-secret", "fullScopeAllowed": false,
                 "directAccessGrantsEnabled": true, "standardFlowEnabled": false}""");
        String limited = realm.userToken(realm.boss(), "limited");
        String full = realm.userToken(realm.boss(), "app");
        String adminRoute = "/admin/users/" + realm.alice() + "/apps/app/permissions";
        String body = "{\"role\":\"user\",\"status\":\"approved\"}";

        for (var expected : Map.of(limited, 403, full, 200).entrySet()) {
            Reply keycloaks = nativeUserList(realm, expected.getKey());
            assertEquals(expected.getValue(), keycloaks.status(), "Keycloak's admin API: " + keycloaks);
            Reply ours = lanyard.browser().send("PUT", realm.api(adminRoute), "application/json", body,
                    "Authorization", "Bearer " + expected.getKey());
            assertEquals(expected.getValue(), ours.status(), "Lanyard answers alike: " + ours);
        }
        assertEquals(403, lanyard.browser().get(realm.api("/admin/apps/app/permissions"), "Authorization", "Bearer " + limited).status());
    }

    @Test
    void oversizedRequesterDetailsAre400AndWriteNothing(Lanyard lanyard) {
        PermissionRealm realm = PermissionRealm.create(lanyard);
        String token = realm.userToken(realm.alice(), "app");
        for (String body : new String[]{
                "{\"email\":\"" + "a".repeat(300) + "@example.com\",\"name\":\"Alice\"}",
                "{\"email\":\"alice@example.com\",\"name\":\"" + "n".repeat(300) + "\"}"}) {
            Reply reply = lanyard.browser().postJson(realm.api("/users/" + realm.alice() + "/apps/app/request-access"), body,
                    "Authorization", "Bearer " + token);
            assertEquals(400, reply.status(), reply.toString());
            assertEquals("invalid_request", reply.json().get("error").asText());
        }
        Reply read = lanyard.browser().get(realm.permissionOf(realm.alice(), "app"), "Authorization", "Bearer " + token);
        assertEquals("none", read.json().get("status").asText(), "nothing was written: " + read);
    }

    @Test
    void parallelFirstRequestsMakeOneRecordAndNo5xx(Lanyard lanyard) throws Exception {
        PermissionRealm realm = PermissionRealm.create(lanyard);
        String token = realm.userToken(realm.alice(), "app");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Reply>> requests = IntStream.range(0, 10).mapToObj(i -> (Callable<Reply>) () ->
                    lanyard.browser().postJson(realm.api("/users/" + realm.alice() + "/apps/app/request-access"),
                            "{\"email\":\"alice@example.com\",\"name\":\"Alice\"}", "Authorization", "Bearer " + token)).toList();
            for (var future : pool.invokeAll(requests)) {
                Reply reply = future.get();
                assertTrue(reply.status() == 202 || reply.status() == 200, reply.toString());
                assertEquals("pending", reply.json().get("status").asText(), reply.toString());
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode pending = realm.session(realm.boss()).get(realm.api("/admin/apps/app/permissions?status=pending")).json();
        assertEquals(1, pending.get("permissions").size(), "one record: " + pending);
    }

    @Test
    void appMayNotGrantACompositeRole(Lanyard lanyard) throws Exception {
        PermissionRealm realm = PermissionRealm.create(lanyard);
        String appId = lanyard.admin().getJson("/" + realm.name() + "/clients?clientId=app").get(0).get("id").asText();
        JsonNode realmManagement = lanyard.admin().getJson("/" + realm.name() + "/clients?clientId=realm-management").get(0);
        JsonNode manageUsers = lanyard.admin().getJson("/" + realm.name() + "/clients/" + realmManagement.get("id").asText()
                + "/roles/manage-users");
        lanyard.admin().must("POST", "/" + realm.name() + "/clients/" + appId + "/roles", "{\"name\": \"super\"}");
        lanyard.admin().must("POST", "/" + realm.name() + "/clients/" + appId + "/roles/super/composites", "[" + manageUsers + "]");

        Reply reply = lanyard.browser().send("PUT", realm.permissionOf(realm.alice(), "app"), "application/json",
                "{\"role\":\"super\",\"status\":\"approved\"}", "Authorization", "Bearer " + realm.clientToken("app", true));
        assertEquals(400, reply.status(), reply.toString());
        assertEquals("[]", lanyard.admin().getJson("/" + realm.name() + "/users/" + realm.alice()
                + "/role-mappings/clients/" + appId).toString(), "nothing was granted");
        assertEquals(403, nativeUserList(realm, realm.userToken(realm.alice(), "app")).status(), "alice got no admin rights");
    }

    @Test
    void aStatusOtherThanApprovedTakesEveryDirectRoleOfTheAppAway(Lanyard lanyard) throws Exception {
        PermissionRealm realm = PermissionRealm.create(lanyard);
        String appId = lanyard.admin().getJson("/" + realm.name() + "/clients?clientId=app").get(0).get("id").asText();
        String roles = "[" + lanyard.admin().getJson("/" + realm.name() + "/clients/" + appId + "/roles/user") + ","
                + lanyard.admin().getJson("/" + realm.name() + "/clients/" + appId + "/roles/admin") + "]";
        lanyard.admin().must("POST", "/" + realm.name() + "/users/" + realm.alice() + "/role-mappings/clients/" + appId, roles);

        String appToken = realm.clientToken("app", true);
        Reply denied = lanyard.browser().send("PUT", realm.permissionOf(realm.alice(), "app"), "application/json",
                "{\"role\":\"user\",\"status\":\"denied\"}", "Authorization", "Bearer " + appToken);
        assertEquals(200, denied.status(), denied.toString());
        assertEquals("denied", denied.json().get("status").asText(), denied.toString());
        Reply read = lanyard.browser().get(realm.permissionOf(realm.alice(), "app"), "Authorization", "Bearer " + appToken);
        assertEquals("denied", read.json().get("status").asText(), "no other role of the app reads as approved: " + read);
        assertEquals("[]", lanyard.admin().getJson("/" + realm.name() + "/users/" + realm.alice()
                + "/role-mappings/clients/" + appId).toString());
        assertEquals("", PermissionRealm.rolesIn(realm.userToken(realm.alice(), "app"), "app").replace("null", ""),
                "tokens carry no role of the app");
    }


    @Test
    void anAdminOfUsersCannotGrantOrTakeRolesBeyondTheirOwn(Lanyard lanyard) throws Exception {
        PermissionRealm realm = PermissionRealm.create(lanyard);
        String boss = realm.userToken(realm.boss(), "app");
        Reply selfPromotion = lanyard.browser().send("PUT", realm.api("/admin/users/" + realm.boss() + "/apps/realm-management/permissions"),
                "application/json", "{\"role\":\"realm-admin\",\"status\":\"approved\"}", "Authorization", "Bearer " + boss);
        assertEquals(403, selfPromotion.status(), "as Keycloak's role-mapping API refuses it: " + selfPromotion);
        Reply promotion = realm.session(realm.boss()).send("PUT", realm.api("/admin/users/" + realm.alice() + "/apps/realm-management/permissions"),
                "application/json", "{\"role\":\"manage-realm\",\"status\":\"approved\"}", "Origin", PermissionRealm.ORIGIN);
        assertEquals(403, promotion.status(), "by session too: " + promotion);
        assertEquals(403, nativeClientList(realm, realm.userToken(realm.boss(), "app")).status(), "boss is still no realm admin");
    }

    @Test
    void anAdminSessionIsJudgedWithoutTheAccountClientAndWritesNothing(Lanyard lanyard) {
        PermissionRealm realm = PermissionRealm.create(lanyard);
        ObjectNode account = (ObjectNode) lanyard.admin().client(realm.name(), "account");
        lanyard.admin().must("PUT", "/" + realm.name() + "/clients/" + account.get("id").asText(), account.put("enabled", false).toString());

        Reply reply = realm.session(realm.boss()).get(realm.permissionOf(realm.alice(), "app"), "Origin", PermissionRealm.ORIGIN);
        assertEquals(200, reply.status(), reply.toString());
        assertEquals(0, lanyard.admin().getJson("/" + realm.name() + "/clients?clientId=_system").size(),
                "a GET that judges admin rights creates no client");
    }

    @Test
    void passwordAloneNeverMakesAnAdminSessionOfAnAdminWithOtp(Lanyard lanyard) {
        PermissionRealm realm = PermissionRealm.create(lanyard);
        String email = "otp-admin-" + UUID.randomUUID() + "@example.com";
        String adminId = lanyard.admin().createUser(realm.name(), """
                {"username": "%s", "email": "%s", "emailVerified": true, "enabled": true, "firstName": "Otp", "lastName": "Admin",
                 "credentials": [{"type": "password", "value": "%s", "temporary": false},
                   {"type": "otp", "userLabel": "phone", "secretData": "{\\"value\\":\\"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP\\"}",
                    "credentialData": "{\\"subType\\":\\"totp\\",\\"digits\\":6,\\"period\\":30,\\"algorithm\\":\\"HmacSHA1\\",\\"counter\\":0}"}]}"""
                .formatted(email, email, PermissionRealm.PASSWORD));
        lanyard.admin().grantRealmManagement(realm.name(), adminId, "manage-users");
        assertTrue(lanyard.admin().getJson("/" + realm.name() + "/users/" + adminId + "/credentials").toString().contains("otp"),
                "the admin has OTP");

        Browser phished = realm.session(adminId);
        Reply validate = phished.get(realm.api("/sso/validate"));
        assertEquals("public", validate.json().get("type").asText(), "a password-only session is no admin session: " + validate);
        Reply write = phished.send("PUT", realm.api("/admin/users/" + realm.alice() + "/apps/app/permissions"), "application/json",
                "{\"role\":\"user\",\"status\":\"approved\"}", "Origin", PermissionRealm.ORIGIN);
        assertEquals(403, write.status(), write.toString());
        assertEquals("admin", realm.session(realm.boss()).get(realm.api("/sso/validate")).json().get("type").asText(),
                "an admin without a second factor still is one");
    }

    /** Keycloak's own admin API, asked for the realm's clients (realm-management view-clients) with {@code token}. */
    private static Reply nativeClientList(PermissionRealm realm, String token) {
        return realm.lanyard().browser().get(realm.lanyard().baseUri().resolve("/admin/realms/" + realm.name() + "/clients"),
                "Authorization", "Bearer " + token);
    }

    /** Keycloak's own admin API, asked for the realm's users with {@code token}. */
    private static Reply nativeUserList(PermissionRealm realm, String token) {
        return realm.lanyard().browser().get(realm.lanyard().baseUri().resolve("/admin/realms/" + realm.name() + "/users"),
                "Authorization", "Bearer " + token);
    }
}
