package dev.lanyard.keycloak.it.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin console's "Realm settings → Lanyard" tab and "Lanyard clients" page, driven through the admin REST calls
 * the console makes when an admin saves them ({@code POST}/{@code PUT}/{@code DELETE .../components}): the values
 * land in the attributes the routes read, and the routes behave accordingly.
 */
@ExtendWith(LanyardExtension.class)
class ConsoleSettingsIT {

    private static final String TAB = "org.keycloak.services.ui.extend.UiTabProvider";
    private static final String PAGE = "org.keycloak.services.ui.extend.UiPageProvider";
    private static final String PASSWORD = "Correct-Horse-9";
    private static final String ORIGIN = "http://localhost:5173";
    private static final String CLIENTS = """
            , "roles": {"realm": [{"name": "tester"}]},
              "clients": [{"clientId": "app", "publicClient": false, "secret": "s", "standardFlowEnabled": true,
                           "redirectUris": ["http://localhost:3000/*"]},
                          {"clientId": "spa", "publicClient": true, "standardFlowEnabled": true,
                           "redirectUris": ["http://localhost:5173/*"], "webOrigins": ["http://localhost:5173"]}]""";

    /** Every field of the realm tab and the realm attribute it stands for. */
    private static final Map<String, String> REALM_FIELDS = Map.ofEntries(
            Map.entry("magicLinkTtlSeconds", "lanyard.magicLink.ttlSeconds"),
            Map.entry("magicLinkMaxPerEmail", "lanyard.magicLink.maxPerEmail"),
            Map.entry("magicLinkMaxPerIp", "lanyard.magicLink.maxPerIp"),
            Map.entry("magicLinkWindowSeconds", "lanyard.magicLink.windowSeconds"),
            Map.entry("pinMinLength", "lanyard.pin.minLength"),
            Map.entry("pinMaxLength", "lanyard.pin.maxLength"),
            Map.entry("pinTokenTtlSeconds", "lanyard.pin.tokenTtlSeconds"),
            Map.entry("pinMaxAttempts", "lanyard.pin.maxAttempts"),
            Map.entry("passkeysReauthenticationSeconds", "lanyard.passkeys.reauthenticationSeconds"),
            Map.entry("passkeysMaxPerIp", "lanyard.passkeys.maxPerIp"),
            Map.entry("passkeysWindowSeconds", "lanyard.passkeys.windowSeconds"),
            Map.entry("passkeysRequirePin", "lanyard.passkeys.requirePin"),
            Map.entry("emailCodeLifespanSeconds", "lanyard.emailCode.lifespanSeconds"),
            Map.entry("emailCodeMaxPerEmail", "lanyard.emailCode.maxPerEmail"),
            Map.entry("emailCodeMaxPerIp", "lanyard.emailCode.maxPerIp"),
            Map.entry("emailCodeWindowSeconds", "lanyard.emailCode.windowSeconds"),
            Map.entry("registerSelfServiceRoles", "lanyard.register.selfServiceRoles"),
            Map.entry("registerMaxPerEmail", "lanyard.register.maxPerEmail"),
            Map.entry("registerMaxPerIp", "lanyard.register.maxPerIp"),
            Map.entry("registerWindowSeconds", "lanyard.register.windowSeconds"),
            Map.entry("brandProductName", "lanyard.brand.productName"),
            Map.entry("brandLogoUrl", "lanyard.brand.logoUrl"),
            Map.entry("brandPrimaryColor", "lanyard.brand.primaryColor"));

    /** The switches at the top of the realm tab: Lanyard itself, then each capability (on unless switched off). */
    private static final List<String> SWITCHES = List.of("enabled", "capabilityPublicAuth", "capabilityMagicLink", "capabilityPin", "capabilityPasskeys",
            "capabilityOauth", "capabilityPermissions", "capabilitySocialLogin", "capabilityPlatform", "capabilityAdmin");

