package dev.lanyard.keycloak.it.foundation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** realm-config/ is imported at start, with everything the later capabilities build on. */
@ExtendWith(LanyardExtension.class)
class DemoRealmIT {

    @Test
    void demoRealmIsImportedWithLanyardThemesAndBruteForceDetection(Lanyard lanyard) {
        JsonNode realm = lanyard.admin().getJson("/" + Lanyard.DEMO_REALM);
        assertTrue(realm.get("enabled").asBoolean());
        assertEquals("lanyard", realm.get("loginTheme").asText());
        assertEquals("lanyard", realm.get("emailTheme").asText());
        assertTrue(realm.get("bruteForceProtected").asBoolean());
        assertTrue(realm.get("eventsEnabled").asBoolean());
    }

    @Test
    void confidentialAndPkceClientsAreRegistered(Lanyard lanyard) {
        JsonNode app = lanyard.admin().client(Lanyard.DEMO_REALM, "lanyard-demo-app");
        assertFalse(app.get("publicClient").asBoolean());
        assertTrue(Reply.texts(app.get("optionalClientScopes")).contains("manage_permissions"));

        JsonNode spa = lanyard.admin().client(Lanyard.DEMO_REALM, "lanyard-demo-spa");
        assertTrue(spa.get("publicClient").asBoolean());
        assertEquals("S256", spa.get("attributes").get("pkce.code.challenge.method").asText());
        for (JsonNode firstParty : List.of(app, spa)) {
            assertTrue(Reply.texts(firstParty.get("optionalClientScopes")).contains("lanyard-authorize"),
                    "bearer authorize needs tokens asked with scope lanyard-authorize: " + firstParty.get("clientId"));
        }
    }

    @Test
    void platformAppAndResourceIndicatorsAreConfigured(Lanyard lanyard) {
        assertTrue(lanyard.admin().getJson("/" + Lanyard.DEMO_REALM).get("organizationsEnabled").asBoolean(), "tenants are organizations");
        JsonNode platform = lanyard.admin().client(Lanyard.DEMO_REALM, "lanyard-platform-app");
        assertEquals("GLOBAL", platform.get("attributes").get("lanyard.platform.scope").asText());

        JsonNode app = lanyard.admin().client(Lanyard.DEMO_REALM, "lanyard-demo-app");
        assertTrue(Reply.texts(app.get("defaultClientScopes")).contains("resource-indicators"));
        JsonNode api = lanyard.admin().client(Lanyard.DEMO_REALM, "lanyard-demo-api");
        assertEquals("http://localhost:8081", api.get("attributes").get("lanyard.resource.uri").asText());
        JsonNode scopes = lanyard.admin().getJson("/" + Lanyard.DEMO_REALM + "/client-scopes");
        assertTrue(scopes.toString().contains("lanyard-resource-audience"), "the scope carries Lanyard's mapper");
    }

    @Test
    void keycloaksDefaultClientScopesApplyToEveryClient(Lanyard lanyard) {
        assumeServerCreatesItsDefaultScopesOnImport(lanyard);
        List<String> defaults = List.of("basic", "profile", "email", "roles", "web-origins", "acr");
        List<String> realmDefaults = new ArrayList<>();
        lanyard.admin().getJson("/" + Lanyard.DEMO_REALM + "/default-default-client-scopes")
                .forEach(scope -> realmDefaults.add(scope.get("name").asText()));
        assertTrue(realmDefaults.containsAll(defaults), realmDefaults.toString());
        for (String clientId : List.of("account-console", "security-admin-console", "admin-cli", "lanyard-demo-spa")) {
            JsonNode client = lanyard.admin().client(Lanyard.DEMO_REALM, clientId);
            assertTrue(Reply.texts(client.get("defaultClientScopes")).containsAll(defaults),
                    clientId + " gets sub, profile and roles in its tokens: " + client.get("defaultClientScopes"));
        }
        JsonNode platform = lanyard.admin().client(Lanyard.DEMO_REALM, "lanyard-platform-app");
        assertTrue(Reply.texts(platform.get("optionalClientScopes")).contains("organization"), "tenants in its tokens");
    }

