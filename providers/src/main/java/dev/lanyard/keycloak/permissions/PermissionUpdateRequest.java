package dev.lanyard.keycloak.permissions;

/** {@code PUT ... permissions {role, status}}. */
public record PermissionUpdateRequest(String role, String status) {
}
