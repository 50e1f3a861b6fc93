package dev.lanyard.keycloak.publicauth;

/** {@code POST public/register}: the new account's email, password and display name (username optional). */
public record RegisterRequest(String email, String password, String name, String username) {
}