    @Test
    void consoleListsTheRealmTabAndTheClientsPage(Lanyard lanyard) {
        JsonNode types = lanyard.admin().serverInfo().get("componentTypes");
        JsonNode tab = provider(types.get(TAB), "Lanyard");
        assertEquals("/:realm/realm-settings/:tab?", tab.at("/metadata/path").asText(), tab.toString());
        assertEquals("lanyard", tab.at("/metadata/params/tab").asText(), tab.toString());
        assertEquals(SWITCHES, propertyNames(tab).subList(0, SWITCHES.size()));
        assertEquals(REALM_FIELDS.keySet(), Set.copyOf(propertyNames(tab).subList(SWITCHES.size(), propertyNames(tab).size())));

        JsonNode page = provider(types.get(PAGE), "Lanyard clients");
        assertEquals(List.of("client", "firstParty", "permissionRequired", "platformGlobal", "platformTenant", "resourceUri",
                "resourceClients"), propertyNames(page));
        assertEquals("ClientList", page.at("/properties/0/type").asText());
    }

    @Test
    void realmTabWritesTheAttributesTheRoutesRead(Lanyard lanyard) {
        String realm = lanyard.newRealm("console-realm", CLIENTS);
        String email = "console-" + UUID.randomUUID() + "@example.com";
        assertEquals(400, register(lanyard, realm, email).status(), "no self-service role before the tab says so");

        Map<String, String> values = new LinkedHashMap<>();
        values.put("enabled", "true");
        REALM_FIELDS.keySet().forEach(field -> values.put(field, "700"));
        values.put("passkeysRequirePin", "true");
        values.putAll(Map.of("magicLinkMaxPerEmail", "1", "pinMinLength", "6", "pinMaxLength", "10", "registerSelfServiceRoles", "tester",
                "brandProductName", "Acme Cloud", "brandLogoUrl", "https://acme.example/logo.svg", "brandPrimaryColor", "#0b7a3b"));
        assertEquals(204, saveTab(lanyard, realm, values).status());

        JsonNode attributes = lanyard.admin().getJson("/" + realm).get("attributes");
        REALM_FIELDS.forEach((field, attribute) -> assertEquals(values.get(field), attributes.path(attribute).asText(),
                attribute + " in " + attributes));

        String branding = lanyard.browser().get(lanyard.realm(realm, "/api/public/branding.css")).body();
        assertTrue(branding.contains("--lanyard-product-name: \"Acme Cloud\";") && branding.contains(": #0b7a3b;")
                && branding.contains("--lanyard-logo-url: \"https://acme.example/logo.svg\";"), branding);

        assertEquals(201, register(lanyard, realm, email).status(), "the self-service role is offered now");
        String user = "pin-" + UUID.randomUUID() + "@example.com";
        lanyard.admin().createUserWithPassword(realm, user, PASSWORD);
        assertEquals(202, requestLink(lanyard, realm, user).status());
        assertEquals(429, requestLink(lanyard, realm, user).status(), "one link per email and window");
        Browser browser = lanyard.browser();
        assertEquals(200, browser.postJson(lanyard.realm(realm, "/api/public/login"),
                "{\"email\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}").status());
        Reply shortPin = setPin(lanyard, browser, realm, "4826");
        assertEquals("invalid_pin_format", shortPin.json().path("error").asText(), "six digits at least: " + shortPin);
        assertEquals(204, setPin(lanyard, browser, realm, "482615").status());

        assertEquals(204, saveTab(lanyard, realm, Map.of("magicLinkMaxPerEmail", "")).status());
        assertTrue(lanyard.admin().getJson("/" + realm).get("attributes").path("lanyard.magicLink.maxPerEmail").isMissingNode(),
                "a blank field removes its attribute, so the default applies again");
    }

