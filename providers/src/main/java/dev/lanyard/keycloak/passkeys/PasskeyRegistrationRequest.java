package dev.lanyard.keycloak.passkeys;

import java.util.List;

/**
 * {@code POST public/passkeys}: the {@code RegistrationResponseJSON} of WebAuthn Level 3 that
 * {@code navigator.credentials.create()} gave (its {@code toJSON()}), and a label for the passkey list.
 */
public record PasskeyRegistrationRequest(Credential credential, String label) {

    /** {@code RegistrationResponseJSON}: the fields Lanyard reads. */
    public record Credential(String id, String rawId, String type, Response response) {
    }

    /** {@code AuthenticatorAttestationResponseJSON}: base64url {@code clientDataJSON} and {@code attestationObject}. */
    public record Response(String clientDataJSON, String attestationObject, List<String> transports) {
    }
}
