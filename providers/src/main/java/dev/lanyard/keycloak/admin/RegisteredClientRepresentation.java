package dev.lanyard.keycloak.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A client in seed 004's shape. {@code client_secret} and {@code client_secret_expires_at} appear only in the
 * answer that creates a confidential client: the secret is never shown again.
 */
public record RegisteredClientRepresentation(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_name") String clientName,
        @JsonProperty("client_type") String clientType,
        @JsonProperty("grant_types") List<String> grantTypes,
        @JsonProperty("redirect_uris") List<String> redirectUris,
        @JsonProperty("response_types") List<String> responseTypes,
        String scopes,
        @JsonProperty("token_endpoint_auth_method") String tokenEndpointAuthMethod,
        @JsonProperty("is_active") boolean isActive,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("client_secret") String clientSecret,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("client_secret_expires_at") Long clientSecretExpiresAt) {

    RegisteredClientRepresentation withSecret(String secret) {
        return new RegisteredClientRepresentation(clientId, clientName, clientType, grantTypes, redirectUris, responseTypes,
                scopes, tokenEndpointAuthMethod, isActive, secret, 0L);
    }
}
