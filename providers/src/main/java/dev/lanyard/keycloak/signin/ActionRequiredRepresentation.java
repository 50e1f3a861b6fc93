package dev.lanyard.keycloak.signin;

import com.fasterxml.jackson.annotation.JsonProperty;

/** 403 of {@code public/login} for a user with a pending required action (after a correct password only). */
public record ActionRequiredRepresentation(
        String error,
        @JsonProperty("error_description") String errorDescription,
        @JsonProperty("required_action") String requiredAction) {
}