    @Test
    void realmTabRefusesBadValuesAndWritesNothing(Lanyard lanyard) {
        String realm = lanyard.newRealm("console-bad", CLIENTS);
        for (Map<String, String> values : List.of(Map.of("magicLinkTtlSeconds", "soon"), Map.of("pinMaxAttempts", "0"),
                Map.of("pinMinLength", "8", "pinMaxLength", "6"), Map.of("registerSelfServiceRoles", "tester, nobody"),
                Map.of("brandPrimaryColor", "red; } body { display: none"), Map.of("brandLogoUrl", "javascript:alert(1)"),
                Map.of("brandProductName", "A name\nof two lines"))) {
            Reply refused = saveTab(lanyard, realm, values);
            assertEquals(400, refused.status(), values + ": " + refused);
        }
        lanyard.admin().getJson("/" + realm).get("attributes").fieldNames()
                .forEachRemaining(name -> assertFalse(name.startsWith("lanyard.") && !name.equals("lanyard.enabled"),
                        "nothing written: " + name));
    }

    @Test
    void realmTabRefusesSelfServiceRolesThatHoldRealmManagementRoles(Lanyard lanyard) {
        String realm = lanyard.newRealm("console-admin-roles", """
                , "roles": {"realm": [{"name": "tester"},
                    {"name": "power", "composite": true, "composites": {"client": {"realm-management": ["manage-users"]}}},
                    {"name": "deputy", "composite": true, "composites": {"realm": ["power"]}}]}""");
        for (String roles : List.of("power", "tester, deputy")) {
            Reply refused = saveTab(lanyard, realm, Map.of("registerSelfServiceRoles", roles));
            assertEquals(400, refused.status(), roles + ": " + refused);
            assertTrue(refused.body().contains("realm-management"), roles + ": " + refused);
        }
        assertTrue(lanyard.admin().getJson("/" + realm).get("attributes").path("lanyard.register.selfServiceRoles").isMissingNode(),
                "nothing written");

        assertEquals(204, saveTab(lanyard, realm, Map.of("registerSelfServiceRoles", "tester")).status());
        assertEquals("tester", lanyard.admin().getJson("/" + realm).get("attributes").path("lanyard.register.selfServiceRoles").asText(),
                "an ordinary realm role is still taken");
    }

    @Test
    void clientsPageWritesTheClientsAttributesAndDeletingRemovesThem(Lanyard lanyard) {
        String realm = lanyard.newRealm("console-clients", CLIENTS);
        assertFalse(isTrusted(lanyard, realm), "not first-party before the page says so");

        Map<String, String> values = new LinkedHashMap<>(Map.of("client", "spa", "firstParty", "true", "permissionRequired", "true",
                "platformGlobal", "true", "resourceUri", "https://api.example.test/", "resourceClients", "spa app"));
        Reply saved = lanyard.admin().must("POST", "/" + realm + "/components", component(lanyard, realm, PAGE, "Lanyard clients", values));
        String componentId = saved.header("Location").orElseThrow().replaceAll(".*/", "");
        assertEquals(Map.of("lanyard.firstParty", "true", "lanyard.permission.required", "true",
                "lanyard.platform.scope", "GLOBAL", "lanyard.resource.uri", "https://api.example.test/",
                "lanyard.resource.clients", "spa app"), lanyardAttributes(lanyard, realm, "spa"));
        assertTrue(isTrusted(lanyard, realm), "the first-party origin gets credentialed CORS");

        values.put("firstParty", "false");
        lanyard.admin().must("PUT", "/" + realm + "/components/" + componentId, component(lanyard, realm, PAGE, "Lanyard clients", values));
        assertFalse(lanyardAttributes(lanyard, realm, "spa").containsKey("lanyard.firstParty"));
        assertFalse(isTrusted(lanyard, realm), "switched off again");

        lanyard.admin().must("DELETE", "/" + realm + "/components/" + componentId, null);
        assertEquals(Map.of(), lanyardAttributes(lanyard, realm, "spa"), "deleting the entry removes the settings");
    }

