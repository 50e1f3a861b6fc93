package dev.lanyard.keycloak.it.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seed 004's client registration, served by Keycloak's dynamic client registration with realm-config's policies. */
@ExtendWith(LanyardExtension.class)
class ClientRegistrationIT {

    @Test
    void anonymousRegistrationFromATrustedHostMakesAConsentRequiredClient(Lanyard lanyard) {
        String name = "dcr-" + UUID.randomUUID();
        Reply registered = lanyard.browser().postJson(registrationEndpoint(lanyard), """
                {"client_name": "%s", "redirect_uris": ["http://localhost:4000/cb"], "grant_types": ["authorization_code"]}"""
                .formatted(name));
        assertEquals(201, registered.status(), registered.toString());
        assertFalse(registered.json().get("client_secret").asText().isEmpty());
        assertFalse(registered.json().get("registration_access_token").asText().isEmpty());

        JsonNode client = lanyard.admin().getJson("/" + Lanyard.DEMO_REALM + "/clients?clientId="
                + registered.json().get("client_id").asText()).get(0);
        assertTrue(client.get("consentRequired").asBoolean(), "anonymous clients ask for consent");
        assertFalse(client.get("fullScopeAllowed").asBoolean(), "and get no full scope");
    }

    @Test
    void redirectUrisOutsideTheTrustedHostsAreRefused(Lanyard lanyard) {
        Reply refused = lanyard.browser().postJson(registrationEndpoint(lanyard), """
                {"client_name": "evil", "redirect_uris": ["https://evil.example/cb"]}""");
        assertEquals(403, refused.status(), refused.toString());
    }

    @Test
    void discoveryAdvertisesRegistrationAndIntrospection(Lanyard lanyard) {
        JsonNode discovery = lanyard.browser().get(lanyard.realm(Lanyard.DEMO_REALM, "/.well-known/openid-configuration")).json();
        assertEquals(registrationEndpoint(lanyard).toString(), discovery.get("registration_endpoint").asText());
        assertTrue(discovery.get("introspection_endpoint").asText().endsWith("/token/introspect"));
    }

    @Test
    void adminCreatesAUserWithARole(Lanyard lanyard) {
        String realmRoles = "/" + Lanyard.DEMO_REALM + "/roles";
        String role = "editor-" + UUID.randomUUID().toString().substring(0, 8);
        lanyard.admin().must("POST", realmRoles, "{\"name\": \"" + role + "\"}");
        String email = "admin-made-" + UUID.randomUUID() + "@example.com";
        String userId = lanyard.admin().createUser(Lanyard.DEMO_REALM, email, email);
        lanyard.admin().must("POST", "/" + Lanyard.DEMO_REALM + "/users/" + userId + "/role-mappings/realm",
                "[" + lanyard.admin().getJson(realmRoles + "/" + role) + "]");
        String mapped = lanyard.admin().getJson("/" + Lanyard.DEMO_REALM + "/users/" + userId + "/role-mappings/realm").toString();
        assertTrue(mapped.contains("\"name\":\"" + role + "\""), mapped);
    }

    private static URI registrationEndpoint(Lanyard lanyard) {
        return lanyard.realm(Lanyard.DEMO_REALM, "/clients-registrations/openid-connect");
    }
}
