package dev.lanyard.keycloak.publicauth;

/**
 * {@code POST public/register}: the new account's email, password and display name (username optional), and a
 * realm role the realm offers for self-service registration ({@code lanyard.register.selfServiceRoles}).
 */
public record RegisterRequest(String email, String password, String name, String username, String role) {
}