    @Test
    void clientsPageRefusesBadEntries(Lanyard lanyard) {
        String realm = lanyard.newRealm("console-client-bad", CLIENTS);
        lanyard.admin().must("POST", "/" + realm + "/components", component(lanyard, realm, PAGE, "Lanyard clients",
                Map.of("client", "app", "permissionRequired", "true")));
        for (Map<String, String> values : List.of(Map.of("client", "nobody", "firstParty", "true"), Map.of("firstParty", "true"),
                Map.of("client", "app", "firstParty", "true"), Map.of("client", "spa", "platformTenant", "no-such-tenant"),
                Map.of("client", "spa", "resourceUri", "not a uri"))) {
            Reply refused = lanyard.admin().send("POST", "/" + realm + "/components", component(lanyard, realm, PAGE, "Lanyard clients", values));
            assertEquals(400, refused.status(), values + ": " + refused);
        }
        assertEquals(Map.of(), lanyardAttributes(lanyard, realm, "spa"), "nothing written");
        assertEquals(Map.of("lanyard.permission.required", "true"), lanyardAttributes(lanyard, realm, "app"),
                "the one entry of app is unchanged");
    }

    @Test
    void clientsPageIsForAdminsWhoMayManageClients(Lanyard lanyard) {
        String realm = lanyard.newRealm("console-client-rights", CLIENTS);
        String realmAdmin = realmAdminToken(lanyard, realm, "manage-realm");
        String clientAdmin = realmAdminToken(lanyard, realm, "manage-realm", "manage-clients");
        String components = "/admin/realms/" + realm + "/components";
        String entry = component(lanyard, realm, PAGE, "Lanyard clients", Map.of("client", "spa", "firstParty", "true"));

        Reply refused = asAdmin(lanyard, realmAdmin, "POST", components, entry);
        assertEquals(403, refused.status(), "manage-realm alone may not make a client first-party: " + refused);
        assertEquals(Map.of(), lanyardAttributes(lanyard, realm, "spa"), "nothing written");

        Reply saved = asAdmin(lanyard, clientAdmin, "POST", components, entry);
        assertEquals(201, saved.status(), saved.toString());
        String entryPath = components + "/" + saved.header("Location").orElseThrow().replaceAll(".*/", "");
        String off = component(lanyard, realm, PAGE, "Lanyard clients", Map.of("client", "spa", "firstParty", "false"));
        assertEquals(403, asAdmin(lanyard, realmAdmin, "PUT", entryPath, off).status(), "nor switch it off");
        assertEquals(403, asAdmin(lanyard, realmAdmin, "DELETE", entryPath, null).status(), "nor delete the entry");
        assertEquals(Map.of("lanyard.firstParty", "true"), lanyardAttributes(lanyard, realm, "spa"), "still first-party");
        assertTrue(isTrusted(lanyard, realm));

        JsonNode shown = storedTab(lanyard, realm).orElseThrow();
        ((ObjectNode) shown.get("config")).putArray("magicLinkTtlSeconds").add("300");
        Reply tab = asAdmin(lanyard, realmAdmin, "PUT", components + "/" + shown.get("id").asText(), shown.toString());
        assertEquals(204, tab.status(), "the realm tab is manage-realm's, as Keycloak's realm settings are: " + tab);
        assertEquals(204, asAdmin(lanyard, clientAdmin, "DELETE", entryPath, null).status());
        assertEquals(Map.of(), lanyardAttributes(lanyard, realm, "spa"));
    }

    @Test
    void clientsPageListsEveryClientThatHasLanyardSettings(Lanyard lanyard) {
        Map<String, String> spa = entryValues(lanyard, Lanyard.DEMO_REALM, "lanyard-demo-spa").orElseThrow(
                () -> new AssertionError("the demo SPA, first-party in realm-config, is listed"));
        assertEquals("true", spa.get("firstParty"), spa.toString());
        assertEquals("false", spa.get("permissionRequired"), spa.toString());
        for (String clientId : List.of("lanyard-demo-app", "lanyard-platform-app")) {
            assertTrue(entryValues(lanyard, Lanyard.DEMO_REALM, clientId).isPresent(), clientId + " is listed");
        }
        assertTrue(entryValues(lanyard, Lanyard.DEMO_REALM, "account-console").isEmpty(), "a client without Lanyard settings is not");
    }

