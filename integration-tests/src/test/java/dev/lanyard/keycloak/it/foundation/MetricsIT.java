package dev.lanyard.keycloak.it.foundation;

import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import dev.lanyard.keycloak.it.support.SoftwarePasskey;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.lanyard.keycloak.it.support.SoftwarePasskey.USER_PRESENT;
import static dev.lanyard.keycloak.it.support.SoftwarePasskey.USER_VERIFIED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Lanyard's meters on Keycloak's metrics endpoint, after real traffic of each kind. */
@ExtendWith(LanyardExtension.class)
class MetricsIT {

    private static final String PASSWORD = "Correct-Horse-9";
    private static final Pattern LINK = Pattern.compile("http://\\S+/api/public/magic-link\\?\\S+");
    private static final String SETTINGS = """
            , "clients": [
              {"clientId": "app", "publicClient": true, "standardFlowEnabled": true, "directAccessGrantsEnabled": true,
               "redirectUris": ["http://localhost:3000/*"], "attributes": {"lanyard.firstParty": "true"}},
              {"clientId": "tv", "publicClient": true, "standardFlowEnabled": false,
               "attributes": {"oauth2.device.authorization.grant.enabled": "true"}}]""";

    @Test
    void trafficOfEachKindIsCounted(Lanyard lanyard) throws Exception {
        assumeTrue(lanyard.metrics().isPresent(), "the server's management interface is not reachable");
        String realm = lanyard.newRealm("metrics", SETTINGS);
        String email = "m-" + UUID.randomUUID() + "@example.com";
        String userId = lanyard.admin().createUserWithPassword(realm, email, PASSWORD);

        // Magic link: requested, sent, consumed, then refused.
        lanyard.browser().postJson(api(lanyard, realm, "/public/request-magic-link"),
                "{\"email\":\"" + email + "\",\"redirect_uri\":\"http://localhost:3000/cb\",\"client_id\":\"app\"}");
        Matcher link = LINK.matcher(Lanyard.mailText(lanyard.awaitMail(email)));
        assertTrue(link.find());
        URI uri = URI.create(link.group());
        String token = Jsoup.parse(lanyard.browser().get(uri).body()).select("input[name=token]").val();
        assertEquals(303, lanyard.browser().postForm(uri, Map.of("token", token)).status());
        assertEquals(400, lanyard.browser().postForm(uri, Map.of("token", token)).status());

        // PIN: three wrong PINs void the token.
        Browser owner = lanyard.browser();
        owner.postJson(api(lanyard, realm, "/public/login"), credentials(email));
        assertEquals(204, owner.send("PUT", api(lanyard, realm, "/public/pin"), "application/json",
                "{\"pin\":\"4826\",\"password\":\"" + PASSWORD + "\"}", "Origin", origin(lanyard)).status());
        String pinToken = lanyard.browser().postJson(api(lanyard, realm, "/public/login"), credentials(email)).json().get("pin_token").asText();
        for (String wrong : List.of("1111", "2222", "3333")) {
            lanyard.browser().postJson(api(lanyard, realm, "/public/verify-pin"), "{\"pin_token\":\"" + pinToken + "\",\"pin\":\"" + wrong + "\"}");
        }

        // A device approval, a headless code and a permission change.
        String device = lanyard.browser().postForm(api(lanyard, realm, "/v1/platform/oauth/device/authorize"), Map.of("client_id", "tv"))
                .json().get("user_code").asText();
        Browser session = lanyard.browser();
        String second = "m2-" + UUID.randomUUID() + "@example.com";
        lanyard.admin().createUserWithPassword(realm, second, PASSWORD);
        assertEquals(200, session.postJson(api(lanyard, realm, "/public/login"), credentials(second)).status());
        assertEquals(200, session.postJson(api(lanyard, realm, "/v1/platform/oauth/device/verify"),
                "{\"user_code\":\"" + device + "\",\"decision\":\"approve\"}", "Origin", origin(lanyard)).status());
        Reply code = session.postJson(api(lanyard, realm, "/oauth/authorize"), """
                {"client_id": "app", "redirect_uri": "http://localhost:3000/cb", "scope": "openid", "state": "s"}""",
                "Origin", origin(lanyard));
        assertTrue(code.json().get("redirect_to").asText().contains("code="), code.toString());
        String access = lanyard.browser().postForm(lanyard.realm(realm, "/protocol/openid-connect/token"), Map.of(
                "grant_type", "password", "client_id", "app", "username", email, "password", PASSWORD)).json().get("access_token").asText();
        assertEquals(202, lanyard.browser().postJson(api(lanyard, realm, "/users/" + userId + "/apps/app/request-access"),
                "{\"email\":\"" + email + "\",\"name\":\"Me Trics\"}", "Authorization", "Bearer " + access).status());

        // A passkey registered, then used to sign in.
        SoftwarePasskey passkey = new SoftwarePasskey();
        Reply options = session.postJson(api(lanyard, realm, "/public/passkeys/registration-options"), "{}", "Origin", origin(lanyard));
        assertEquals(201, session.postJson(api(lanyard, realm, "/public/passkeys"), "{\"credential\":"
                + passkey.create(options.json(), origin(lanyard), USER_PRESENT | USER_VERIFIED) + "}", "Origin", origin(lanyard)).status());
        Reply challenge = lanyard.browser().postJson(api(lanyard, realm, "/public/passkeys/authentication-options"), "{}");
        assertEquals(200, lanyard.browser().postJson(api(lanyard, realm, "/public/passkeys/login"), "{\"credential\":"
                + passkey.get(challenge.json(), origin(lanyard), lanyard.baseUri().getHost(), USER_PRESENT | USER_VERIFIED) + "}",
                "Origin", origin(lanyard)).status());

        // A mail that cannot be sent.
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        lanyard.admin().must("PUT", "/" + realm, "{\"smtpServer\": {\"host\": \"127.0.0.1\", \"port\": \"" + closed + "\", \"from\": \"no-reply@lanyard.localhost\"}}");
        lanyard.browser().postJson(api(lanyard, realm, "/public/request-magic-link"),
                "{\"email\":\"" + email + "\",\"redirect_uri\":\"http://localhost:3000/cb\",\"client_id\":\"app\"}");

        Map<String, String> expected = Map.ofEntries(
                Map.entry("lanyard_magic_links_total|outcome=\"requested\"", "requested"),
                Map.entry("lanyard_magic_links_total|outcome=\"sent\"", "sent"),
                Map.entry("lanyard_magic_links_total|outcome=\"consumed\"", "consumed"),
                Map.entry("lanyard_magic_links_total|outcome=\"refused\"", "refused"),
                Map.entry("lanyard_pin_failures_total|", "PIN failures"),
                Map.entry("lanyard_pin_tokens_voided_total|", "voided tokens"),
                Map.entry("lanyard_device_decisions_total|decision=\"approve\"", "device approvals"),
                Map.entry("lanyard_headless_codes_total|route=\"oauth/authorize\"", "headless codes"),
                Map.entry("lanyard_permission_changes_total|status=\"pending\"", "permission changes"),
                Map.entry("lanyard_mails_failed_total|", "failed mails"),
                Map.entry("lanyard_passkeys_total|outcome=\"registered\"", "passkeys registered"),
                Map.entry("lanyard_passkeys_total|outcome=\"signed_in\"", "passkey sign-ins"));
        Instant deadline = Instant.now().plusSeconds(20);
        String missing = "";
        while (Instant.now().isBefore(deadline)) {
            String metrics = lanyard.metrics().orElseThrow();
            missing = expected.entrySet().stream()
                    .filter(entry -> !counted(metrics, entry.getKey(), realm))
                    .map(Map.Entry::getValue)
                    .reduce("", (a, b) -> a + " " + b);
            if (missing.isEmpty()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not counted:" + missing);
    }

    /** Whether a sample of {@code name} with the realm tag and {@code tag} (when given) is at least 1. */
    private static boolean counted(String metrics, String key, String realm) {
        String name = key.substring(0, key.indexOf('|'));
        String tag = key.substring(key.indexOf('|') + 1);
        return metrics.lines().anyMatch(line -> line.startsWith(name + "{") && line.contains("realm=\"" + realm + "\"")
                && (tag.isEmpty() || line.contains(tag)) && Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) >= 1);
    }

    private static URI api(Lanyard lanyard, String realm, String path) {
        return lanyard.realm(realm, "/api" + path);
    }

    private static String credentials(String email) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
    }

    private static String origin(Lanyard lanyard) {
        return lanyard.origin();
    }
}
