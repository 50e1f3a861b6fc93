package dev.lanyard.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.AdminApi;
import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Reply;

import java.net.URI;
import java.net.HttpCookie;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The realm every pair runs in, and what the routes need to be called: clients of each kind, users with a
 * password, a signed-in session and an access token each, and one approved app permission per user.
 *
 * <p>Brute-force detection stays on (every failure is recorded) but never locks, and the mail rate limits are
 * out of reach: the benchmark measures the work of each request, not the refusals that protect it.
 */
record BenchmarkRealm(URI baseUri, String name, List<BenchUser> users, String appToken) {

    static final String NAME = "bench";
    static final String PASSWORD = "Bench-Password-9";
    static final String WRONG_PASSWORD = "Wrong-Password-9";
    static final String SERVICE = "bench-service";
    static final String GLOBAL_APP = "bench-global";
    static final String WEB = "bench-web";
    static final String APP = "bench-app";
    static final String SECRET = "bench-secret";
    static final String REDIRECT = "http://localhost:7100/cb";
    /** RFC 7636's example pair: the S256 challenge of {@link #PKCE_VERIFIER}. */
    static final String PKCE_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    static final String PKCE_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    /** A user of the realm, signed in once through {@code public/login} and once through the password grant. */
    record BenchUser(String id, String email, String sessionCookies, String accessToken) {
    }

    private static final String REALM = """
            {"realm": "%s", "enabled": true, "registrationAllowed": true, "loginWithEmailAllowed": true, "verifyEmail": true,
             "eventsEnabled": true, "bruteForceProtected": true, "permanentLockout": false, "failureFactor": 1000000000,
             "quickLoginCheckMilliSeconds": 1, "accessTokenLifespan": 7200, "ssoSessionIdleTimeout": 36000, "ssoSessionMaxLifespan": 36000,
             "smtpServer": {"host": "127.0.0.1", "port": "%d", "from": "no-reply@bench.localhost"},
             "attributes": {"lanyard.enabled": "true", "lanyard.magicLink.maxPerEmail": "1000000000", "lanyard.magicLink.maxPerIp": "1000000000",
                            "lanyard.register.maxPerEmail": "1000000000", "lanyard.register.maxPerIp": "1000000000"}}""";

    private static final List<String> CLIENTS = List.of("""
            {"clientId": "bench-service", "publicClient": false, "secret": "bench-secret", "standardFlowEnabled": false,
             "serviceAccountsEnabled": true}""", """
            {"clientId": "bench-global", "publicClient": false, "secret": "bench-secret", "standardFlowEnabled": true,
             "serviceAccountsEnabled": true, "redirectUris": ["http://localhost:7100/*"], "attributes": {"lanyard.platform.scope": "GLOBAL"}}""", """
            {"clientId": "bench-web", "publicClient": true, "standardFlowEnabled": true, "directAccessGrantsEnabled": true,
             "redirectUris": ["http://localhost:7100/*"], "attributes": {"lanyard.firstParty": "true"}}""", """
            {"clientId": "bench-app", "publicClient": false, "secret": "bench-secret", "standardFlowEnabled": true,
             "serviceAccountsEnabled": true, "redirectUris": ["http://localhost:7100/*"], "optionalClientScopes": ["manage_permissions"]}""");

