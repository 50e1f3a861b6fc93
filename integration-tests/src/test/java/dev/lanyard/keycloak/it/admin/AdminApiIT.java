package dev.lanyard.keycloak.it.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seed 004's admin API: clients and users, for admins judged as Keycloak's admin REST API judges them. */
@ExtendWith(LanyardExtension.class)
class AdminApiIT {

    private static final String PASSWORD = "Correct-Horse-9";
    private static final String SETTINGS = """
            , "adminEventsEnabled": true, "adminEventsDetailsEnabled": true,
              "attributes": {"lanyard.register.selfServiceRoles": "reader"},
              "roles": {"realm": [{"name": "reader"}, {"name": "editor"}]},
              "clients": [{"clientId": "console", "publicClient": true, "standardFlowEnabled": false, "directAccessGrantsEnabled": true,
                           "fullScopeAllowed": true},
                          {"clientId": "robot", "publicClient": false, "secret": "robot-secret", "serviceAccountsEnabled": true,
                           "standardFlowEnabled": false}]""";

    private Lanyard lanyard;
    private String realm;

    @BeforeEach
    void setUp(Lanyard lanyard) {
        this.lanyard = lanyard;
        this.realm = lanyard.newRealm("admin-api", SETTINGS);
    }

    @Test
    void registerListGetUpdateAndDeactivate() {
        String admin = bearer(user("manage-clients", "view-clients"));
        Reply created = send("POST", "/admin/clients", admin, """
                {"client_name": "Billing", "client_type": "confidential", "grant_types": ["client_credentials", "authorization_code", "refresh_token"],
                 "redirect_uris": ["https://billing.example/cb", "http://localhost:9000/cb"], "response_types": ["code"],
                 "scopes": "openid profile email", "token_endpoint_auth_method": "client_secret_post"}""");
        assertEquals(201, created.status(), created.toString());
        JsonNode client = created.json();
        String clientId = client.get("client_id").asText();
        String secret = client.get("client_secret").asText();
        assertFalse(secret.isBlank());
        assertEquals(0, client.get("client_secret_expires_at").asInt());
        assertEquals("confidential", client.get("client_type").asText());
        assertEquals("client_secret_post", client.get("token_endpoint_auth_method").asText());
        assertTrue(client.get("is_active").asBoolean());
        assertTrue(Reply.texts(client.get("grant_types")).containsAll(java.util.List.of("client_credentials", "authorization_code", "refresh_token")));
        assertTrue(client.get("scopes").asText().contains("profile") && client.get("scopes").asText().contains("email"));
        assertEquals(200, clientCredentials(clientId, secret).status(), "the new client works in Keycloak");

        Reply list = send("GET", "/admin/clients?max=100", admin, null);
        assertEquals(200, list.status(), list.toString());
        assertTrue(list.json().toString().contains(clientId));
        assertFalse(list.json().toString().contains(secret), "the secret is never shown again");
        Reply got = send("GET", "/admin/clients/" + clientId, admin, null);
        assertEquals("Billing", got.json().get("client_name").asText());
        assertFalse(got.json().has("client_secret"));
        assertEquals(Map.of("name", "Billing"), Map.of("name", lanyard.admin().client(realm, clientId).get("name").asText()),
                "a Keycloak client the admin console shows");

        Reply renamed = send("PUT", "/admin/clients/" + clientId, admin, "{\"client_name\": \"Billing v2\"}");
        assertEquals(200, renamed.status(), renamed.toString());
        assertEquals("Billing v2", renamed.json().get("client_name").asText());
        assertEquals(client.get("redirect_uris"), renamed.json().get("redirect_uris"), "fields left out keep their values");

        Reply off = send("PUT", "/admin/clients/" + clientId, admin, "{\"is_active\": false}");
        assertFalse(off.json().get("is_active").asBoolean());
        assertNotEquals(200, clientCredentials(clientId, secret).status(), "a deactivated client gets no tokens");

        Reply builtIn = send("PUT", "/admin/clients/realm-management", admin, "{\"is_active\": false}");
        assertEquals(403, builtIn.status(), "Keycloak's own clients stay the admin console's: " + builtIn);

        JsonNode events = lanyard.admin().getJson("/" + realm + "/admin-events?resourceTypes=CLIENT");
        assertTrue(events.size() >= 3, "create and two updates are admin events: " + events);
    }

