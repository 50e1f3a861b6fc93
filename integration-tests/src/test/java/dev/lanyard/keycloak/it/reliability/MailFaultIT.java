package dev.lanyard.keycloak.it.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SMTP server down (nothing listens) or hanging (accepts, never answers): mail routes still answer at once,
 * and each failed mail is logged and counted as an {@code EXECUTE_ACTIONS_ERROR} event ({@code mail_failed}).
 */
@ExtendWith(LanyardExtension.class)
class MailFaultIT {

    private static final String CLIENT = """
            , "clients": [{"clientId": "app", "publicClient": true, "standardFlowEnabled": true, "redirectUris": ["http://localhost:3000/*"]}]""";

    @Test
    void aDownSmtpServerCostsTheCallerNothingAndIsCounted(Lanyard lanyard) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String realm = realmWithSmtp(lanyard, closedPort);
        String email = user(lanyard, realm);
        Duration took = timed(() -> requestLink(lanyard, realm, email));
        System.out.printf("mail faults: SMTP down, request-magic-link answered in %d ms%n", took.toMillis());
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "answered at once: " + took);
        awaitMailFailure(lanyard, realm);
    }

    @Test
    void aHangingSmtpServerCostsTheCallerNothing(Lanyard lanyard) throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket hanging = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (!hanging.isClosed()) {
                        held.add(hanging.accept());
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String realm = realmWithSmtp(lanyard, hanging.getLocalPort());
            String email = user(lanyard, realm);
            Duration took = timed(() -> requestLink(lanyard, realm, email));
            System.out.printf("mail faults: SMTP hanging, request-magic-link answered in %d ms%n", took.toMillis());
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "answered at once: " + took);
            awaitMailFailure(lanyard, realm);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private static String realmWithSmtp(Lanyard lanyard, int port) {
        String realm = lanyard.newRealm("mailfault", CLIENT);
        JsonNode representation = lanyard.admin().getJson("/" + realm);
        ((com.fasterxml.jackson.databind.node.ObjectNode) representation.get("smtpServer"))
                .put("port", Integer.toString(port)).put("timeout", "2000").put("connectionTimeout", "2000");
        lanyard.admin().must("PUT", "/" + realm, "{\"smtpServer\": " + representation.get("smtpServer") + "}");
        return realm;
    }

    private static String user(Lanyard lanyard, String realm) {
        String email = "mf-" + UUID.randomUUID() + "@example.com";
        lanyard.admin().createUser(realm, email, email);
        return email;
    }

    private static void requestLink(Lanyard lanyard, String realm, String email) {
        Reply reply = lanyard.browser().postJson(lanyard.realm(realm, "/api/public/request-magic-link"),
                "{\"email\":\"" + email + "\",\"redirect_uri\":\"http://localhost:3000/cb\",\"client_id\":\"app\"}");
        assertEquals(202, reply.status(), reply.toString());
    }

    private static Duration timed(Runnable action) {
        Instant start = Instant.now();
        action.run();
        return Duration.between(start, Instant.now());
    }

    private static void awaitMailFailure(Lanyard lanyard, String realm) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            JsonNode events = lanyard.admin().getJson("/" + realm + "/events?type=EXECUTE_ACTIONS_ERROR");
            for (JsonNode event : events) {
                if ("mail_failed".equals(event.path("error").asText())) {
                    System.out.printf("mail faults: counted as %s%n", event.path("details"));
                    return;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no mail_failed event was recorded");
    }
}
