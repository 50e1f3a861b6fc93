package dev.lanyard.keycloak.permissions;

/** {@code POST ... request-access {email, name}}: who asks, as they want the app's admins to see it. */
public record AccessRequest(String email, String name) {
}
