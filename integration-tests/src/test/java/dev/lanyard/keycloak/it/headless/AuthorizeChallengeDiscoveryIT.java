package dev.lanyard.keycloak.it.headless;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The realm's own OIDC discovery names the Authorization Challenge Endpoint (issue 30) only where Lanyard serves it. */
@ExtendWith(LanyardExtension.class)
class AuthorizeChallengeDiscoveryIT {

    private static final String FIELD = "authorization_challenge_endpoint";

    @Test
    void discoveryAdvertisesTheChallengeEndpointBesideKeycloaksOwnFields(Lanyard lanyard) {
        String realm = lanyard.newRealm("discovery", "");
        JsonNode discovery = discovery(lanyard, realm);

        String issuer = lanyard.realm(realm, "").toString();
        assertEquals(issuer, discovery.get("issuer").asText());
        assertEquals(issuer + "/api/oauth/authorize-challenge", discovery.path(FIELD).asText(), discovery.toString());
        assertKeycloaksFields(discovery, issuer);
        Reply served = lanyard.browser().postForm(URI.create(discovery.get(FIELD).asText()), Map.of("client_id", "nobody"));
        assertEquals("invalid_client", served.json().path("error").asText(), "the advertised endpoint answers: " + served);
    }

    @Test
    void aRealmWithLanyardOffGetsKeycloaksDocumentAlone(Lanyard lanyard) {
        String realm = lanyard.newRealm("discovery-off", "", false);
        JsonNode discovery = discovery(lanyard, realm);
        assertFalse(discovery.has(FIELD), discovery.toString());
        assertKeycloaksFields(discovery, lanyard.realm(realm, "").toString());
    }

    @Test
    void aRealmWithTheOauthCapabilityOffAdvertisesNoChallengeEndpoint(Lanyard lanyard) {
        String realm = lanyard.newRealm("discovery-no-oauth", ", \"attributes\": {\"lanyard.oauth.enabled\": \"false\"}");
        JsonNode discovery = discovery(lanyard, realm);
        assertFalse(discovery.has(FIELD), discovery.toString());
        assertKeycloaksFields(discovery, lanyard.realm(realm, "").toString());
    }

    private static JsonNode discovery(Lanyard lanyard, String realm) {
        Reply reply = lanyard.browser().get(lanyard.realm(realm, "/.well-known/openid-configuration"));
        assertEquals(200, reply.status(), reply.toString());
        return reply.json();
    }

    private static void assertKeycloaksFields(JsonNode discovery, String issuer) {
        assertEquals(issuer, discovery.get("issuer").asText(), discovery.toString());
        assertEquals(issuer + "/protocol/openid-connect/auth", discovery.path("authorization_endpoint").asText());
        assertEquals(issuer + "/protocol/openid-connect/token", discovery.path("token_endpoint").asText());
        assertEquals(issuer + "/protocol/openid-connect/certs", discovery.path("jwks_uri").asText());
        assertTrue(Reply.texts(discovery.path("grant_types_supported")).contains("authorization_code"), discovery.toString());
    }
}
