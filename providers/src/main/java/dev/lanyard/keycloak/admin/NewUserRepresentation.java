package dev.lanyard.keycloak.admin;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Seed 004's answer for a created user; {@code createdAt} in ISO-8601, {@code role} null when none was given. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record NewUserRepresentation(String id, String email, String username, String role, String createdAt) {
}
