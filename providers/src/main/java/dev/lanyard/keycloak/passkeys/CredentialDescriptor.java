package dev.lanyard.keycloak.passkeys;

/** WebAuthn's {@code PublicKeyCredentialDescriptorJSON}: a credential id, base64url. */
public record CredentialDescriptor(String type, String id) {

    static CredentialDescriptor publicKey(String id) {
        return new CredentialDescriptor("public-key", id);
    }
}
