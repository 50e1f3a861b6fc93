package dev.lanyard.keycloak.it.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.BooleanSupplier;

/** Keycloak's admin REST API as the bootstrap admin of the master realm. */
public final class AdminApi {

    private final URI baseUri;
    private final Browser http = new Browser();
    private String token;
    private Instant tokenExpiry = Instant.EPOCH;

    public AdminApi(URI baseUri) {
        this.baseUri = baseUri;
    }

    /** GET {@code /admin/realms} + path. */
    public Reply get(String path) {
        return http.get(uri(path), "Authorization", "Bearer " + token());
    }

    public JsonNode getJson(String path) {
        Reply reply = get(path);
        if (reply.status() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + reply);
        }
        return reply.json();
    }

    /** {@code GET /admin/serverinfo}: what the admin console learns of the server's providers. */
    public JsonNode serverInfo() {
        Reply reply = http.get(baseUri.resolve("/admin/serverinfo"), "Authorization", "Bearer " + token());
        if (reply.status() != 200) {
            throw new IllegalStateException("GET /admin/serverinfo answered " + reply);
        }
        return reply.json();
    }

    public Reply send(String method, String path, String json) {
        return http.send(method, uri(path), json == null ? null : "application/json", json,
                "Authorization", "Bearer " + token());
    }

    /** Creates an enabled user with a verified email and returns its id. */
    public String createUser(String realm, String username, String email) {
        return createUser(realm, """
                {"username": "%s", "email": "%s", "emailVerified": true, "enabled": true, "firstName": "Test", "lastName": "User"}""".formatted(username, email));
    }

    /** Creates an enabled user (username = email, verified) who signs in with {@code password}; returns its id. */
    public String createUserWithPassword(String realm, String email, String password) {
        return createUser(realm, """
                {"username": "%s", "email": "%s", "emailVerified": true, "enabled": true, "firstName": "Test", "lastName": "User",
                 "credentials": [{"type": "password", "value": "%s", "temporary": false}]}""".formatted(email, email, password));
    }

    /** Creates a user from its JSON representation and returns its id. */
    public String createUser(String realm, String json) {
        Reply reply = send("POST", "/" + realm + "/users", json);
        if (reply.status() != 201) {
            throw new IllegalStateException("Creating user answered " + reply);
        }
        String location = reply.header("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** Maps the realm-management client roles {@code roles} (e.g. {@code manage-users}) to the user, making them a realm admin of that kind. */
    public void grantRealmManagement(String realm, String userId, String... roles) {
        String management = client(realm, "realm-management").get("id").asText();
        StringJoiner mapped = new StringJoiner(",", "[", "]");
        for (String role : roles) {
            mapped.add(getJson("/" + realm + "/clients/" + management + "/roles/" + role).toString());
        }
        must("POST", "/" + realm + "/users/" + userId + "/role-mappings/clients/" + management, mapped.toString());
    }

    /** Creates a realm from its JSON representation. */
    public void createRealm(String json) {
        Reply reply = send("POST", "", json);
        if (reply.status() != 201) {
            throw new IllegalStateException("Creating realm answered " + reply);
        }
    }

    /** PUT or POST that must succeed (2xx). */
    public Reply must(String method, String path, String json) {
        Reply reply = send(method, path, json);
        if (reply.status() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + reply);
        }
        return reply;
    }

    /** The representation of the realm's client {@code clientId}. */
    public JsonNode client(String realm, String clientId) {
        JsonNode clients = getJson("/" + realm + "/clients?clientId=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8));
        if (clients.size() != 1) {
            throw new IllegalStateException("No single client " + clientId + ": " + clients);
        }
        return clients.get(0);
    }

    /** The id of a user found by exact username, if any. */
    public Optional<String> userId(String realm, String username) {
        JsonNode users = getJson("/" + realm + "/users?exact=true&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8));
        return users.isEmpty() ? Optional.empty() : Optional.of(users.get(0).get("id").asText());
    }

    /** Waits (up to ten seconds) until Keycloak's brute-force detector has locked the user. */
    /**
     * Waits until the detector has counted {@code failures} failures of the user. Keycloak records each on a pool of
     * threads: failures sent in quick succession may be recorded at once, and one count overwrites another.
     */
    public void awaitFailures(String realm, String userId, int failures) {
        await(() -> bruteForceStatus(realm, userId).path("numFailures").asInt() >= failures,
                "The brute-force detector did not count " + failures + " failures of " + userId);
    }

    public void awaitLocked(String realm, String userId) {
        // Keycloak's detector records failures on a queue of its own: on a loaded machine that takes seconds.
        await(() -> bruteForceStatus(realm, userId).get("disabled").asBoolean(), "The brute-force detector did not lock " + userId);
    }

    private JsonNode bruteForceStatus(String realm, String userId) {
        return getJson("/" + realm + "/attack-detection/brute-force/users/" + userId);
    }

    /** Polls {@code done} for up to 30 seconds. */
    private static void await(BooleanSupplier done, String failure) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (done.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError(failure);
    }

    private URI uri(String path) {
        return baseUri.resolve("/admin/realms" + path);
    }

    private synchronized String token() {
        if (Instant.now().isAfter(tokenExpiry)) {
            Reply reply = http.postForm(baseUri.resolve("/realms/master/protocol/openid-connect/token"), Map.of(
                    "grant_type", "password",
                    "client_id", "admin-cli",
                    "username", KeycloakServer.ADMIN_USERNAME,
                    "password", KeycloakServer.ADMIN_PASSWORD));
            if (reply.status() != 200) {
                throw new IllegalStateException("Admin login failed: " + reply);
            }
            token = reply.json().get("access_token").asText();
            tokenExpiry = Instant.now().plusSeconds(reply.json().get("expires_in").asLong() / 2);
        }
        return token;
    }
}