    @Test
    void appClientHasUserAndAdminRoles(Lanyard lanyard) {
        JsonNode app = lanyard.admin().client(Lanyard.DEMO_REALM, "lanyard-demo-app");
        JsonNode roles = lanyard.admin().getJson("/" + Lanyard.DEMO_REALM + "/clients/" + app.get("id").asText() + "/roles");
        List<String> names = new ArrayList<>();
        roles.forEach(role -> names.add(role.get("name").asText()));
        assertTrue(names.containsAll(List.of("user", "admin")), names.toString());
    }

    @Test
    void managePermissionsScopeExists(Lanyard lanyard) {
        JsonNode scopes = lanyard.admin().getJson("/" + Lanyard.DEMO_REALM + "/client-scopes");
        List<String> names = new ArrayList<>();
        scopes.forEach(scope -> names.add(scope.get("name").asText()));
        assertTrue(names.contains("manage_permissions"), names.toString());
    }

    @Test
    void googleAndFacebookProvidersImportDisabledUntilTheirCredentialsAreSet(Lanyard lanyard) {
        for (String alias : new String[]{"google", "facebook"}) {
            JsonNode provider = lanyard.admin().getJson("/" + Lanyard.DEMO_REALM + "/identity-provider/instances/" + alias);
            assertEquals(alias, provider.get("providerId").asText(), "Keycloak's own provider type");
            assertFalse(provider.get("enabled").asBoolean(), "off until LANYARD_" + alias.toUpperCase() + "_ENABLED=true");
            assertEquals("lanyard first broker login", provider.get("firstBrokerLoginFlowAlias").asText());
            assertEquals("lanyard post broker login", provider.get("postBrokerLoginFlowAlias").asText());
            List<String> mapped = new ArrayList<>();
            lanyard.admin().getJson("/" + Lanyard.DEMO_REALM + "/identity-provider/instances/" + alias + "/mappers")
                    .forEach(mapper -> mapped.add(mapper.get("config").get("userAttribute").asText()));
            assertTrue(mapped.containsAll(List.of("email", "firstName", "lastName", "picture")), mapped.toString());
        }
        assertTrue(lanyard.admin().getJson("/" + Lanyard.DEMO_REALM + "/identity-provider/instances/google").get("trustEmail").asBoolean(),
                "Google vouches for its verified emails");
        JsonNode postBroker = lanyard.admin().getJson("/" + Lanyard.DEMO_REALM + "/authentication/flows/lanyard%20post%20broker%20login/executions");
        assertTrue(postBroker.toString().contains("lanyard-pin"), "the PIN applies after a broker login: " + postBroker);
        assertTrue(postBroker.toString().contains("lanyard-app-permission"), "and so does the app permission gate: " + postBroker);
        assertTrue(postBroker.toString().contains("lanyard-account-link-event"), "linking is recorded: " + postBroker);
    }

    @Test
    void demoUserExistsWithAVerifiedEmail(Lanyard lanyard) {
        JsonNode users = lanyard.admin().getJson("/" + Lanyard.DEMO_REALM + "/users?username=demo&exact=true");
        assertEquals(1, users.size(), users.toString());
        assertEquals("demo@example.com", users.get(0).get("email").asText());
        assertTrue(users.get(0).get("emailVerified").asBoolean());
    }

    @Test
    void smtpSettingsPointAtTheTestMailServer(Lanyard lanyard) {
        JsonNode smtp = lanyard.admin().getJson("/" + Lanyard.DEMO_REALM).get("smtpServer");
        assertEquals(Integer.toString(lanyard.mail().getSmtp().getPort()), smtp.get("port").asText());
    }

    @Test
    void setUpPinRequiredActionIsRegisteredAndEnabled(Lanyard lanyard) {
        JsonNode action = lanyard.admin().getJson("/" + Lanyard.DEMO_REALM + "/authentication/required-actions/lanyard-set-pin");
        assertTrue(action.get("enabled").asBoolean(), action.toString());
    }

    /**
     * The realm file asks for Keycloak's default client scopes (realm attribute {@code CreateDefaultClientScopes},
     * as the file declares scopes of its own); servers before 26.7 ignore the attribute (docs/operations.md, Compatibility).
     */
    private static void assumeServerCreatesItsDefaultScopesOnImport(Lanyard lanyard) {
        String version = lanyard.admin().serverInfo().get("systemInfo").get("version").asText();
        String[] parts = version.split("\\.");
        assumeTrue(Integer.parseInt(parts[0]) > 26 || Integer.parseInt(parts[1]) >= 7,
                "Keycloak " + version + " creates no default client scopes for an imported realm that declares scopes");
    }
}
