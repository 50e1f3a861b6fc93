package dev.lanyard.keycloak.permissions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A user's permission for an app (ARCHITECTURE §8): times in ISO-8601, null where there are none. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PermissionRepresentation(
        @JsonProperty("user_id") String userId,
        @JsonProperty("client_id") String clientId,
        String role,
        String status,
        @JsonProperty("requested_at") String requestedAt,
        @JsonProperty("updated_at") String updatedAt) {
}
