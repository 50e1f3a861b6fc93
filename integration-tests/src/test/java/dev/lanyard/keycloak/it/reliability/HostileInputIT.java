package dev.lanyard.keycloak.it.reliability;

import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Lanyard route, every method, under hostile input (malformed, truncated and wrongly typed JSON, broken form
 * escapes, duplicate fields, NUL and unpaired surrogates, overlong strings, 1 MiB bodies, header injection,
 * open-redirect URIs, path traversal in path parameters), without credentials, with a user's session and with an
 * admin's token. The bar: no 5xx, and nothing written (the realm's users and clients are counted before and after).
 */
@ExtendWith(LanyardExtension.class)
class HostileInputIT {

    private static final String PASSWORD = "Correct-Horse-9";
    private static final String SETTINGS = """
            , "organizationsEnabled": true, "clients": [
              {"clientId": "app", "publicClient": true, "standardFlowEnabled": true, "directAccessGrantsEnabled": true,
               "redirectUris": ["http://localhost:3000/*"], "attributes": {"lanyard.platform.scope": "GLOBAL"}},
              {"clientId": "console", "publicClient": true, "standardFlowEnabled": false, "directAccessGrantsEnabled": true}]""";

    /** Every route: method and path under {@code {api}}; {u} and {c} are filled with real and hostile values. */
    private static final List<String[]> ROUTES = List.of(
            r("GET", ""), r("POST", ""),
            r("POST", "/public/register"), r("POST", "/public/login"), r("GET", "/public/session"), r("POST", "/public/logout"),
            r("POST", "/public/request-magic-link"), r("GET", "/public/magic-link"), r("POST", "/public/magic-link"),
            r("POST", "/public/magic-link/renew"), r("PUT", "/public/pin"), r("DELETE", "/public/pin"),
            r("POST", "/public/verify-pin"), r("POST", "/public/verify-pin/form"),
            r("GET", "/auth/{c}/login"), r("GET", "/auth/{c}/callback"), r("GET", "/auth/{c}/complete"),
            r("GET", "/users/{u}/apps/{c}/permissions"), r("PUT", "/users/{u}/apps/{c}/permissions"),
            r("DELETE", "/users/{u}/apps/{c}/permissions"), r("POST", "/users/{u}/apps/{c}/request-access"),
            r("PUT", "/admin/users/{u}/apps/{c}/permissions"), r("DELETE", "/admin/users/{u}/apps/{c}/permissions"),
            r("GET", "/admin/apps/{c}/permissions"), r("GET", "/admin/clients"), r("POST", "/admin/clients"),
            r("GET", "/admin/clients/{c}"), r("PUT", "/admin/clients/{c}"), r("POST", "/admin/users"),
            r("GET", "/oauth/authorize"), r("POST", "/oauth/authorize"), r("POST", "/oauth/token"), r("GET", "/oauth/userinfo"),
            r("POST", "/oauth/userinfo"), r("POST", "/oauth/revoke"), r("POST", "/oauth/introspect"), r("GET", "/oauth/scopes"),
            r("GET", "/oauth/consent"), r("POST", "/oauth/consent"), r("POST", "/oauth/login"), r("GET", "/sso/validate"),
            r("GET", "/v1/platform/.well-known/jwks.json"), r("GET", "/v1/platform/oauth/.well-known/openid-configuration"),
            r("GET", "/v1/platform/oauth/authorize"), r("POST", "/v1/platform/oauth/token"),
            r("POST", "/v1/platform/oauth/device/authorize"), r("GET", "/v1/platform/oauth/device/verify"),
            r("POST", "/v1/platform/oauth/device/verify"), r("GET", "/v1/platform/oauth/logout"),
            r("GET", "/v1/platform/oauth/userinfo"), r("POST", "/v1/platform/oauth/userinfo"),
            r("GET", "/v1/auth/tenants/{c}/oauth/authorize"), r("GET", "/v1/auth/tenants/{c}/oauth/logout"));

