package dev.lanyard.keycloak.passkeys;

import dev.lanyard.keycloak.signin.PasskeyAssertion;

/**
 * {@code DELETE public/passkeys/{id}}: the account password, or a fresh assertion of one of the user's passkeys (the
 * {@code AuthenticationResponseJSON} over a challenge of {@code authentication-options}), so that a stolen session alone
 * removes nothing.
 */
public record PasskeyDeletionRequest(String password, PasskeyAssertion credential) {
}
