package dev.lanyard.keycloak.platform;

/** {@code {"status": ...}}: a device decision ({@code approved}, {@code denied}) or {@code logged_out}. */
public record StatusRepresentation(String status) {
}
