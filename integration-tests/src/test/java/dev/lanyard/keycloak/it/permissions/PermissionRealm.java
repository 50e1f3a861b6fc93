package dev.lanyard.keycloak.it.permissions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.Reply;

import java.net.URI;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A realm for permission tests: apps {@code app} and {@code other} (roles {@code user}, {@code admin}; service
 * accounts; optional scope {@code manage_permissions}; password grant for user tokens), users {@code alice}
 * (the subject), {@code bob} and {@code boss} (may manage users), and ways to get every kind of caller.
 */
record PermissionRealm(Lanyard lanyard, String name, String alice, String bob, String boss) {

    static final String PASSWORD = "Correct-Horse-9";
    static final String ORIGIN = "http://localhost:3000";

    private static final String APP = """
            {"clientId": "%s", "publicClient": false, "secret": "%s-secret", "standardFlowEnabled": true,
             "serviceAccountsEnabled": true, "directAccessGrantsEnabled": true, "redirectUris": ["http://localhost:3000/*"],
             "webOrigins": ["http://localhost:3000"], "attributes": {"lanyard.permission.required": "true", "lanyard.firstParty": "true"},
             "defaultClientScopes": ["roles", "profile", "email"], "optionalClientScopes": ["manage_permissions"]}""";

    static PermissionRealm create(Lanyard lanyard) {
        String realm = lanyard.newRealm("perm", """
                , "adminEventsEnabled": true, "adminEventsDetailsEnabled": true,
                "clientScopes": [
                  {"name": "manage_permissions", "protocol": "openid-connect", "attributes": {"include.in.token.scope": "true"}},
                  {"name": "roles", "protocol": "openid-connect", "attributes": {"include.in.token.scope": "false"},
                   "protocolMappers": [{"name": "client roles", "protocol": "openid-connect",
                     "protocolMapper": "oidc-usermodel-client-role-mapper",
                     "config": {"multivalued": "true", "access.token.claim": "true",
                                "claim.name": "resource_access.${client_id}.roles", "jsonType.label": "String"}}]},
                  {"name": "profile", "protocol": "openid-connect"}, {"name": "email", "protocol": "openid-connect"}],
                "clients": [%s, %s],
                "roles": {"client": {"app": [{"name": "user"}, {"name": "admin"}], "other": [{"name": "user"}]}}"""
                .formatted(APP.formatted("app", "app"), APP.formatted("other", "other")));
        PermissionRealm created = new PermissionRealm(lanyard, realm, user(lanyard, realm, "alice"), user(lanyard, realm, "bob"),
                user(lanyard, realm, "boss"));
        lanyard.admin().grantRealmManagement(realm, created.boss(), "manage-users");
        return created;
    }

    private static String user(Lanyard lanyard, String realm, String name) {
        String email = name + "-" + UUID.randomUUID() + "@example.com";
        return lanyard.admin().createUser(realm, """
                {"username": "%s", "email": "%s", "emailVerified": true, "enabled": true, "firstName": "%s", "lastName": "Test",
                 "credentials": [{"type": "password", "value": "%s", "temporary": false}]}""".formatted(email, email, name, PASSWORD));
    }

    String username(String userId) {
        return lanyard.admin().getJson("/" + name + "/users/" + userId).get("username").asText();
    }

    /** A user's own access token issued to {@code clientId}. */
    String userToken(String userId, String clientId) {
        Reply reply = lanyard.browser().postForm(lanyard.realm(name, "/protocol/openid-connect/token"), Map.of(
                "grant_type", "password", "client_id", clientId, "client_secret", clientId + "-secret",
                "username", username(userId), "password", PASSWORD, "scope", "openid"));
        assertEquals(200, reply.status(), reply.toString());
        return reply.json().get("access_token").asText();
    }

    /** The app's own (service account) token, with or without {@code manage_permissions}. */
    String clientToken(String clientId, boolean managePermissions) {
        Reply reply = lanyard.browser().postForm(lanyard.realm(name, "/protocol/openid-connect/token"), Map.of(
                "grant_type", "client_credentials", "client_id", clientId, "client_secret", clientId + "-secret",
                "scope", managePermissions ? "manage_permissions" : "profile"));
        assertEquals(200, reply.status(), reply.toString());
        return reply.json().get("access_token").asText();
    }

    /** A browser signed in through {@code public/login}. */
    Browser session(String userId) {
        Browser browser = lanyard.browser();
        Reply login = browser.postJson(api("/public/login"), "{\"username\":\"" + username(userId) + "\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(200, login.status(), login.toString());
        return browser;
    }

    URI api(String path) {
        return lanyard.realm(name, "/api" + path);
    }

    URI permissionOf(String userId, String clientId) {
        return api("/users/" + userId + "/apps/" + clientId + "/permissions");
    }

    /** The client roles the token carries for {@code clientId}, as JSON text (empty when none). */
    static String rolesIn(String token, String clientId) throws Exception {
        JsonNode claims = Reply.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        return claims.path("resource_access").path(clientId).path("roles").toString();
    }
}
