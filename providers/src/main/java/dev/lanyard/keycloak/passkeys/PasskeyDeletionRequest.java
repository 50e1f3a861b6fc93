package dev.lanyard.keycloak.passkeys;

/** {@code DELETE public/passkeys/{id}}: the account password, so that a stolen session alone removes nothing. */
public record PasskeyDeletionRequest(String password) {
}
