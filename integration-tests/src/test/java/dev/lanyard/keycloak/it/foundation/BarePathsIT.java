package dev.lanyard.keycloak.it.foundation;

import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The seeds' bare paths through the compose proxy's own configuration ({@code deploy/proxy.conf.template}) in
 * Debian's nginx, in front of the test server: login and its cookie, the platform token route, discovery and keys,
 * and a redirect that names the proxy's address.
 */
@ExtendWith(LanyardExtension.class)
class BarePathsIT {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final String PASSWORD = "Correct-Horse-9";

    @Test
    void theSeedsBarePathsWorkThroughTheProxy(Lanyard lanyard) throws Exception {
        assumeTrue(Files.isExecutable(NGINX), "no nginx here (.ci/run installs Debian's)");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process nginx = start(lanyard.baseUri(), port);
        try {
            URI proxy = URI.create("http://127.0.0.1:" + port);
            Reply discovery = lanyard.browser().get(proxy.resolve("/.well-known/openid-configuration"));
            assertEquals(200, discovery.status(), discovery.toString());
            assertEquals(proxy + "/realms/" + Lanyard.DEMO_REALM, discovery.json().get("issuer").asText(),
                    "Keycloak names the proxy's address (forwarded host and port)");
            Reply keys = lanyard.browser().get(proxy.resolve("/.well-known/jwks.json"));
            assertFalse(keys.json().get("keys").isEmpty(), keys.toString());

            String email = "bare-" + UUID.randomUUID() + "@example.com";
            lanyard.admin().createUserWithPassword(Lanyard.DEMO_REALM, email, PASSWORD);
            Browser browser = lanyard.browser();
            Reply login = browser.postJson(proxy.resolve("/api/public/login"), "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
            assertEquals(200, login.status(), login.toString());
            assertEquals(200, browser.get(proxy.resolve("/api/public/session")).status(), "the session cookie works on the bare path");

            Reply token = lanyard.browser().postForm(proxy.resolve("/api/v1/platform/oauth/token"), Map.of("grant_type", "client_credentials"),
                    "Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("lanyard-demo-app:lanyard-demo-app-secret".getBytes()));
            assertEquals(200, token.status(), token.toString());

            Reply authorize = lanyard.browser().get(proxy.resolve("/api/oauth/authorize?client_id=lanyard-demo-spa&response_type=code"
                    + "&scope=openid&redirect_uri=" + java.net.URLEncoder.encode("http://localhost:5173/cb", java.nio.charset.StandardCharsets.UTF_8)));
            assertEquals(302, authorize.status(), authorize.toString());
            assertTrue(authorize.header("Location").orElseThrow().startsWith(proxy + "/realms/" + Lanyard.DEMO_REALM + "/protocol/openid-connect/auth"),
                    authorize.header("Location").orElseThrow());
        } finally {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Behind the proxy, the client's address is the one the proxy saw: a forged {@code X-Forwarded-For} does not
     * move the per-IP counter of the mailing routes (with a header appended to, the first, forged, value counted).
     */
    @Test
    void aForgedForwardedForDoesNotMoveThePerIpCounter(Lanyard lanyard) throws Exception {
        assumeTrue(Files.isExecutable(NGINX), "no nginx here (.ci/run installs Debian's)");
        String realm = lanyard.newRealm("proxy-ip", """
                , "attributes": {"lanyard.magicLink.maxPerIp": "2"},
                  "clients": [{"clientId": "app", "publicClient": true, "redirectUris": ["http://localhost:3000/*"]}]""");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process nginx = start(lanyard.baseUri(), port);
        try {
            URI route = URI.create("http://127.0.0.1:" + port + "/realms/" + realm + "/api/public/request-magic-link");
            List<Integer> statuses = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                Reply reply = lanyard.browser().postJson(route, "{\"email\":\"ip-" + i + "-" + UUID.randomUUID()
                        + "@example.com\",\"redirect_uri\":\"http://localhost:3000/cb\"}", "X-Forwarded-For", "203.0.113." + i);
                statuses.add(reply.status());
            }
            assertEquals(List.of(202, 202, 429), statuses, "two per client IP, whatever address the client claims");
        } finally {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** nginx in the foreground with the compose proxy's server block, rendered for this machine. */
    private static Process start(URI keycloak, int port) throws Exception {
        Path dir = Files.createTempDirectory("lanyard-proxy");
        dir.toFile().setWritable(true, false);
        String server = Files.readString(Path.of(System.getProperty("lanyard.proxy.template")))
                .replace("listen 80;", "listen 127.0.0.1:" + port + ";")
                .replace("http://keycloak:8080", keycloak.toString())
                .replace("${LANYARD_REALM}", Lanyard.DEMO_REALM)
                .replace("${LANYARD_PUBLIC_HOST}", "127.0.0.1:" + port);
        Files.writeString(dir.resolve("default.conf"), server);
        Files.writeString(dir.resolve("nginx.conf"), """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events {}
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    include %1$s/default.conf;
                }
                """.formatted(dir));
        Process nginx = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return nginx;
            } catch (IOException notYet) {
                if (!nginx.isAlive()) {
                    throw new IllegalStateException("nginx exited: " + Files.readString(dir.resolve("nginx.out")));
                }
                Thread.sleep(100);
            }
        }
        nginx.destroyForcibly();
        throw new IllegalStateException("nginx did not listen on " + port);
    }
}
