package dev.lanyard.keycloak.passkeys;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST public/passkeys/login}: the {@code AuthenticationResponseJSON} of {@code navigator.credentials.get()}. */
public record PasskeyLoginRequest(Credential credential, @JsonProperty("remember_me") Boolean rememberMe) {

    /** {@code AuthenticationResponseJSON}: the fields Lanyard reads. */
    public record Credential(String id, String rawId, String type, Response response) {
    }

    /** {@code AuthenticatorAssertionResponseJSON}, every field base64url. */
    public record Response(String clientDataJSON, String authenticatorData, String signature, String userHandle) {
    }
}
