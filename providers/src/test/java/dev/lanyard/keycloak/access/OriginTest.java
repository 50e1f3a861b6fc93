package dev.lanyard.keycloak.access;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginTest {

    @Test
    void urlsAreReducedToTheirCanonicalOrigin() {
        assertEquals(Optional.of(new Origin("https://app.example.com")), Origin.parse("https://App.Example.com:443/path?q=1"));
        assertEquals(Optional.of(new Origin("http://localhost:5173")), Origin.parse("http://localhost:5173/callback"));
        assertEquals(Optional.of(new Origin("http://localhost")), Origin.parse("http://localhost:80"));
    }

    @Test
    void nonHttpOriginsAreNotOrigins() {
        assertEquals(Optional.empty(), Origin.parse("null"));
        assertEquals(Optional.empty(), Origin.parse("file:///etc/passwd"));
        assertEquals(Optional.empty(), Origin.parse("/relative/path"));
        assertEquals(Optional.empty(), Origin.parse("http://[bad"));
        assertEquals(Optional.empty(), Origin.parse(" "));
        assertEquals(Optional.empty(), Origin.parse(null));
    }

    @Test
    void trustedOriginsMatchCanonically() {
        TrustedOrigins trusted = new TrustedOrigins(List.of("https://app.example.com", "http://localhost:3000", "*"));
        assertTrue(trusted.contains(Origin.parse("https://APP.example.com:443").orElseThrow()));
        assertTrue(trusted.contains(Origin.parse("http://localhost:3000").orElseThrow()));
        assertFalse(trusted.contains(Origin.parse("http://localhost:3001").orElseThrow()));
        assertFalse(trusted.contains(Origin.parse("https://evil.example").orElseThrow()), "a wildcard web origin is not trusted");
    }

    @Test
    void requestOriginFallsBackToTheReferer() {
        assertEquals(Optional.of(new Origin("https://a.example")), TrustedOrigins.ofRequest("https://a.example", "https://b.example/x"));
        assertEquals(Optional.of(new Origin("https://b.example")), TrustedOrigins.ofRequest(null, "https://b.example/x"));
        assertEquals(Optional.empty(), TrustedOrigins.ofRequest("null", "https://b.example/x"), "an opaque origin is not replaced by the referer");
        assertEquals(Optional.empty(), TrustedOrigins.ofRequest(null, null));
    }
}