    @Test
    void savingAnEntryChangesOnlyWhatTheAdminChanged(Lanyard lanyard) {
        String realm = realmWithASettledClient(lanyard, "console-keep");
        JsonNode before = lanyard.admin().client(realm, "spa").get("attributes");
        JsonNode entry = storedEntry(lanyard, realm, "spa").orElseThrow(() -> new AssertionError("an imported client is listed"));
        assertEquals("true", entry.at("/config/firstParty/0").asText(), entry.toString());

        Reply blank = lanyard.admin().send("POST", "/" + realm + "/components", component(lanyard, realm, PAGE, "Lanyard clients",
                Map.of("client", "spa", "firstParty", "false")));
        assertEquals(400, blank.status(), "a second entry for the client (the console's \"Create item\"): " + blank);
        assertTrue(blank.body().contains("open its entry"), blank.body());

        ((ObjectNode) entry.get("config")).putArray("permissionRequired").add("true");
        lanyard.admin().must("PUT", "/" + realm + "/components/" + entry.get("id").asText(), entry.toString());
        ObjectNode expected = ((ObjectNode) before.deepCopy()).put("lanyard.permission.required", "true");
        assertEquals(expected, lanyard.admin().client(realm, "spa").get("attributes"), "only the switch the admin turned changed");

        ObjectNode client = (ObjectNode) lanyard.admin().client(realm, "spa");
        ((ObjectNode) client.get("attributes")).put("lanyard.platform.scope", "GLOBAL");
        lanyard.admin().must("PUT", "/" + realm + "/clients/" + client.get("id").asText(), client.toString());
        assertEquals("true", storedEntry(lanyard, realm, "spa").orElseThrow().at("/config/platformGlobal/0").asText(),
                "a setting made through the admin REST API shows in the entry");
    }

    @Test
    void anEntryFollowsItsClient(Lanyard lanyard) {
        String realm = lanyard.newRealm("console-follow", CLIENTS);
        ObjectNode client = (ObjectNode) lanyard.admin().client(realm, "spa");
        ((ObjectNode) client.get("attributes")).put("lanyard.firstParty", "true");
        lanyard.admin().must("PUT", "/" + realm + "/clients/" + client.get("id").asText(), client.toString());
        assertTrue(storedEntry(lanyard, realm, "spa").isPresent(), "listed once it has a setting");

        client.put("clientId", "spa-renamed");
        lanyard.admin().must("PUT", "/" + realm + "/clients/" + client.get("id").asText(), client.toString());
        assertTrue(storedEntry(lanyard, realm, "spa").isEmpty(), "no entry under the old client id");
        assertEquals("true", storedEntry(lanyard, realm, "spa-renamed").orElseThrow().at("/config/firstParty/0").asText());

        lanyard.admin().must("DELETE", "/" + realm + "/clients/" + client.get("id").asText(), null);
        assertTrue(lanyard.admin().getJson("/" + realm + "/components?type=" + PAGE).isEmpty(), "a removed client's entry goes");

        ObjectNode app = (ObjectNode) lanyard.admin().client(realm, "app");
        ((ObjectNode) app.get("attributes")).put("lanyard.permission.required", "true");
        lanyard.admin().must("PUT", "/" + realm + "/clients/" + app.get("id").asText(), app.toString());
        assertEquals(204, lanyard.admin().send("DELETE", "/" + realm, null).status(), "a realm with entries can be removed");
    }

