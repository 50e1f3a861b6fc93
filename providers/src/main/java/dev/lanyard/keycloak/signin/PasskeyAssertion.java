package dev.lanyard.keycloak.signin;

/** WebAuthn Level 3 {@code AuthenticationResponseJSON} of {@code navigator.credentials.get()}: the fields Lanyard reads. */
public record PasskeyAssertion(String id, String rawId, String type, Response response) {

    /** {@code AuthenticatorAssertionResponseJSON}, every field base64url. */
    public record Response(String clientDataJSON, String authenticatorData, String signature, String userHandle) {
    }
}
