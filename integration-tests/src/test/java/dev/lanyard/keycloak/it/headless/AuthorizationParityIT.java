package dev.lanyard.keycloak.it.headless;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.lanyard.keycloak.it.headless.HeadlessRealm.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Decision parity: every Lanyard route that issues a code or approves a device answers as Keycloak's own
 * authorization endpoint answers the same browser (same session cookie) for the same client and request with
 * {@code prompt=none}. Each row is a realm/client configuration, each column a route; a cell runs both and
 * compares. Where Keycloak would show a page, the route answers the matching error: its consent screen is
 * {@code consent_required} (the approval route and the device approval are that consent), its "Access denied"
 * page {@code access_denied}, a disabled client the same JSON 400 as an unknown one.
 *
 * <p>Adding a configuration is one {@link Row}; adding a route is one {@link Route}.
 */
@ExtendWith(LanyardExtension.class)
class AuthorizationParityIT {

    private static final String PASSWORD = HeadlessRealm.PASSWORD;
    private static final String CALLBACK = "http://localhost:7201/cb";
    private static final String WEB_CALLBACK = "http://localhost:7200/cb";
    private static final String OTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    /** One realm for every cell (its flows, roles and policies); each cell makes its own client and user. */
    private static String realm;
    private static Map<String, String> flowIds;
    private Lanyard lanyard;

    /** The routes that issue codes or approve devices. */
    enum Route { COOKIE_AUTHORIZE, BEARER_AUTHORIZE, BEARER_POST_AUTHORIZE, LOGIN_CODE, CONSENT_APPROVE, DEVICE_APPROVE, AUTHORIZE_CHALLENGE }