    @Test
    void aPublicClientGetsNoSecret() {
        Reply created = send("POST", "/admin/clients", bearer(user("manage-clients")), """
                {"client_name": "SPA", "client_type": "public", "grant_types": ["authorization_code"],
                 "redirect_uris": ["https://spa.example/cb"], "token_endpoint_auth_method": "none"}""");
        assertEquals(201, created.status(), created.toString());
        assertFalse(created.json().has("client_secret"), created.toString());
        assertEquals("none", created.json().get("token_endpoint_auth_method").asText());
        assertTrue(lanyard.admin().client(realm, created.json().get("client_id").asText()).get("publicClient").asBoolean());
    }

    @Test
    void badMetadataIs400WithRfc7591CodesAndWritesNothing() {
        String admin = bearer(user("manage-clients", "view-clients"));
        int before = lanyard.admin().getJson("/" + realm + "/clients").size();
        Map<String, String> mistakes = Map.of(
                "{\"grant_types\": [\"magic\"], \"redirect_uris\": [\"https://a.example/cb\"]}", "invalid_client_metadata",
                "{\"redirect_uris\": [\"http://evil.example/cb\"]}", "invalid_redirect_uri",
                "{\"redirect_uris\": [\"https://a.example/*\"]}", "invalid_redirect_uri",
                "{\"redirect_uris\": [\"https://a.example/cb#x\"]}", "invalid_redirect_uri",
                "{\"redirect_uris\": [\"https://a.example/cb\"], \"scopes\": \"openid no-such-scope\"}", "invalid_client_metadata",
                "{\"redirect_uris\": \"https://a.example/cb\"}", "invalid_client_metadata",
                "{\"redirect_uris\": [\"https://a.example/cb\"], \"client_type\": \"public\", \"grant_types\": [\"client_credentials\"]}", "invalid_client_metadata",
                "{\"redirect_uris\": [\"https://a.example/cb\"], \"token_endpoint_auth_method\": \"magic\"}", "invalid_client_metadata");
        mistakes.forEach((body, error) -> {
            Reply reply = send("POST", "/admin/clients", admin, body);
            assertEquals(400, reply.status(), body + ": " + reply);
            assertEquals(error, reply.json().get("error").asText(), body);
        });
        assertEquals(before, lanyard.admin().getJson("/" + realm + "/clients").size(), "nothing written");
    }

    @Test
    void valuesLongerThanKeycloaksColumnsAre400NamingTheFieldAndWriteNothing() {
        String admin = bearer(user("manage-clients", "view-clients"));
        Reply created = send("POST", "/admin/clients", admin, "{\"client_name\": \"Sized\", \"redirect_uris\": [\"https://a.example/cb\"]}");
        assertEquals(201, created.status(), created.toString());
        String clientId = created.json().get("client_id").asText();
        List<String> before = clientSummaries();

        String longName = "n".repeat(256);
        String longUri = "https://a.example/" + "x".repeat(256 - "https://a.example/".length());
        Map<String, String> mistakes = Map.of(
                "{\"client_name\": \"" + longName + "\", \"redirect_uris\": [\"https://a.example/cb\"]}", "client_name",
                "{\"redirect_uris\": [\"https://a.example/cb\", \"" + longUri + "\"]}", "redirect_uris");
        mistakes.forEach((body, field) -> {
            for (String[] route : new String[][]{{"POST", "/admin/clients"}, {"PUT", "/admin/clients/" + clientId}}) {
                Reply reply = send(route[0], route[1], admin, body);
                assertEquals(400, reply.status(), route[0] + " " + field + ": " + reply);
                assertEquals("invalid_client_metadata", reply.json().get("error").asText(), reply.toString());
                assertTrue(reply.json().get("error_description").asText().contains(field), reply.toString());
            }
        });
        assertEquals(before, clientSummaries(), "nothing written");

        String fullName = "n".repeat(255);
        String fullUri = longUri.substring(0, 255);
        Reply fits = send("PUT", "/admin/clients/" + clientId, admin,
                "{\"client_name\": \"" + fullName + "\", \"redirect_uris\": [\"" + fullUri + "\"]}");
        assertEquals(200, fits.status(), "255 characters fit: " + fits);
        assertEquals(fullName, lanyard.admin().client(realm, clientId).get("name").asText());
    }

