package dev.lanyard.keycloak.signin;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * WebAuthn Level 3 {@code PublicKeyCredentialRequestOptionsJSON}, for
 * {@code PublicKeyCredential.parseRequestOptionsFromJSON}. No {@code allowCredentials}: the authenticator offers the
 * passkeys it holds for the relying party, so the caller names no user and learns of none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PasskeyRequestOptions(String challenge, String rpId, Long timeout, String userVerification) {
}
