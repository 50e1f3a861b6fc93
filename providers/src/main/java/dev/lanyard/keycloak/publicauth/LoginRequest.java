package dev.lanyard.keycloak.publicauth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST public/login}: email or username, and the password. */
public record LoginRequest(String email, String username, String password, @JsonProperty("remember_me") Boolean rememberMe) {
}