    @Test
    void realmTabShowsTheRealmsValuesAndWritesOnlyWhatTheAdminChanged(Lanyard lanyard) {
        String realm = lanyard.newRealm("console-tab", """
                , "attributes": {"lanyard.magicLink.ttlSeconds": "600", "lanyard.brand.productName": "Acme"}""");
        Map<String, String> shown = tabValues(lanyard, realm);
        assertEquals("600", shown.get("magicLinkTtlSeconds"), "an imported setting shows: " + shown);
        assertEquals("Acme", shown.get("brandProductName"), shown.toString());
        assertEquals("3", shown.get("pinMaxAttempts"), "an unset number shows its default: " + shown);

        assertEquals(204, saveTab(lanyard, realm, Map.of("pinMaxAttempts", "5")).status());
        Map<String, String> written = new LinkedHashMap<>();
        lanyard.admin().getJson("/" + realm).get("attributes").fields().forEachRemaining(attribute -> {
            if (attribute.getKey().startsWith("lanyard.")) {
                written.put(attribute.getKey(), attribute.getValue().asText());
            }
        });
        assertEquals(Map.of("lanyard.enabled", "true", "lanyard.magicLink.ttlSeconds", "600", "lanyard.brand.productName", "Acme",
                "lanyard.pin.maxAttempts", "5"), written, "no default written beside the one change");
    }

    /** A new realm whose client {@code spa} has Lanyard settings and others (from its realm JSON, as an import sets them). */
    static String realmWithASettledClient(Lanyard lanyard, String prefix) {
        return lanyard.newRealm(prefix, """
                , "clients": [{"clientId": "spa", "publicClient": true, "standardFlowEnabled": true,
                               "redirectUris": ["http://localhost:5173/*"], "webOrigins": ["http://localhost:5173"],
                               "attributes": {"lanyard.firstParty": "true", "lanyard.resource.uri": "https://api.example.test/",
                                              "pkce.code.challenge.method": "S256"}}]""");
    }

    /** What the console's Save does on the realm tab: the stored form, as shown, with the admin's edits; POST when none. */
    private static Reply saveTab(Lanyard lanyard, String realm, Map<String, String> edits) {
        Optional<JsonNode> stored = storedTab(lanyard, realm);
        if (stored.isEmpty()) {
            return lanyard.admin().send("POST", "/" + realm + "/components", component(lanyard, realm, TAB, "Lanyard", edits));
        }
        ObjectNode form = (ObjectNode) stored.get();
        ObjectNode config = form.has("config") ? (ObjectNode) form.get("config") : form.putObject("config");
        edits.forEach((field, value) -> config.putArray(field).add(value));
        return lanyard.admin().send("PUT", "/" + realm + "/components/" + form.get("id").asText(), form.toString());
    }

    private static Optional<JsonNode> storedTab(Lanyard lanyard, String realm) {
        return StreamSupport.stream(lanyard.admin().getJson("/" + realm + "/components?type=" + TAB).spliterator(), false)
                .filter(tab -> "Lanyard".equals(tab.path("providerId").asText())).findFirst();
    }

    /** The realm tab's stored values. */
    private static Map<String, String> tabValues(Lanyard lanyard, String realm) {
        Map<String, String> values = new LinkedHashMap<>();
        storedTab(lanyard, realm).orElseThrow().path("config").fields()
                .forEachRemaining(field -> values.put(field.getKey(), field.getValue().path(0).asText()));
        return values;
    }

    private static Optional<JsonNode> storedEntry(Lanyard lanyard, String realm, String clientId) {
        return StreamSupport.stream(lanyard.admin().getJson("/" + realm + "/components?type=" + PAGE).spliterator(), false)
                .filter(entry -> clientId.equals(entry.at("/config/client/0").asText())).findFirst();
    }

