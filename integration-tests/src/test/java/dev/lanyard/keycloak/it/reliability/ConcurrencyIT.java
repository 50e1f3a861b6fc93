package dev.lanyard.keycloak.it.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 100 parallel double-submits of one single-use thing each: a magic link, a {@code pin_token}, a request for
 * access and a device approval. Exactly one succeeds, nothing is written twice, no 5xx. Each test prints its figures.
 */
@ExtendWith(LanyardExtension.class)
class ConcurrencyIT {

    private static final int N = 100;
    private static final String PASSWORD = "Correct-Horse-9";
    private static final Pattern LINK = Pattern.compile("http://\\S+/api/public/magic-link\\?\\S+");
    private static final String SETTINGS = """
            , "clients": [
              {"clientId": "app", "publicClient": true, "standardFlowEnabled": true, "directAccessGrantsEnabled": true,
               "redirectUris": ["http://localhost:3000/*"]},
              {"clientId": "tv", "publicClient": true, "standardFlowEnabled": false,
               "attributes": {"oauth2.device.authorization.grant.enabled": "true"}},
              {"clientId": "console", "publicClient": true, "standardFlowEnabled": false, "directAccessGrantsEnabled": true}]""";

    private Lanyard lanyard;
    private String realm;

    @BeforeEach
    void setUp(Lanyard lanyard) {
        this.lanyard = lanyard;
        this.realm = lanyard.newRealm("parallel", SETTINGS);
    }

    @Test
    void oneMagicLinkSignsInOnce() throws Exception {
        String email = user();
        Reply requested = lanyard.browser().postJson(api("/public/request-magic-link"),
                "{\"email\":\"" + email + "\",\"redirect_uri\":\"http://localhost:3000/cb\",\"client_id\":\"app\"}");
        assertEquals(202, requested.status(), requested.toString());
        Matcher link = LINK.matcher(Lanyard.mailText(lanyard.awaitMail(email)));
        assertTrue(link.find());
        URI uri = URI.create(link.group());
        String token = Jsoup.parse(lanyard.browser().get(uri).body()).select("input[name=token]").val();

        Map<Integer, Integer> counts = Parallel.statuses(N, i -> lanyard.browser().postForm(uri, Map.of("token", token)));
        report("magic link", counts);
        assertEquals(1, counts.getOrDefault(303, 0), "one sign-in: " + counts);
        assertEquals(0, Parallel.serverErrors(counts), counts.toString());
        String userId = lanyard.admin().userId(realm, email).orElseThrow();
        assertEquals(1, lanyard.admin().getJson("/" + realm + "/users/" + userId + "/sessions").size(), "one session");
    }

    @Test
    void onePinTokenVerifiesOnce() throws Exception {
        String email = user();
        Browser owner = signedIn(email);
        assertEquals(204, owner.send("PUT", api("/public/pin"), "application/json",
                "{\"pin\":\"4826\",\"password\":\"" + PASSWORD + "\"}", "Origin", origin()).status());
        Reply login = lanyard.browser().postJson(api("/public/login"), credentials(email));
        String pinToken = login.json().get("pin_token").asText();

        Map<Integer, Integer> counts = Parallel.statuses(N, i -> lanyard.browser().postJson(api("/public/verify-pin"),
                "{\"pin_token\":\"" + pinToken + "\",\"pin\":\"4826\"}"));
        report("pin_token", counts);
        assertEquals(1, counts.getOrDefault(200, 0), "one sign-in: " + counts);
        assertEquals(0, Parallel.serverErrors(counts), counts.toString());
    }

    @Test
    void oneRequestForAccessMakesOneRecord() throws Exception {
        String email = user();
        String userId = lanyard.admin().userId(realm, email).orElseThrow();
        String token = token("app", email);
        Map<Integer, Integer> counts = Parallel.statuses(N, i -> lanyard.browser().postJson(
                api("/users/" + userId + "/apps/app/request-access"), "{\"email\":\"" + email + "\",\"name\":\"Par Allel\"}",
                "Authorization", "Bearer " + token));
        report("request-access", counts);
        assertEquals(0, Parallel.serverErrors(counts), counts.toString());
        assertEquals(N, counts.getOrDefault(202, 0) + counts.getOrDefault(200, 0), "each answered with the record: " + counts);

        String admin = user();
        String adminId = lanyard.admin().userId(realm, admin).orElseThrow();
        lanyard.admin().grantRealmManagement(realm, adminId, "manage-users");
        JsonNode records = lanyard.browser().get(api("/admin/apps/app/permissions?max=100"), "Authorization", "Bearer " + token("console", admin)).json();
        long mine = 0;
        for (JsonNode record : records.path("permissions")) {
            mine += userId.equals(record.path("user_id").asText()) ? 1 : 0;
        }
        System.out.printf("request-access: %d records for the user (duplicates: %d)%n", mine, Math.max(0, mine - 1));
        assertEquals(1, mine, "no duplicate rows: " + records);
    }

    @Test
    void oneDeviceCodeIsApprovedOnce() throws Exception {
        Reply device = lanyard.browser().postForm(api("/v1/platform/oauth/device/authorize"), Map.of("client_id", "tv"));
        assertEquals(200, device.status(), device.toString());
        String userCode = device.json().get("user_code").asText();
        Browser browser = signedIn(user());
        Map<Integer, Integer> counts = Parallel.statuses(N, i -> browser.postJson(api("/v1/platform/oauth/device/verify"),
                "{\"user_code\":\"" + userCode + "\",\"decision\":\"" + (i % 2 == 0 ? "approve" : "deny") + "\"}",
                "Origin", origin()));
        report("device decision", counts);
        assertEquals(1, counts.getOrDefault(200, 0), "one decision: " + counts);
        assertEquals(0, Parallel.serverErrors(counts), counts.toString());
    }

    private static void report(String what, Map<Integer, Integer> counts) {
        System.out.printf("%s: %d parallel requests, answers by status %s, 5xx seen: %d%n", what, N, counts, Parallel.serverErrors(counts));
    }

    private String user() {
        String email = "par-" + UUID.randomUUID() + "@example.com";
        lanyard.admin().createUserWithPassword(realm, email, PASSWORD);
        return email;
    }

    private Browser signedIn(String email) {
        Browser browser = lanyard.browser();
        assertEquals(200, browser.postJson(api("/public/login"), credentials(email)).status());
        return browser;
    }

    private String token(String clientId, String email) {
        Reply reply = lanyard.browser().postForm(lanyard.realm(realm, "/protocol/openid-connect/token"), Map.of(
                "grant_type", "password", "client_id", clientId, "username", email, "password", PASSWORD));
        assertEquals(200, reply.status(), reply.toString());
        return reply.json().get("access_token").asText();
    }

    private static String credentials(String email) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
    }

    private URI api(String path) {
        return lanyard.realm(realm, "/api" + path);
    }

    private String origin() {
        return lanyard.origin();
    }
}
