package dev.lanyard.keycloak.it.foundation;

import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing an anonymous caller sends chooses where a mailed link points: links are built from the realm's Frontend URL
 * or the server's configured hostname (the test server sets {@code --hostname=127.0.0.1}), never from {@code Host},
 * {@code X-Forwarded-Host} or {@code Forwarded}.
 */
@ExtendWith(LanyardExtension.class)
class MailedLinksIT {

    private static final String ATTACKER = "attacker.example";
    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+");
    private static final String REALM = """
            , "verifyEmail": true,
              "identityProviders": [{"alias": "google", "providerId": "google", "enabled": true,
                                     "config": {"clientId": "id", "clientSecret": "secret"}}],
              "clients": [{"clientId": "spa", "publicClient": true, "standardFlowEnabled": true,
                           "redirectUris": ["http://localhost:5173/*"]}]""";

    /** Each way a request can name a host other than the server's own. */
    private static final List<String[]> FORGED_HOSTS = List.of(
            new String[]{"Host", ATTACKER},
            new String[]{"X-Forwarded-Host", ATTACKER},
            new String[]{"Forwarded", "host=" + ATTACKER + ";proto=https"});

    @Test
    void aForgedHostNeverChoosesWhereAMagicLinkPoints(Lanyard lanyard) throws Exception {
        String realm = lanyard.newRealm("mail-host", REALM);
        for (String[] forged : FORGED_HOSTS) {
            String email = "victim-" + UUID.randomUUID() + "@example.com";
            lanyard.admin().createUserWithPassword(realm, email, "Victims-Password-1");
            int status = rawPost(lanyard.baseUri(), "/realms/" + realm + "/api/public/request-magic-link",
                    "{\"email\":\"" + email + "\",\"redirect_uri\":\"http://localhost:5173/cb\"}", forged);
            assertEquals(202, status, forged[0]);
            assertLinksPointAtTheServer(lanyard, lanyard.awaitMail(email), forged[0]);
        }
    }

    @Test
    void aForgedHostNeverChoosesWhereTheSetPasswordMailOfASocialOnlyAccountPoints(Lanyard lanyard) throws Exception {
        String realm = lanyard.newRealm("mail-social", REALM);
        for (String[] forged : FORGED_HOSTS) {
            String email = "social-" + UUID.randomUUID() + "@example.com";
            String userId = lanyard.admin().createUser(realm, """
                    {"username": "%s", "email": "%s", "emailVerified": true, "enabled": true}""".formatted(email, email));
            lanyard.admin().must("POST", "/" + realm + "/users/" + userId + "/federated-identity/google",
                    "{\"identityProvider\": \"google\", \"userId\": \"g-" + userId + "\", \"userName\": \"" + email + "\"}");
            int status = rawPost(lanyard.baseUri(), "/realms/" + realm + "/api/public/register",
                    "{\"email\":\"" + email + "\",\"password\":\"Attackers-Choice-1\",\"name\":\"Social User\"}", forged);
            assertEquals(202, status, forged[0]);
            MimeMessage mail = lanyard.awaitMail(email);
            assertEquals("Set a password for your account", mail.getSubject());
            assertLinksPointAtTheServer(lanyard, mail, forged[0]);
        }
    }

    private static void assertLinksPointAtTheServer(Lanyard lanyard, MimeMessage mail, String forged) throws Exception {
        String text = Lanyard.mailText(mail);
        Matcher links = LINK.matcher(text);
        int found = 0;
        while (links.find()) {
            URI link = URI.create(links.group());
            assertFalse(link.toString().contains(ATTACKER), forged + " chose the link: " + link);
            assertEquals(lanyard.baseUri().getHost(), link.getHost(), forged + ": " + link);
            found++;
        }
        assertTrue(found > 0, "no link in: " + text);
    }

    /**
     * A JSON POST written on the socket, so that even the {@code Host} header is the caller's (Java's HTTP client
     * refuses to set it). Returns the status.
     */
    private static int rawPost(URI server, String path, String json, String[] header) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String host = header[0].equals("Host") ? header[1] : server.getAuthority();
        StringBuilder request = new StringBuilder()
                .append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n")
                .append("Connection: close\r\n");
        if (!header[0].equals("Host")) {
            request.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String reply = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            String statusLine = reply.lines().findFirst().orElse("");
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }
}