    static BenchmarkRealm create(URI baseUri, int smtpPort, int userCount) throws Exception {
        AdminApi admin = new AdminApi(baseUri);
        admin.createRealm(REALM.formatted(NAME, smtpPort));
        admin.must("POST", "/" + NAME + "/client-scopes", """
                {"name": "manage_permissions", "protocol": "openid-connect", "attributes": {"include.in.token.scope": "true"}}""");
        for (String client : CLIENTS) {
            admin.must("POST", "/" + NAME + "/clients", client);
        }
        String appId = admin.client(NAME, APP).get("id").asText();
        admin.must("POST", "/" + NAME + "/clients/" + appId + "/roles", "{\"name\": \"user\"}");

        // The realm before its users and the app's token: enough to call its routes while making them.
        BenchmarkRealm bare = new BenchmarkRealm(baseUri, NAME, List.of(), null);
        String appToken = bare.clientToken(APP, "manage_permissions");
        // Hashing passwords dominates; the server has few cores, so a few users at a time.
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            List<Future<BenchUser>> pending = IntStream.range(0, userCount)
                    .mapToObj(i -> workers.submit(() -> bare.newUser(admin, i, appToken)))
                    .toList();
            List<BenchUser> users = new ArrayList<>();
            for (Future<BenchUser> user : pending) {
                users.add(user.get());
            }
            return new BenchmarkRealm(baseUri, NAME, List.copyOf(users), appToken);
        } finally {
            workers.shutdown();
        }
    }

    URI realmUri(String path) {
        return baseUri.resolve("/realms/" + name + path);
    }

    URI api(String path) {
        return realmUri("/api" + path);
    }

    /** A service-account token of {@code clientId} (secret {@link #SECRET}). */
    String clientToken(String clientId, String scope) {
        Reply reply = new Browser().postForm(realmUri("/protocol/openid-connect/token"), Map.of(
                "grant_type", "client_credentials", "client_id", clientId, "client_secret", SECRET, "scope", scope));
        return field(reply, "access_token");
    }

    /**
     * This server process's cost of one password hash: the median native password grant minus the median
     * client-credentials grant, each sent one at a time. It varies up to 2× between server starts.
     */
    Duration passwordHashCost(int samples) {
        BenchUser user = users.get(0);
        Browser http = new Browser();
        Duration password = median(samples, () -> http.postForm(realmUri("/protocol/openid-connect/token"), Map.of(
                "grant_type", "password", "client_id", WEB, "username", user.email(), "password", PASSWORD)));
        Duration clientCredentials = median(samples, () -> http.postForm(realmUri("/protocol/openid-connect/token"), Map.of(
                "grant_type", "client_credentials", "client_id", SERVICE, "client_secret", SECRET)));
        return password.minus(clientCredentials);
    }

    private static Duration median(int samples, Supplier<Reply> request) {
        long[] nanos = new long[samples];
        for (int i = 0; i < samples; i++) {
            long started = System.nanoTime();
            expect(200, request.get());
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        return Duration.ofNanos(nanos[samples / 2]);
    }

    private BenchUser newUser(AdminApi admin, int index, String appToken) {
        String email = "user" + index + "-" + UUID.randomUUID().toString().substring(0, 8) + "@bench.test";
        String id = admin.createUserWithPassword(name, email, PASSWORD);

        Browser browser = new Browser();
        Reply login = browser.postJson(api("/public/login"), "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        expect(200, login);
        String cookies = browser.cookies().getCookieStore().getCookies().stream()
                .map(HttpCookie::toString)
                .collect(Collectors.joining("; "));

        Reply grant = new Browser().postForm(realmUri("/protocol/openid-connect/token"), Map.of(
                "grant_type", "password", "client_id", WEB, "username", email, "password", PASSWORD, "scope", "openid"));
        String accessToken = field(grant, "access_token");

        expect(200, new Browser().send("PUT", api("/users/" + id + "/apps/" + APP + "/permissions"), "application/json",
                "{\"role\": \"user\", \"status\": \"approved\"}", "Authorization", "Bearer " + appToken));
        return new BenchUser(id, email, cookies, accessToken);
    }

    private static String field(Reply reply, String name) {
        expect(200, reply);
        JsonNode value = reply.json().get(name);
        if (value == null) {
            throw new IllegalStateException("No " + name + " in " + reply);
        }
        return value.asText();
    }

    private static void expect(int status, Reply reply) {
        if (reply.status() != status) {
            throw new IllegalStateException("Benchmark setup expected " + status + ", got " + reply);
        }
    }
}
