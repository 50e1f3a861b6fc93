package dev.lanyard.keycloak.passkeys;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * WebAuthn Level 3 {@code PublicKeyCredentialCreationOptionsJSON}, for
 * {@code PublicKeyCredential.parseCreationOptionsFromJSON}: binary fields are base64url.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreationOptionsRepresentation(RelyingParty rp, User user, String challenge,
                                            List<CredentialParameters> pubKeyCredParams, Long timeout,
                                            List<CredentialDescriptor> excludeCredentials,
                                            AuthenticatorSelection authenticatorSelection, String attestation) {

    public record RelyingParty(String id, String name) {
    }

    /** {@code id} is Keycloak's user id in UTF-8, base64url: the {@code userHandle} Keycloak's own pages expect. */
    public record User(String id, String name, String displayName) {
    }

    public record CredentialParameters(String type, long alg) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuthenticatorSelection(String authenticatorAttachment, String residentKey, boolean requireResidentKey,
                                         String userVerification) {
    }
}
