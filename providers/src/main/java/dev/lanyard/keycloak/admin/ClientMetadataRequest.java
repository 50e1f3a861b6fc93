package dev.lanyard.keycloak.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** Seed 004's client metadata (RFC 7591 names), as a register or update request sends it; absent fields are null. */
public record ClientMetadataRequest(
        @JsonProperty("client_name") String clientName,
        @JsonProperty("client_type") String clientType,
        @JsonProperty("grant_types") List<String> grantTypes,
        @JsonProperty("redirect_uris") List<String> redirectUris,
        @JsonProperty("response_types") List<String> responseTypes,
        String scopes,
        @JsonProperty("token_endpoint_auth_method") String tokenEndpointAuthMethod,
        @JsonProperty("is_active") Boolean isActive) {
}
