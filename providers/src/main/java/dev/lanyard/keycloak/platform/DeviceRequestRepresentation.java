package dev.lanyard.keycloak.platform;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** What a verification page shows of a device request (ARCHITECTURE §8); {@code expires_at} in ISO-8601. */
public record DeviceRequestRepresentation(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("application_name") String applicationName,
        List<String> scopes,
        @JsonProperty("expires_at") String expiresAt) {
}
