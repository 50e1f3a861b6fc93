package dev.lanyard.keycloak.passkeys;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.credential.CredentialModel;

import java.time.Instant;

/** One of the caller's passkeys: Keycloak's credential id, its label and when it was registered (ISO 8601). */
public record PasskeyRepresentation(String id, String label, @JsonProperty("created_at") String createdAt) {

    static PasskeyRepresentation of(CredentialModel passkey) {
        return new PasskeyRepresentation(passkey.getId(), passkey.getUserLabel(),
                passkey.getCreatedDate() == null ? null : Instant.ofEpochMilli(passkey.getCreatedDate()).toString());
    }
}
