package dev.lanyard.keycloak.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** Answer of {@code GET oauth/consent}: what an app's consent screen shows, and what the user granted already. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ConsentRepresentation(@JsonProperty("client_id") String clientId, @JsonProperty("client_name") String clientName,
                                    List<Scope> scopes) {

    public record Scope(String name, String description, @JsonProperty("consent_text") String consentText, boolean granted) {
    }
}