    private static final String EVIL = "https://evil.example/cb";
    private static final String FIELDS = "\"email\",\"password\",\"name\",\"username\",\"redirect_uri\",\"redirect\",\"client_id\","
            + "\"pin\",\"pin_token\",\"token\",\"role\",\"status\",\"grant_type\",\"code\",\"scope\",\"state\",\"user_code\","
            + "\"decision\",\"client_name\",\"grant_types\",\"redirect_uris\",\"resource\",\"is_active\"";

    /** Content type and body of each hostile payload. */
    private static final List<String[]> BODIES = List.of(
            b(null, null),
            b("application/json", ""),
            b("application/json", "{\"email\":"),
            b("application/json", "{\"email\":\"a@b.c\",\"password\":\"x\""),
            b("application/json", "[]"),
            b("application/json", "\"text\""),
            b("application/json", "null"),
            b("application/json", fields("7")),
            b("application/json", fields("[1,2]")),
            b("application/json", fields("{\"a\":{\"b\":[]}}")),
            b("application/json", fields("true")),
            b("application/json", fields("\"\\u0000\"")),
            b("application/json", fields("\"\\ud800\"")),
            b("application/json", fields("\"" + "x".repeat(20_000) + "\"")),
            b("application/json", fields("\"" + EVIL + "\"")),
            b("application/json", fields("\"//evil.example\"")),
            b("application/json", fields("\"javascript:alert(1)\"")),
            b("application/json", fields("\"https://a.example/\\r\\nSet-Cookie: x=1\"")),
            b("application/json", "{\"email\":\"a@b.c\",\"email\":\"d@e.f\",\"password\":\"x\",\"password\":\"y\"}"),
            b("application/json", "{\"client_id\":\"app\",\"redirect_uri\":\"http://localhost:3000/cb\",\"response_type\":\"code\","
                    + "\"scope\":\"openid\",\"state\":\"s\",\"response_mode\":\"form_post\",\"decision\":\"approve\"}"),
            b("application/json", "{\"x\":\"" + "y".repeat(1024 * 1024) + "\"}"),
            b("application/x-www-form-urlencoded", "email=%zz&password=%E0%A4%A"),
            b("application/x-www-form-urlencoded", "grant_type=a&grant_type=b&client_id=app&client_id=console&token=x&token=y"),
            b("application/x-www-form-urlencoded", "redirect_uri=" + EVIL + "&client_id=app&email=%00&token=%00"),
            b("application/x-www-form-urlencoded; charset=nope", "a=b"),
            b("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n"),
            b("text/plain", "email=a"),
            b("application/xml", "<a/>"));

    private static final List<String> QUERIES = List.of("",
            "?client_id=app&redirect_uri=" + enc(EVIL) + "&response_type=code&scope=openid&state=%00",
            "?client_id=%C3%28&redirect_uri=%ED%A0%80&user_code=" + "A".repeat(5000) + "&token=%00",
            "?client_id=app&client_id=console&max=-1&first=x&status=%0d%0a&post_logout_redirect_uri=" + enc("//evil.example"),
            "?id_token_hint=a.b.c&login_hint=" + enc("\u0000@\ud800"));

    private static final List<String> PATH_VALUES = List.of("..%2F..%2Fadmin", "%00", "x".repeat(600), "%C3%28", "..");

