package dev.lanyard.keycloak.admin;

/** {@code POST admin/users}: the account (username defaults to the email) and an optional realm role. */
public record NewUserRequest(String email, String password, String username, String role) {
}