    private static Optional<Map<String, String>> entryValues(Lanyard lanyard, String realm, String clientId) {
        return storedEntry(lanyard, realm, clientId).map(entry -> {
            Map<String, String> values = new LinkedHashMap<>();
            entry.path("config").fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().path(0).asText()));
            return values;
        });
    }

    /** An access token of a new admin of {@code realm} who holds the realm-management {@code roles}. */
    private static String realmAdminToken(Lanyard lanyard, String realm, String... roles) {
        String username = "admin-" + UUID.randomUUID();
        String userId = lanyard.admin().createUser(realm, """
                {"username": "%s", "enabled": true, "email": "%s@example.com", "emailVerified": true, "firstName": "Realm",
                 "lastName": "Admin", "credentials": [{"type": "password", "value": "%s", "temporary": false}]}"""
                .formatted(username, username, PASSWORD));
        lanyard.admin().grantRealmManagement(realm, userId, roles);
        Reply token = lanyard.browser().postForm(lanyard.realm(realm, "/protocol/openid-connect/token"), Map.of(
                "grant_type", "password", "client_id", "admin-cli", "username", username, "password", PASSWORD));
        assertEquals(200, token.status(), token.toString());
        return token.json().get("access_token").asText();
    }

    private static Reply asAdmin(Lanyard lanyard, String token, String method, String path, String json) {
        return lanyard.browser().send(method, lanyard.baseUri().resolve(path), json == null ? null : "application/json", json,
                "Authorization", "Bearer " + token);
    }

    /** The component the console saves: config values are lists; parentId is the realm's id. */
    private static String component(Lanyard lanyard, String realm, String type, String providerId, Map<String, String> values) {
        ObjectNode component = Reply.JSON.createObjectNode()
                .put("name", providerId).put("providerId", providerId).put("providerType", type)
                .put("parentId", lanyard.admin().getJson("/" + realm).get("id").asText());
        ObjectNode config = component.putObject("config");
        values.forEach((field, value) -> config.putArray(field).add(value));
        return component.toString();
    }

    private static JsonNode provider(JsonNode types, String id) {
        return StreamSupport.stream(types.spliterator(), false).filter(type -> id.equals(type.path("id").asText())).findFirst()
                .orElseThrow(() -> new AssertionError(id + " is not among " + types));
    }

    private static List<String> propertyNames(JsonNode type) {
        return StreamSupport.stream(type.get("properties").spliterator(), false).map(property -> property.get("name").asText()).toList();
    }

    private static Map<String, String> lanyardAttributes(Lanyard lanyard, String realm, String clientId) {
        Map<String, String> found = new LinkedHashMap<>();
        lanyard.admin().client(realm, clientId).path("attributes").fields().forEachRemaining(entry -> {
            if (entry.getKey().startsWith("lanyard.")) {
                found.put(entry.getKey(), entry.getValue().asText());
            }
        });
        return found;
    }

    private static boolean isTrusted(Lanyard lanyard, String realm) {
        Reply preflight = lanyard.browser().send("OPTIONS", lanyard.realm(realm, "/api/public/login"), null, null,
                "Origin", ORIGIN, "Access-Control-Request-Method", "POST");
        Optional<String> allowed = preflight.header("Access-Control-Allow-Origin");
        return allowed.isPresent() && allowed.get().equals(ORIGIN)
                && "true".equals(preflight.header("Access-Control-Allow-Credentials").orElse(""));
    }

    private static Reply register(Lanyard lanyard, String realm, String email) {
        return lanyard.browser().postJson(lanyard.realm(realm, "/api/public/register"),
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"name\":\"Self Service\",\"role\":\"tester\"}");
    }

    private static Reply requestLink(Lanyard lanyard, String realm, String email) {
        return lanyard.browser().postJson(lanyard.realm(realm, "/api/public/request-magic-link"),
                "{\"email\":\"" + email + "\",\"redirect_uri\":\"http://localhost:3000/\",\"client_id\":\"app\"}");
    }

    private static Reply setPin(Lanyard lanyard, Browser browser, String realm, String pin) {
        return browser.send("PUT", lanyard.realm(realm, "/api/public/pin"), "application/json",
                "{\"pin\":\"" + pin + "\",\"password\":\"" + PASSWORD + "\"}",
                "Origin", lanyard.baseUri().toString().replaceAll("/$", ""));
    }
}
