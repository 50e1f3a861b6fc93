package dev.lanyard.keycloak.it.reliability;

import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.KeycloakCluster;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two Keycloak nodes (A, B) on one PostgreSQL, clustered by Keycloak's Infinispan: Lanyard keeps no state in the
 * JVM, so whatever one node starts the other finishes, counters add up across both, and a node killed mid-load
 * loses no acknowledged write. Runs where {@code lanyard.cluster.db.url} names an empty database ({@code .ci/run}).
 */
@ExtendWith(LanyardExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String PASSWORD = "Correct-Horse-9";
    private static final Pattern LINK = Pattern.compile("http://\\S+/api/public/magic-link\\?\\S+");
    private static final String SETTINGS = """
            , "failureFactor": 3, "attributes": {"lanyard.register.maxPerEmail": "2"}, "clients": [
              {"clientId": "app", "publicClient": true, "standardFlowEnabled": true, "directAccessGrantsEnabled": true,
               "redirectUris": ["http://localhost:3000/*"]}]""";

    private static KeycloakCluster cluster;
    private static Lanyard a;
    private static Lanyard b;
    private static String realm;

    @BeforeAll
    static void startCluster(Lanyard lanyard) throws Exception {
        assumeTrue(KeycloakCluster.databaseUrl().isPresent(), "no cluster database (lanyard.cluster.db.url): .ci/run sets one");
        cluster = KeycloakCluster.start(2, lanyard.mail().getSmtp().getPort());
        a = lanyard.at(cluster.node(0));
        b = lanyard.at(cluster.node(1));
        realm = a.newRealm("cluster", SETTINGS);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aSessionMadeOnAIsValidOnBAndLogoutOnBEndsItOnA() {
        String email = user();
        Browser browser = a.browser();
        assertEquals(200, browser.postJson(api(a, "/public/login"), credentials(email, PASSWORD)).status());
        assertEquals(200, browser.get(api(b, "/public/session")).status(), "B knows A's session");
        String cookie = browser.cookie("public-session").orElseThrow();
        // The nodes share one hostname (A's URL here, a load balancer's in production): that is their own origin.
        assertEquals(204, browser.send("POST", api(b, "/public/logout"), null, null, "Origin", origin(a)).status());
        Reply replayed = a.browser().get(api(a, "/public/session"), "Cookie", "public-session=" + cookie);
        assertEquals(401, replayed.status(), "the session ended on A too, even for its old cookie: " + replayed);
    }

    @Test
    @Order(2)
    void aMagicLinkRequestedOnAIsConsumedOnBOnceAcrossBoth() throws Exception {
        String email = user();
        assertEquals(202, a.browser().postJson(api(a, "/public/request-magic-link"),
                "{\"email\":\"" + email + "\",\"redirect_uri\":\"http://localhost:3000/cb\",\"client_id\":\"app\"}").status());
        Matcher link = LINK.matcher(Lanyard.mailText(a.awaitMail(email)));
        assertTrue(link.find());
        URI onA = URI.create(link.group());
        URI onB = URI.create(onA.toString().replace(cluster.node(0).toString(), cluster.node(1).toString()));
        String token = Jsoup.parse(b.browser().get(onB).body()).select("input[name=token]").val();
        assertEquals(303, b.browser().postForm(onB, Map.of("token", token)).status(), "consumed on B");
        assertEquals(400, a.browser().postForm(onA, Map.of("token", token)).status(), "and never again on A");
    }

    @Test
    @Order(3)
    void aPinTokenOfAVerifiesOnBAndWrongPinsOnBothAddUp() {
        String email = user();
        Browser owner = a.browser();
        assertEquals(200, owner.postJson(api(a, "/public/login"), credentials(email, PASSWORD)).status());
        assertEquals(204, owner.send("PUT", api(a, "/public/pin"), "application/json",
                "{\"pin\":\"4826\",\"password\":\"" + PASSWORD + "\"}", "Origin", origin(a)).status());

        String first = pinToken(email);
        assertEquals(200, a.browser().postJson(api(b, "/public/verify-pin"), pin(first, "4826")).status(), "A's token on B");

        String second = pinToken(email);
        assertEquals(401, a.browser().postJson(api(a, "/public/verify-pin"), pin(second, "1111")).status());
        assertEquals(401, a.browser().postJson(api(b, "/public/verify-pin"), pin(second, "2222")).status());
        assertEquals(401, a.browser().postJson(api(a, "/public/verify-pin"), pin(second, "3333")).status());
        Reply spent = a.browser().postJson(api(b, "/public/verify-pin"), pin(second, "4826"));
        assertEquals(400, spent.status(), "three wrong PINs across A and B spent the token: " + spent);
    }

    @Test
    @Order(4)
    void aPermissionWrittenOnAReadsTheSameOnBAtOnce() {
        String email = user();
        String userId = a.admin().userId(realm, email).orElseThrow();
        String token = token(a, email);
        Reply written = a.browser().postJson(api(a, "/users/" + userId + "/apps/app/request-access"),
                "{\"email\":\"" + email + "\",\"name\":\"Clus Ter\"}", "Authorization", "Bearer " + token);
        assertEquals(202, written.status(), written.toString());
        Reply read = b.browser().get(api(b, "/users/" + userId + "/apps/app/permissions"), "Authorization", "Bearer " + token);
        assertEquals(200, read.status(), read.toString());
        assertEquals(written.json(), read.json());
    }

    @Test
    @Order(5)
    void bruteForceAndRateLimitCountersAddUpAcrossNodes() {
        String email = user();
        String userId = a.admin().userId(realm, email).orElseThrow();
        a.browser().postJson(api(a, "/public/login"), credentials(email, "Wrong-Password-1"));
        a.browser().postJson(api(b, "/public/login"), credentials(email, "Wrong-Password-1"));
        a.browser().postJson(api(a, "/public/login"), credentials(email, "Wrong-Password-1"));
        a.admin().awaitLocked(realm, userId);
        assertEquals(401, a.browser().postJson(api(b, "/public/login"), credentials(email, PASSWORD)).status(), "locked on B too");

        String fresh = "rl-" + UUID.randomUUID() + "@example.com";
        String body = "{\"email\":\"" + fresh + "\",\"password\":\"" + PASSWORD + "\",\"name\":\"Rate Limit\"}";
        List<Integer> statuses = new ArrayList<>();
        for (Lanyard node : List.of(a, b, a)) {
            statuses.add(node.browser().postJson(api(node, "/public/register"), body).status());
        }
        assertEquals(429, statuses.get(2), "two attempts per email, wherever they land: " + statuses);
    }

    @Test
    @Order(6)
    void aNodeKilledMidLoadLosesNoAcknowledgedWrite() throws Exception {
        List<String> emails = new ArrayList<>();
        List<String> users = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String email = user();
            emails.add(email);
            users.add(a.admin().userId(realm, email).orElseThrow());
            tokens.add(token(a, email));
        }
        List<String> acknowledged = new ArrayList<>();
        int killedAt = 12;
        for (int i = 0; i < users.size(); i++) {
            if (i == killedAt) {
                cluster.kill(0);
            }
            Lanyard node = i < killedAt ? a : b;
            Reply reply = node.browser().postJson(api(node, "/users/" + users.get(i) + "/apps/app/request-access"),
                    "{\"email\":\"k" + i + "@example.com\",\"name\":\"Kill Test\"}", "Authorization", "Bearer " + tokens.get(i));
            if (reply.status() == 202) {
                acknowledged.add(users.get(i));
            }
        }
        int found = 0;
        for (String userId : acknowledged) {
            int i = users.indexOf(userId);
            Reply read = b.browser().get(api(b, "/users/" + userId + "/apps/app/permissions"), "Authorization", "Bearer " + tokens.get(i));
            found += "pending".equals(read.json().path("status").asText()) ? 1 : 0;
        }
        System.out.printf("cluster: node A killed (SIGKILL) after %d writes; %d of %d writes acknowledged, %d of them found on B%n",
                killedAt, acknowledged.size(), users.size(), found);
        assertEquals(acknowledged.size(), found, "every acknowledged write survives");
        assertEquals(users.size(), acknowledged.size(), "B kept serving every write after the kill");
        assertEquals(200, b.browser().postJson(api(b, "/public/login"), credentials(emails.get(0), PASSWORD)).status(),
                "B still signs users in");
    }

    private static String user() {
        String email = "cl-" + UUID.randomUUID() + "@example.com";
        a.admin().createUserWithPassword(realm, email, PASSWORD);
        return email;
    }

    private String pinToken(String email) {
        Reply login = a.browser().postJson(api(a, "/public/login"), credentials(email, PASSWORD));
        assertEquals(202, login.status(), login.toString());
        return login.json().get("pin_token").asText();
    }

    private static String token(Lanyard node, String email) {
        Reply reply = node.browser().postForm(node.realm(realm, "/protocol/openid-connect/token"), Map.of(
                "grant_type", "password", "client_id", "app", "username", email, "password", PASSWORD));
        assertEquals(200, reply.status(), reply.toString());
        return reply.json().get("access_token").asText();
    }

    private static String pin(String token, String pin) {
        return "{\"pin_token\":\"" + token + "\",\"pin\":\"" + pin + "\"}";
    }

    private static String credentials(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    private static URI api(Lanyard node, String path) {
        return node.realm(realm, "/api" + path);
    }

    private static String origin(Lanyard node) {
        return node.origin();
    }
}
