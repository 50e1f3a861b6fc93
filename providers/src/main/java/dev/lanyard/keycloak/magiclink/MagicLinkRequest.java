package dev.lanyard.keycloak.magiclink;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST public/request-magic-link}. */
public record MagicLinkRequest(String email, @JsonProperty("redirect_uri") String redirectUri,
                               @JsonProperty("client_id") String clientId) {
}
