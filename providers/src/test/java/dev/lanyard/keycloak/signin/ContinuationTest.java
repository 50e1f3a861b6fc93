package dev.lanyard.keycloak.signin;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ContinuationTest {

    @Test
    void everyKindReadsBackAsWritten() {
        List<Continuation> continuations = List.of(Continuation.API_ANSWER,
                new Continuation.Page("https://app.example/back?x=1", "spa"),
                new Continuation.Authorization(Map.of("client_id", List.of("spa"), "resource", List.of("https://a", "https://b"))));
        for (Continuation continuation : continuations) {
            assertEquals(continuation, Continuation.fromJson(continuation.toJson()));
        }
    }

    @Test
    void authorizationNamesItsClient() {
        assertEquals("spa", new Continuation.Authorization(Map.of("client_id", List.of("spa"))).clientId());
        assertNull(new Continuation.Authorization(Map.of()).clientId());
        assertNull(Continuation.API_ANSWER.clientId());
    }

    @Test
    void membersAndKindsOfAnotherVersionAreTolerated() {
        assertEquals(new Continuation.Page("https://app.example", "spa"),
                Continuation.fromJson("{\"type\":\"page\",\"redirectUri\":\"https://app.example\",\"clientId\":\"spa\",\"added\":1}"));
        assertEquals(Continuation.API_ANSWER, Continuation.fromJson("{\"type\":\"kind-of-a-later-version\",\"x\":\"y\"}"));
        assertEquals(Continuation.API_ANSWER, Continuation.fromJson(null));
    }
}
