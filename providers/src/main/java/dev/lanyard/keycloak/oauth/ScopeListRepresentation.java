package dev.lanyard.keycloak.oauth;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** Answer of {@code GET oauth/scopes}. */
public record ScopeListRepresentation(List<Scope> scopes) {

    public record Scope(String name, String description, @JsonProperty("consent_text") String consentText) {
    }
}