    /**
     * A configuration: the client's settings, the user's, what happens between sign-in and the request, extra
     * request parameters, and the routes it applies to.
     */
    record Row(String name, String clientJson, String flow, Consumer<Cell> setup, Consumer<Cell> afterSignIn,
               Map<String, String> parameters, boolean consentOnly, Set<Route> routes) {

        Row routes(Route... only) {
            return new Row(name, clientJson, flow, setup, afterSignIn, parameters, consentOnly, Set.of(only));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Row row(String name, String clientJson, String flow, Consumer<Cell> setup, Consumer<Cell> afterSignIn,
                           Map<String, String> parameters, boolean consentOnly) {
        return new Row(name, clientJson, flow, setup, afterSignIn, parameters, consentOnly, Set.of(Route.values()));
    }

    private static final Consumer<Cell> NOTHING = cell -> { };

    static List<Row> rows() {
        return List.of(
                row("plain client", "", null, NOTHING, NOTHING, Map.of(), false),
                row("flow override denies a user without the role", "", "deny-unless-allowed", NOTHING, NOTHING, Map.of(), false),
                row("flow override lets a user with the role", "", "deny-unless-allowed", cell -> cell.grantRole("allowed"), NOTHING,
                        Map.of(), false),
                // A user with OTP: Lanyard's password sign-in leaves no Keycloak SSO session; bearer tokens need one.
                row("conditional OTP for a role, user with OTP", "", "otp-for-role", Cell::addOtp, NOTHING, Map.of(), false).routes(Route.COOKIE_AUTHORIZE, Route.LOGIN_CODE, Route.CONSENT_APPROVE, Route.DEVICE_APPROVE),
                row("conditional OTP for a role, user without OTP", "", "otp-for-role", cell -> cell.grantRole("otp-role"), NOTHING,
                        Map.of(), false),
                row("WebAuthn required in the client's browser flow", "", "webauthn-required", NOTHING, NOTHING, Map.of(), false),
                row("client policy requires PKCE S256, request uses plain", "", null,
                        cell -> cell.addClientRole("pkce-s256"), NOTHING, Map.of("code_challenge_method", "plain", "code_challenge", HeadlessRealm.VERIFIER), false),
                // max_age counts from the sign-in: a login → code route signs in within the request.
                row("max_age exceeded", "", null, NOTHING, cell -> cell.sleep(2100), Map.of("max_age", "1"), false)
                        .routes(Route.COOKIE_AUTHORIZE, Route.BEARER_AUTHORIZE, Route.BEARER_POST_AUTHORIZE, Route.CONSENT_APPROVE,
                                Route.DEVICE_APPROVE),
                row("max_age not exceeded", "", null, NOTHING, NOTHING, Map.of("max_age", "3600"), false),
                row("acr_values above the session's level", ", \"attributes\": {\"acr.loa.map\": \"{\\\"gold\\\":2}\"}", "levels",
                        NOTHING, NOTHING, Map.of("acr_values", "gold"), false),
                row("prompt=consent with a remembered grant", ", \"consentRequired\": true", null, NOTHING,
                        Cell::rememberConsent, Map.of("prompt", "consent"), true),
                row("consent required, not yet granted", ", \"consentRequired\": true", null, NOTHING, NOTHING, Map.of(), true),
                row("pending required action", "", null, NOTHING, cell -> cell.requireAction("UPDATE_PASSWORD"), Map.of(), false)
                        .routes(Route.COOKIE_AUTHORIZE, Route.BEARER_AUTHORIZE, Route.BEARER_POST_AUTHORIZE, Route.CONSENT_APPROVE,
                                Route.DEVICE_APPROVE, Route.AUTHORIZE_CHALLENGE),
                row("disabled client", "", null, NOTHING, Cell::disableClient, Map.of(), false),
                row("temporarily locked user", "", null, NOTHING, Cell::lock, Map.of(), false)
                        .routes(Route.COOKIE_AUTHORIZE, Route.BEARER_AUTHORIZE, Route.BEARER_POST_AUTHORIZE, Route.CONSENT_APPROVE,
                                Route.DEVICE_APPROVE));
    }

    static Stream<Arguments> cells() {
        return rows().stream().flatMap(row -> Arrays.stream(Route.values()).filter(row.routes()::contains)
                .map(route -> Arguments.of(row, route)));
    }

    @BeforeEach
    void setUp(Lanyard lanyard) {
        this.lanyard = lanyard;
        synchronized (AuthorizationParityIT.class) {
            if (realm == null) {
                realm = createRealm(lanyard);
            }
        }
    }

    @ParameterizedTest(name = "{0} × {1}")
    @MethodSource("cells")
    void lanyardAnswersAsKeycloakDoes(Row row, Route route) {
        Cell cell = new Cell(lanyard, row, route);
        row.setup().accept(cell);
        String expected;
        String actual;
        if (route == Route.AUTHORIZE_CHALLENGE) {
            // The route signs in itself, by API; Keycloak is asked with a browser signed in by the same password.
            cell.signIn();
            row.afterSignIn().accept(cell);
            expected = expected(row, route, cell.nativeAuthorize(cell.browser, row.parameters().getOrDefault("prompt", "none")));
            actual = cell.authorizeChallenge();
        } else if (route == Route.LOGIN_CODE) {
            // The route signs in itself; Keycloak is then asked with the browser that sign-in left.
            row.afterSignIn().accept(cell);
            actual = cell.loginCode();
            expected = expected(row, route, cell.nativeAuthorize(cell.browser, row.parameters().getOrDefault("prompt", "none")));
        } else {
            cell.signIn();
            String bearer = route == Route.BEARER_AUTHORIZE || route == Route.BEARER_POST_AUTHORIZE ? cell.bearer() : null;
            // Two user codes of the client: Keycloak's device page may end a session it denies, so Lanyard is asked first.
            String userCode = route == Route.DEVICE_APPROVE ? cell.deviceCode() : null;
            String nativeUserCode = route == Route.DEVICE_APPROVE ? cell.deviceCode() : null;
            row.afterSignIn().accept(cell);
            if (route == Route.CONSENT_APPROVE) {
                // The approval is the consent; Keycloak is asked afterwards, when the grant is stored (or undone).
                actual = cell.approve();
                expected = expected(row, route, cell.nativeAuthorize(cell.browser, "none"));
            } else if (route == Route.DEVICE_APPROVE) {
                actual = cell.approveDevice(userCode);
                expected = expected(row, route, cell.nativeDevicePage(cell.browser, nativeUserCode));
            } else {
                expected = expected(row, route, cell.nativeAuthorize(cell.browser, row.parameters().getOrDefault("prompt", "none")));
                actual = switch (route) {
                    case COOKIE_AUTHORIZE -> cell.cookieAuthorize();
                    case BEARER_AUTHORIZE -> cell.bearerAuthorize(bearer);
                    case BEARER_POST_AUTHORIZE -> cell.bearerPostAuthorize(bearer);
                    default -> throw new IllegalStateException(route.name());
                };
            }
        }
        assertEquals(expected, actual, row + " × " + route);
    }

    /**
     * What the route must answer, from Keycloak's answer: the same code or error at the redirect URI; its pages
     * become errors; its consent screen is what the approval routes give.
     */
    private static String expected(Row row, Route route, String keycloak) {
        boolean consentScreen = keycloak.equals("page:consent") || row.consentOnly() && keycloak.equals("error:interaction_required");
        if (route == Route.DEVICE_APPROVE) {
            if (keycloak.equals("code") || consentScreen) {
                return "approved";
            }
            if (keycloak.equals("page:client_disabled")) {
                return "404:invalid_user_code";
            }
            return "403:" + keycloak.substring(keycloak.indexOf(':') + 1);
        }
        if (route == Route.AUTHORIZE_CHALLENGE) {
            // No redirect URI: the answer is JSON, and what Keycloak's page would show the user goes to the web.
            if (consentScreen || Set.of("error:login_required", "error:interaction_required", "error:consent_required").contains(keycloak)) {
                return "400:redirect_to_web";
            }
            return switch (keycloak) {
                case "code" -> "code";
                case "page:access_denied" -> "400:access_denied";
                case "page:client_disabled" -> "401:invalid_client";
                default -> "400:" + keycloak.substring(keycloak.indexOf(':') + 1);
            };
        }
        if (consentScreen) {
            return route == Route.CONSENT_APPROVE ? "code" : "error:consent_required";
        }
        return switch (keycloak) {
            case "page:access_denied" -> "error:access_denied";
            case "page:client_disabled" -> "400:invalid_client";
            default -> keycloak;
        };
    }

    /** One client and one user of a row, and the browser that signs in. */
    private static final class Cell {

        private final Lanyard lanyard;
        private final Row row;
        private final String clientId;
        private final String clientUuid;
        private final String email;
        private final String userId;
        private final Browser browser;
        private final String state = "st-" + UUID.randomUUID().toString().substring(0, 6);
        private boolean clientDisabled;

        Cell(Lanyard lanyard, Row row, Route route) {
            this.lanyard = lanyard;
            this.row = row;
            this.clientId = "p-" + UUID.randomUUID().toString().substring(0, 8);
            String overrides = row.flow() == null ? ""
                    : ", \"authenticationFlowBindingOverrides\": {\"browser\": \"" + flowIds.get(row.flow()) + "\"}";
            ObjectNode client = (ObjectNode) parse("""
                    {"clientId": "%s", "publicClient": true, "standardFlowEnabled": true, "directAccessGrantsEnabled": true,
                     "redirectUris": ["http://localhost:7201/*"]%s}""".formatted(clientId, overrides));
            if (!row.clientJson().isEmpty()) {
                parse("{" + row.clientJson().substring(1) + "}").fields().forEachRemaining(field -> client.set(field.getKey(), field.getValue()));
            }
            ObjectNode attributes = client.has("attributes") ? (ObjectNode) client.get("attributes") : client.putObject("attributes");
            attributes.put("oauth2.device.authorization.grant.enabled", "true");
            if (route == Route.AUTHORIZE_CHALLENGE) {
                attributes.put("lanyard.firstParty", "true");
            }
            Reply created = lanyard.admin().must("POST", "/" + realm + "/clients", client.toString());
            String location = created.header("Location").orElseThrow();
            this.clientUuid = location.substring(location.lastIndexOf('/') + 1);
            this.email = "parity-" + UUID.randomUUID() + "@example.com";
            this.userId = lanyard.admin().createUserWithPassword(realm, email, PASSWORD);
            this.browser = lanyard.browser();
        }

        void addClientRole(String role) {
            lanyard.admin().must("POST", "/" + realm + "/clients/" + clientUuid + "/roles", "{\"name\": \"" + role + "\"}");
        }

        void grantRole(String role) {
            JsonNode representation = lanyard.admin().getJson("/" + realm + "/roles/" + role);
            lanyard.admin().must("POST", "/" + realm + "/users/" + userId + "/role-mappings/realm", "[" + representation + "]");
        }

        void addOtp() {
            // The admin API cannot add an OTP credential: the user is made again with one (same id kept by email).
            JsonNode user = lanyard.admin().getJson("/" + realm + "/users/" + userId);
            lanyard.admin().must("DELETE", "/" + realm + "/users/" + userId, null);
            String id = lanyard.admin().createUser(realm, """
                    {"username": "%s", "email": "%s", "emailVerified": true, "enabled": true, "firstName": "O", "lastName": "Tp",
                     "realmRoles": ["otp-role"],
                     "credentials": [{"type": "password", "value": "%s", "temporary": false},
                                     {"type": "otp", "userLabel": "phone", "secretData": "{\\"value\\":\\"%s\\"}",
                                      "credentialData": "{\\"subType\\":\\"totp\\",\\"digits\\":6,\\"period\\":30,\\"algorithm\\":\\"HmacSHA1\\",\\"counter\\":0}"}]}"""
                    .formatted(user.get("username").asText(), email, PASSWORD, OTP_SECRET));
            JsonNode role = lanyard.admin().getJson("/" + realm + "/roles/otp-role");
            lanyard.admin().must("POST", "/" + realm + "/users/" + id + "/role-mappings/realm", "[" + role + "]");
        }

        void requireAction(String action) {
            lanyard.admin().must("PUT", "/" + realm + "/users/" + currentUserId(), "{\"requiredActions\": [\"" + action + "\"]}");
        }

        void disableClient() {
            clientDisabled = true;
            lanyard.admin().must("PUT", "/" + realm + "/clients/" + clientUuid, "{\"clientId\": \"" + clientId + "\", \"enabled\": false}");
        }

        void lock() {
            for (int i = 0; i < 3; i++) {
                lanyard.browser().postForm(lanyard.realm(realm, "/protocol/openid-connect/token"), Map.of("grant_type", "password",
                        "client_id", clientId, "username", email, "password", "wrong-" + i));
            }
            lanyard.admin().awaitLocked(realm, currentUserId());
        }

        void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** The user's consent to the client, given earlier in another browser through the consent API. */
        void rememberConsent() {
            Browser other = lanyard.browser();
            Reply login = other.postJson(api("/public/login"), "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
            assertEquals(200, login.status(), login.toString());
            Map<String, String> request = request(Map.of());
            request.put("decision", "approve");
            request.remove("prompt");
            Reply approved = other.postJson(api("/oauth/consent"), json(request), "Origin", lanyard.origin());
            assertEquals("code", outcomeOfRedirect(approved.json().get("redirect_to").asText()), approved.toString());
        }

        private String currentUserId() {
            return lanyard.admin().userId(realm, email).orElseThrow();
        }

        void signIn() {
            Reply login = browser.postJson(api("/public/login"), "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
            assertEquals(200, login.status(), login.toString());
        }

        /** A token of the first-party app {@code web} on the browser's session, asked with {@code lanyard-authorize}. */
        String bearer() {
            Reply authorize = browser.get(URI.create(lanyard.realm(realm, "/protocol/openid-connect/auth") + "?client_id=web&redirect_uri="
                    + enc(WEB_CALLBACK) + "&response_type=code&scope=" + enc("openid lanyard-authorize") + "&prompt=none&code_challenge="
                    + HeadlessRealm.CHALLENGE + "&code_challenge_method=S256"));
            String code = HeadlessRealm.code(authorize.header("Location").orElseThrow());
            Reply tokens = lanyard.browser().postForm(lanyard.realm(realm, "/protocol/openid-connect/token"), Map.of(
                    "grant_type", "authorization_code", "code", code, "client_id", "web", "redirect_uri", WEB_CALLBACK,
                    "code_verifier", HeadlessRealm.VERIFIER));
            assertEquals(200, tokens.status(), tokens.toString());
            return tokens.json().get("access_token").asText();
        }

        String deviceCode() {
            Reply device = lanyard.browser().postForm(lanyard.realm(realm, "/protocol/openid-connect/auth/device"),
                    Map.of("client_id", clientId, "scope", "openid"));
            assertEquals(200, device.status(), device.toString());
            return device.json().get("user_code").asText();
        }

        /** The authorization request of the row: code flow with PKCE S256 unless the row says otherwise. */
        Map<String, String> request(Map<String, String> more) {
            Map<String, String> request = new LinkedHashMap<>();
            request.put("client_id", clientId);
            request.put("redirect_uri", CALLBACK);
            request.put("response_type", "code");
            request.put("scope", "openid");
            request.put("state", state);
            request.put("code_challenge", HeadlessRealm.CHALLENGE);
            request.put("code_challenge_method", "S256");
            request.putAll(row.parameters());
            request.putAll(more);
            return request;
        }

        /** Keycloak's own authorization endpoint, asked by {@code asker} for the row's request with {@code prompt}. */
        String nativeAuthorize(Browser asker, String prompt) {
            return nativeAnswer(asker, request(Map.of("prompt", prompt)));
        }

        /**
         * Keycloak's own device page for {@code userCode}, visited by {@code visitor} (redirects followed within
         * Keycloak): its consent screen (it always asks) where it would approve, else what it shows instead.
         */
        String nativeDevicePage(Browser visitor, String userCode) {
            Reply page = visitor.get(URI.create(lanyard.realm(realm, "/device") + "?user_code=" + enc(userCode)));
            for (int hops = 0; page.status() == 302 && hops < 5; hops++) {
                String location = page.header("Location").orElseThrow();
                if (location.contains("execution=OAUTH_GRANT")) {
                    return "page:consent";
                }
                if (location.contains("/required-action")) {
                    return "error:interaction_required";
                }
                page = visitor.get(URI.create(location));
            }
            String body = page.body() == null ? "" : page.body();
            if (body.contains("Access denied") || body.contains("access denied")) {
                return "page:access_denied";
            }
            // For a disabled client's code Keycloak's page says so, or (depending on its caches) fails with a 500: a refusal either way.
            if (body.contains("Login requester not enabled") || clientDisabled && page.status() >= 500) {
                return "page:client_disabled";
            }
            if (body.contains("kc-form-login") || body.contains("name=\"otp\"") || body.contains("webauth")) {
                return "error:login_required";
            }
            return "page:" + page.status() + ":" + message(body);
        }

        /** The message of one of Keycloak's error pages. */
        private static String message(String body) {
            java.util.regex.Matcher message = java.util.regex.Pattern.compile("class=\"[^\"]*instruction[^\"]*\"[^>]*>\\s*([^<]+)").matcher(body);
            return message.find() ? message.group(1).trim() : body.replaceAll("\\s+", " ").substring(0, Math.min(300, body.length()));
        }

        private String nativeAnswer(Browser asker, Map<String, String> request) {
            StringJoiner query = new StringJoiner("&");
            request.forEach((name, value) -> query.add(name + "=" + enc(value)));
            Reply answer = asker.get(URI.create(lanyard.realm(realm, "/protocol/openid-connect/auth") + "?" + query));
            String location = answer.header("Location").orElse(null);
            if (answer.status() == 302 && location != null && location.startsWith(CALLBACK)) {
                return outcomeOfRedirect(location);
            }
            String body = answer.body() == null ? "" : answer.body();
            if (location != null && location.contains("execution=OAUTH_GRANT")) {
                return "page:consent";
            }
            if (body.contains("Client disabled") || body.contains("Client not found")) {
                return "page:client_disabled";
            }
            if (body.contains("Access denied") || body.contains("access denied")) {
                return "page:access_denied";
            }
            return "page:" + answer.status() + ":" + (location != null ? location : message(body));
        }

        String cookieAuthorize() {
            return outcomeOfJson(browser.postJson(api("/oauth/authorize"), json(request(Map.of())), "Origin", lanyard.origin()));
        }

        String bearerAuthorize(String bearer) {
            StringJoiner query = new StringJoiner("&");
            request(Map.of()).forEach((name, value) -> query.add(name + "=" + enc(value)));
            Reply answer = lanyard.browser().get(URI.create(api("/oauth/authorize") + "?" + query), "Authorization", "Bearer " + bearer);
            if (answer.status() == 302) {
                return outcomeOfRedirect(answer.header("Location").orElseThrow());
            }
            return answer.status() + ":" + answer.json().path("error").asText();
        }

        String bearerPostAuthorize(String bearer) {
            return outcomeOfJson(lanyard.browser().postJson(api("/oauth/authorize"), json(request(Map.of())), "Authorization", "Bearer " + bearer));
        }

        String loginCode() {
            Map<String, String> body = request(Map.of());
            body.put("email", email);
            body.put("password", PASSWORD);
            Reply answer = browser.postJson(api("/oauth/login"), json(body));
            if (answer.status() == 401 || answer.status() == 403 && "action_required".equals(answer.json().path("error").asText())) {
                // No session: the login page is where the user goes, as for Keycloak's prompt=none without one.
                return "error:login_required";
            }
            return outcomeOfJson(answer);
        }

        /** The authorization challenge with the row's request (no redirect URI, no state) and the user's password at once. */
        String authorizeChallenge() {
            Map<String, String> form = request(Map.of("login_hint", email, "password", PASSWORD));
            form.remove("redirect_uri");
            form.remove("state");
            Reply answer = lanyard.browser().postForm(api("/oauth/authorize-challenge"), form);
            return answer.status() == 200 && answer.json().has("authorization_code") ? "code"
                    : answer.status() + ":" + answer.json().path("error").asText();
        }

        String approve() {
            Map<String, String> body = request(Map.of());
            body.put("decision", "approve");
            return outcomeOfJson(browser.postJson(api("/oauth/consent"), json(body), "Origin", lanyard.origin()));
        }

        String approveDevice(String userCode) {
            Reply answer = browser.postJson(api("/v1/platform/oauth/device/verify"),
                    "{\"user_code\": \"" + userCode + "\", \"decision\": \"approve\"}", "Origin", lanyard.origin());
            if (answer.status() == 200) {
                return answer.json().get("status").asText();
            }
            return answer.status() + ":" + answer.json().path("error").asText();
        }

        private static String outcomeOfJson(Reply answer) {
            if (answer.status() == 200 && answer.json().has("redirect_to")) {
                return outcomeOfRedirect(answer.json().get("redirect_to").asText());
            }
            return answer.status() + ":" + answer.json().path("error").asText();
        }

        private static String outcomeOfRedirect(String location) {
            if (HeadlessRealm.code(location) != null) {
                return "code";
            }
            return "error:" + HeadlessRealm.param(location, "error");
        }

        private URI api(String path) {
            return lanyard.realm(realm, "/api" + path);
        }

        private static String json(Map<String, String> fields) {
            ObjectNode node = Reply.JSON.createObjectNode();
            fields.forEach(node::put);
            return node.toString();
        }
    }

    /**
     * The realm: brute-force detection (three failures), the first-party app {@code web} with Lanyard's
     * {@code lanyard-authorize} scope, roles {@code allowed} and {@code otp-role}, the flows rows refer to, and a
     * client policy that requires PKCE S256 of clients with the client role {@code pkce-s256}.
     */
    private static String createRealm(Lanyard lanyard) {
        String name = lanyard.newRealm("parity", """
                , "failureFactor": 3, "roles": {"realm": [{"name": "allowed"}, {"name": "otp-role"}]},
                "clients": [{"clientId": "web", "publicClient": true, "standardFlowEnabled": true, "directAccessGrantsEnabled": true,
                             "redirectUris": ["http://localhost:7200/*"], "attributes": {"lanyard.firstParty": "true"}}]""");
        String id = lanyard.admin().client(name, "web").get("id").asText();
        lanyard.admin().must("PUT", "/" + name + "/clients/" + id + "/optional-client-scopes/"
                + HeadlessRealm.clientScopeId(lanyard, name, HeadlessRealm.AUTHORIZE_SCOPE), null);
        Flows flows = new Flows(lanyard, name);
        flowIds = new LinkedHashMap<>();
        flowIds.put("deny-unless-allowed", flows.create("deny-unless-allowed",
                Flows.flow("signin", "REQUIRED",
                        Flows.step("auth-cookie", "ALTERNATIVE"),
                        Flows.flow("forms", "ALTERNATIVE", Flows.step("auth-username-password-form", "REQUIRED"))),
                Flows.flow("gate", "CONDITIONAL",
                        Flows.step("conditional-user-role", "REQUIRED").config("{\"condUserRole\": \"allowed\", \"negate\": \"true\"}"),
                        Flows.step("deny-access-authenticator", "REQUIRED"))));
        flowIds.put("otp-for-role", flows.create("otp-for-role",
                Flows.step("auth-cookie", "ALTERNATIVE"),
                Flows.flow("forms", "ALTERNATIVE",
                        Flows.step("auth-username-password-form", "REQUIRED"),
                        Flows.flow("otp", "CONDITIONAL",
                                Flows.step("conditional-user-role", "REQUIRED").config("{\"condUserRole\": \"otp-role\"}"),
                                Flows.step("auth-otp-form", "REQUIRED")))));
        flowIds.put("webauthn-required", flows.create("webauthn-required",
                Flows.step("auth-username-password-form", "REQUIRED"),
                Flows.step("webauthn-authenticator", "REQUIRED")));
        flowIds.put("levels", flows.create("levels",
                Flows.step("auth-cookie", "ALTERNATIVE"),
                Flows.flow("forms", "ALTERNATIVE",
                        Flows.flow("level-1", "CONDITIONAL",
                                Flows.step("conditional-level-of-authentication", "REQUIRED")
                                        .config("{\"loa-condition-level\": \"1\", \"loa-max-age\": \"36000\"}"),
                                Flows.step("auth-username-password-form", "REQUIRED")),
                        Flows.flow("level-2", "CONDITIONAL",
                                Flows.step("conditional-level-of-authentication", "REQUIRED")
                                        .config("{\"loa-condition-level\": \"2\", \"loa-max-age\": \"0\"}"),
                                Flows.step("auth-otp-form", "REQUIRED")))));
        requirePkceS256(lanyard, name);
        return name;
    }

    /** A client profile (PKCE S256 enforced) and a policy applying it to clients with the role {@code pkce-s256}, beside Lanyard's own. */
    private static void requirePkceS256(Lanyard lanyard, String realm) {
        ObjectNode profiles = (ObjectNode) lanyard.admin().getJson("/" + realm + "/client-policies/profiles");
        ArrayNode profileList = profiles.has("profiles") ? (ArrayNode) profiles.get("profiles") : profiles.putArray("profiles");
        profileList.add(parse("""
                {"name": "parity-pkce", "executors": [{"executor": "pkce-enforcer", "configuration": {"auto-configure": "false"}}]}"""));
        lanyard.admin().must("PUT", "/" + realm + "/client-policies/profiles", profiles.toString());
        ObjectNode policies = (ObjectNode) lanyard.admin().getJson("/" + realm + "/client-policies/policies");
        ArrayNode policyList = policies.has("policies") ? (ArrayNode) policies.get("policies") : policies.putArray("policies");
        policyList.add(parse("""
                {"name": "parity-pkce", "enabled": true, "profiles": ["parity-pkce"],
                 "conditions": [{"condition": "client-roles", "configuration": {"roles": ["pkce-s256"]}}]}"""));
        lanyard.admin().must("PUT", "/" + realm + "/client-policies/policies", policies.toString());
    }

    private static JsonNode parse(String json) {
        try {
            return Reply.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    /** Authentication flows with sub-flows, built through the admin API as the console builds them. */
    private record Flows(Lanyard lanyard, String realm) {

        record Step(String provider, String alias, String requirement, String config, List<Step> children) {

            Step config(String json) {
                return new Step(provider, alias, requirement, json, children);
            }
        }

        static Step step(String provider, String requirement) {
            return new Step(provider, null, requirement, null, List.of());
        }

        static Step flow(String alias, String requirement, Step... children) {
            return new Step(null, alias, requirement, null, List.of(children));
        }

        /** Creates the top-level flow {@code alias} of {@code steps}; returns its id. */
        String create(String alias, Step... steps) {
            String flows = "/" + realm + "/authentication/flows";
            lanyard.admin().must("POST", flows, "{\"alias\": \"" + alias + "\", \"providerId\": \"basic-flow\", \"topLevel\": true, \"builtIn\": false}");
            List<Step> order = new ArrayList<>();
            add(alias, alias, List.of(steps), order);
            String executions = flows + "/" + alias + "/executions";
            JsonNode created = lanyard.admin().getJson(executions);
            for (int i = 0; i < created.size(); i++) {
                Step step = order.get(i);
                ObjectNode execution = (ObjectNode) created.get(i);
                execution.put("requirement", step.requirement());
                lanyard.admin().must("PUT", executions, execution.toString());
                if (step.config() != null) {
                    lanyard.admin().must("POST", "/" + realm + "/authentication/executions/" + execution.get("id").asText() + "/config",
                            "{\"alias\": \"" + alias + "-" + i + "\", \"config\": " + step.config() + "}");
                }
            }
            for (JsonNode flow : lanyard.admin().getJson(flows)) {
                if (alias.equals(flow.get("alias").asText())) {
                    return flow.get("id").asText();
                }
            }
            throw new IllegalStateException("No flow " + alias);
        }

        /** Depth first, the order in which Keycloak lists a flow's executions. */
        private void add(String topAlias, String parent, List<Step> steps, List<Step> order) {
            String flows = "/" + realm + "/authentication/flows";
            for (Step step : steps) {
                order.add(step);
                if (step.provider() == null) {
                    String alias = topAlias + "-" + step.alias();
                    lanyard.admin().must("POST", flows + "/" + parent + "/executions/flow",
                            "{\"alias\": \"" + alias + "\", \"type\": \"basic-flow\", \"provider\": \"registration-page-form\"}");
                    add(topAlias, alias, step.children(), order);
                } else {
                    lanyard.admin().must("POST", flows + "/" + parent + "/executions/execution", "{\"provider\": \"" + step.provider() + "\"}");
                }
            }
        }
    }
}