    @Test
    void noRouteAnswers5xxAndNothingIsWritten(Lanyard lanyard) {
        String realm = lanyard.newRealm("hostile", SETTINGS);
        String email = "h-" + UUID.randomUUID() + "@example.com";
        String userId = lanyard.admin().createUserWithPassword(realm, email, PASSWORD);
        Browser session = lanyard.browser();
        assertEquals(200, session.postJson(lanyard.realm(realm, "/api/public/login"),
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}").status());
        lanyard.admin().grantRealmManagement(realm, userId, "manage-users", "manage-clients", "view-clients");
        String adminToken = lanyard.browser().postForm(lanyard.realm(realm, "/protocol/openid-connect/token"), Map.of(
                "grant_type", "password", "client_id", "console", "username", email, "password", PASSWORD))
                .json().get("access_token").asText();
        String origin = lanyard.origin();

        int users = count(lanyard, realm, "/users?max=1000");
        int clients = count(lanyard, realm, "/clients?max=1000");
        int tried = 0;
        List<String> failures = new ArrayList<>();
        for (String[] route : ROUTES) {
            boolean get = route[0].equals("GET");
            List<String> paths = paths(route[1], userId);
            for (int p = 0; p < paths.size(); p++) {
                // The real path gets every query and body; the hostile path values one of each.
                boolean real = p == 0;
                List<String> queries = get ? (real ? QUERIES : QUERIES.subList(0, 1)) : (real ? List.of("", QUERIES.get(1)) : List.of(""));
                List<String[]> bodies = get ? List.<String[]>of(b(null, null)) : (real ? BODIES : List.<String[]>of(BODIES.get(7)));
                for (String query : queries) {
                    for (String[] body : bodies) {
                        boolean huge = body[1] != null && body[1].length() > 100_000;
                        for (int caller = 0; caller < (huge ? 1 : 3); caller++) {
                            if (caller == 1 && route[1].endsWith("logout")) {
                                continue; // signing out is what these do for a session; the others must keep it
                            }
                            URI uri = URI.create(lanyard.realm(realm, "/api" + paths.get(p)) + query);
                            Browser browser = caller == 1 ? session : lanyard.browser();
                            String[] headers = caller == 0 ? new String[0]
                                    : caller == 1 ? new String[]{"Origin", origin}
                                    : new String[]{"Authorization", "Bearer " + adminToken, "Origin", origin};
                            Reply reply = browser.send(route[0], uri, body[0], body[1], headers);
                            tried++;
                            if (reply.status() >= 500) {
                                failures.add(route[0] + " " + paths.get(p) + query + " [" + body[0] + ": "
                                        + (body[1] == null ? "" : body[1].substring(0, Math.min(60, body[1].length())))
                                        + "] caller " + caller + " → " + reply.status() + " "
                                        + reply.body().substring(0, Math.min(200, reply.body().length())));
                            }
                        }
                    }
                }
            }
        }
        int usersAfter = count(lanyard, realm, "/users?max=1000");
        int clientsAfter = count(lanyard, realm, "/clients?max=1000");
        System.out.printf("hostile input: %d requests tried, 5xx seen: %d, users %d → %d, clients %d → %d%n",
                tried, failures.size(), users, usersAfter, clients, clientsAfter);
        failures.stream().limit(40).forEach(System.out::println);
        assertTrue(failures.isEmpty(), failures.size() + " answers were 5xx, e.g. " + failures.stream().limit(10).toList());
        assertEquals(users, usersAfter, "no account was made");
        assertEquals(clients, clientsAfter, "no client was made");
        assertEquals(200, session.get(lanyard.realm(realm, "/api/public/session")).status(), "the session survives it all");
    }

    private static List<String> paths(String template, String userId) {
        if (!template.contains("{")) {
            return List.of(template);
        }
        List<String> paths = new ArrayList<>();
        paths.add(template.replace("{u}", userId).replace("{c}", "app"));
        for (String hostile : PATH_VALUES) {
            paths.add(template.replace("{u}", hostile).replace("{c}", hostile));
        }
        return paths;
    }

    private static int count(Lanyard lanyard, String realm, String path) {
        return lanyard.admin().getJson("/" + realm + path).size();
    }

    private static String fields(String value) {
        StringBuilder json = new StringBuilder("{");
        for (String field : FIELDS.split(",")) {
            json.append(json.length() > 1 ? "," : "").append(field).append(':').append(value);
        }
        return json.append('}').toString();
    }

    private static String[] r(String method, String path) {
        return new String[]{method, path};
    }

    private static String[] b(String type, String body) {
        return new String[]{type, body};
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