    @Test
    void callerMatrix() {
        String path = "/admin/clients";
        Reply nothing = send("GET", path, null, null);
        assertEquals(401, nothing.status(), "nothing: " + nothing);
        assertEquals("invalid_session", nothing.json().path("error").asText(), "neither cookie nor token: " + nothing);
        assertEquals(403, send("GET", path, bearer(user()), null).status(), "a user token");
        String viewer = bearer(user("view-clients"));
        assertEquals(200, send("GET", path, viewer, null).status(), "view-clients reads");
        assertEquals(400, send("GET", path + "?max=101", viewer, null).status(), "a page holds at most 100");
        assertEquals(403, send("POST", path, viewer, "{\"redirect_uris\": [\"https://a.example/cb\"]}").status(), "but does not write");
        assertEquals(403, send("POST", "/admin/users", viewer, "{\"email\": \"x@example.com\", \"password\": \"" + PASSWORD + "\"}").status());

        Reply robot = lanyard.browser().postForm(lanyard.realm(realm, "/protocol/openid-connect/token"), Map.of(
                "grant_type", "client_credentials", "client_id", "robot", "client_secret", "robot-secret"));
        assertEquals(403, send("GET", path, robot.json().get("access_token").asText(), null).status(), "a client token");
        Reply forged = send("GET", path, "not-a-token", null);
        assertEquals(401, forged.status(), "a forged token: " + forged);
        assertEquals("invalid_token", forged.json().path("error").asText(), forged.toString());

        String email = user("manage-clients", "view-clients");
        Browser session = lanyard.browser();
        assertEquals(200, session.postJson(api("/public/login"), "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}").status());
        assertEquals(200, session.get(api(path)).status(), "an admin session reads");
        String body = "{\"redirect_uris\": [\"https://a.example/cb\"]}";
        assertEquals(403, session.postJson(api(path), body, "Origin", "https://evil.example").status(), "writes only from a trusted origin");
        assertEquals(201, session.postJson(api(path), body, "Origin", origin()).status(), "an admin session writes");
    }

    @Test
    void usersWithARoleAndTheRulesOfPassword409AndUnknownRoles() {
        String admin = bearer(user("manage-users", "view-users"));
        String email = "new-" + UUID.randomUUID() + "@example.com";
        Reply created = send("POST", "/admin/users", admin,
                "{\"email\": \"" + email + "\", \"password\": \"" + PASSWORD + "\", \"username\": \"u-" + email.hashCode() + "\", \"role\": \"editor\"}");
        assertEquals(201, created.status(), created.toString());
        assertEquals(email, created.json().get("email").asText());
        assertEquals("editor", created.json().get("role").asText());
        assertTrue(created.json().get("createdAt").asText().contains("T"));
        String id = created.json().get("id").asText();
        assertTrue(lanyard.admin().getJson("/" + realm + "/users/" + id + "/role-mappings/realm").toString().contains("editor"));
        Reply login = lanyard.browser().postJson(api("/public/login"), "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(200, login.status(), "the password works: " + login);

        assertEquals(409, send("POST", "/admin/users", admin, "{\"email\": \"" + email + "\", \"password\": \"" + PASSWORD + "\"}").status());
        Reply weak = send("POST", "/admin/users", admin, "{\"email\": \"w-" + email + "\", \"password\": \"short\"}");
        assertEquals(400, weak.status(), weak.toString());
        Reply unknownRole = send("POST", "/admin/users", admin,
                "{\"email\": \"r-" + email + "\", \"password\": \"" + PASSWORD + "\", \"role\": \"no-such-role\"}");
        assertEquals(400, unknownRole.status(), unknownRole.toString());
        assertTrue(lanyard.admin().userId(realm, "r-" + email).isEmpty(), "nothing written");
        Reply realmAdmin = send("POST", "/admin/users", admin,
                "{\"email\": \"a-" + email + "\", \"password\": \"" + PASSWORD + "\", \"role\": \"admin\"}");
        assertEquals(400, realmAdmin.status(), "not a realm role of this realm: " + realmAdmin);
        assertTrue(lanyard.admin().getJson("/" + realm + "/admin-events?resourceTypes=USER").size() >= 1);
    }

    @Test
    void registrationGrantsOnlyRolesTheRealmOffers() {
        String email = "self-" + UUID.randomUUID() + "@example.com";
        Reply offered = lanyard.browser().postJson(api("/public/register"),
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"name\":\"Self Service\",\"role\":\"reader\"}");
        assertEquals(201, offered.status(), offered.toString());
        String id = lanyard.admin().userId(realm, email).orElseThrow();
        assertTrue(lanyard.admin().getJson("/" + realm + "/users/" + id + "/role-mappings/realm").toString().contains("reader"));

        String other = "self2-" + UUID.randomUUID() + "@example.com";
        Reply refused = lanyard.browser().postJson(api("/public/register"),
                "{\"email\":\"" + other + "\",\"password\":\"" + PASSWORD + "\",\"name\":\"Self Service\",\"role\":\"editor\"}");
        assertEquals(400, refused.status(), refused.toString());
        assertTrue(lanyard.admin().userId(realm, other).isEmpty(), "no account made");
    }

    /** A new user holding the named realm-management roles; its email. */
    private String user(String... managementRoles) {
        String email = "admin-" + UUID.randomUUID() + "@example.com";
        String id = lanyard.admin().createUserWithPassword(realm, email, PASSWORD);
        if (managementRoles.length > 0) {
            lanyard.admin().grantRealmManagement(realm, id, managementRoles);
        }
        return email;
    }

    private String bearer(String email) {
        Reply token = lanyard.browser().postForm(lanyard.realm(realm, "/protocol/openid-connect/token"), Map.of(
                "grant_type", "password", "client_id", "console", "username", email, "password", PASSWORD));
        assertEquals(200, token.status(), token.toString());
        return token.json().get("access_token").asText();
    }

    private Reply clientCredentials(String clientId, String secret) {
        return lanyard.browser().postForm(lanyard.realm(realm, "/protocol/openid-connect/token"), Map.of(
                "grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    private Reply send(String method, String path, String token, String json) {
        return token == null
                ? lanyard.browser().send(method, api(path), json == null ? null : "application/json", json)
                : lanyard.browser().send(method, api(path), json == null ? null : "application/json", json, "Authorization", "Bearer " + token);
    }

    private URI api(String path) {
        return lanyard.realm(realm, "/api" + path);
    }

    private String origin() {
        return lanyard.origin();
    }

    /** Each client of the realm as id, name and redirect URIs (Keycloak's own order of other fields varies by version). */
    private List<String> clientSummaries() {
        List<String> summaries = new ArrayList<>();
        lanyard.admin().getJson("/" + realm + "/clients").forEach(client -> summaries.add(client.path("clientId").asText() + " "
                + client.path("name").asText() + " " + client.path("redirectUris")));
        summaries.sort(null);
        return summaries;
    }
}
